import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  type CompiledQuery,
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type QueryResult,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import { type RunAtomic, runInTransaction } from './atomic.js';
import { preparedStatementName, runPreparedDirectly } from './prepared.js';
import type { Database } from './schema.js';
import { SqliteBooleanPlugin } from './sqlite-boolean-plugin.js';

/** `d1`: Cloudflare D1 (SQLite's SQL) on Workers, see src/db/d1/. */
export type DialectName = 'sqlite' | 'postgres' | 'd1';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw driver, for the few hot paths that use prepared statements directly. */
  sqlite?: SqliteDatabase.Database;
  pgPool?: pg.Pool;
  /** The PostgreSQL schema in use when not the default (tests). */
  schema?: string;
  /** Runs one atomic operation's statement list: a transaction, or one batch on D1 (src/db/atomic.ts). */
  atomic: RunAtomic;
  close(): Promise<void>;
}

export interface ConnectOptions {
  poolSize?: number;
  /**
   * Told when a pooled PostgreSQL connection fails (the server restarted, an administrator ended it). The pool drops
   * that connection and opens a new one when needed, and a query that was running on it fails; without a listener
   * pg would re-throw the error and end the process. Default: one line on stderr.
   */
  onConnectionError?: (error: Error) => void;
  /** PostgreSQL schema to use (tests give each file its own). */
  schema?: string;
}

// int8 (COUNT, SUM) as numbers: our sums are far below 2^53. numeric as numbers. Timestamps as ISO strings,
// the same shape SQLite returns, so rows look alike on both databases. JSON and JSONB as their text, as SQLite and D1
// return them: `fromJson` parses every JSON column once, and a JSON string ("Skool") parsed twice would throw.
const INT8 = 20;
const JSON_TEXT = 114;
const JSONB = 3802;
const NUMERIC = 1700;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
  if (oid === TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
  if (oid === TIMESTAMP) return (v: string) => new Date(`${v}Z`).toISOString();
  if (oid === JSON_TEXT || oid === JSONB) return (v: string) => v;
  return pg.types.getTypeParser(oid, format ?? 'text');
}

/** Opens the database named by a `file:` or `postgres://` URL. */
export function connectDatabase(url: string, options: ConnectOptions = {}): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return connectPostgres(url, options);
  if (url.startsWith('file:')) return connectSqlite(url.slice('file:'.length));
  throw new Error(`DATABASE_URL must start with file: or postgres://, got "${url}"`);
}

/**
 * better-sqlite3 behind a cache of prepared statements by SQL text. Kysely prepares every query it runs, and on a
 * short query preparing costs as much as running it; a statement can be reused for as long as the connection lives
 * (SQLite re-prepares it by itself after a schema change). The least recently used go when the cache is full.
 */
function cachingStatements(sqlite: SqliteDatabase.Database, size = 256) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteDatabase.Statement {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * The pg pool as Kysely sees it, except that the SQL of `prepared` queries (src/db/prepared.ts) runs as named
 * prepared statements: PostgreSQL parses and plans each once per connection instead of on every call.
 */
function namingPreparedStatements(pool: pg.Pool, onConnectionError: (error: Error) => void): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  // pg's pool listens for errors only on idle clients: one that fails while checked out (a query or transaction in
  // flight when the server restarts) emits 'error' to nobody, which ends the process. The failing query rejects on
  // its own, and the pool drops the client when it comes back.
  const onCheckedOutError = (error: Error) => onConnectionError(error);
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    // biome-ignore lint/suspicious/noExplicitAny: forwards Kysely's two query signatures (SQL + values, or a cursor)
    query: ((sql: any, values?: readonly unknown[]) => {
      return typeof sql === 'string' ? client.query(pgQueryConfig(sql, values)) : client.query(sql);
    }) as PostgresPoolClient['query'],
    release: () => {
      client.removeListener('error', onCheckedOutError);
      client.release();
    },
  });
  return {
    connect: async () => {
      const client = await pool.connect();
      client.on('error', onCheckedOutError);
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}

/**
 * Switches a reading statement to rows as arrays and returns what makes each an object keyed by column name (a later
 * column of the same name wins, as in better-sqlite3's own object rows). better-sqlite3 builds object rows about twice
 * as slowly: 12 topic rows cost ~34 us as objects, ~20 us as arrays made into objects here; a browse page of 21
 * questions ~105 us against ~62 (docs/PERFORMANCE.md).
 */
function rowsAsArrays(statement: SqliteDatabase.Statement): (values: unknown[]) => Record<string, unknown> {
  const columns = statement
    .raw(true)
    .columns()
    .map((column) => column.name);
  return (values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i] as string] = values[i];
    return row;
  };
}

/**
 * An atomic statement list on better-sqlite3: one synchronous `BEGIN IMMEDIATE` transaction over cached statements,
 * with no await between the statements (nothing else can run on the connection meanwhile) and none of Kysely's
 * per-query work. While a Kysely transaction holds the connection across awaits, the list queues behind it there.
 */
function sqliteAtomic(
  sqlite: SqliteDatabase.Database,
  prepare: (sql: string) => SqliteDatabase.Statement,
  queued: RunAtomic,
): RunAtomic {
  const runAll = sqlite.transaction((queries: readonly CompiledQuery[]) =>
    queries.map((query): QueryResult<unknown> => {
      const statement = prepare(query.sql);
      const parameters = query.parameters.map((v) => (typeof v === 'boolean' ? Number(v) : v));
      if (statement.reader) {
        const rows = statement.all(parameters) as unknown[];
        // A write with RETURNING reads: its rows are the rows it changed.
        return /^\s*select\b/i.test(query.sql) ? { rows } : { rows, numAffectedRows: BigInt(rows.length) };
      }
      const { changes } = statement.run(parameters);
      return { rows: [], numAffectedRows: BigInt(changes) };
    }),
  );
  return (queries) => {
    if (sqlite.inTransaction) return queued(queries);
    try {
      return Promise.resolve(runAll.immediate(queries));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function connectSqlite(path: string): DatabaseHandle {
  const filename = path === ':memory:' ? path : resolve(path);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SqliteDatabase(filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const statements = cachingStatements(sqlite);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: statements }),
    plugins: [new SqliteBooleanPlugin()],
  });
  runPreparedDirectly(db, (sql) => {
    // Its own statement, outside the cache: prepared queries are few and run often.
    const statement = sqlite.prepare(sql);
    const reader = statement.reader;
    const toRow = reader ? rowsAsArrays(statement) : undefined;
    const run = (parameters: readonly unknown[]): QueryResult<unknown> => {
      if (toRow) return { rows: (statement.all(parameters) as unknown[][]).map(toRow) };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
    };
    return (parameters, pick) => {
      // A transaction keeps the one connection across awaits: a query from elsewhere waits for it (Kysely's mutex).
      if (sqlite.inTransaction) return undefined;
      try {
        return Promise.resolve(pick(run(parameters)));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    atomic: sqliteAtomic(sqlite, statements.prepare, runInTransaction(db)),
    async close() {
      await db.destroy();
    },
  };
}

/** A pg query config: named (prepared once per connection) when `sql` is the SQL of a `prepared` query. */
function pgQueryConfig(sql: string, values: readonly unknown[] | undefined): pg.QueryConfig {
  const name = preparedStatementName(sql);
  return name ? { name, text: sql, values: values as unknown[] } : { text: sql, values: values as unknown[] };
}

/** A pg result as Kysely reports it: the rows, and for writes the rows they touched. */
function pgQueryResult(result: pg.QueryResult): QueryResult<unknown> {
  const writes = result.command === 'INSERT' || result.command === 'UPDATE' || result.command === 'DELETE';
  return { rows: result.rows ?? [], ...(writes ? { numAffectedRows: BigInt(result.rowCount ?? 0) } : {}) };
}

/**
 * A parameter as the SQL literal PostgreSQL would read for it: a quoted string of the text pg sends for a parameter,
 * so the server resolves its type from the context as it does an untyped parameter. Undefined for values pg would
 * send in another form (buffers, objects, dates): such a list is run statement by statement.
 */
function pgLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return value.includes('\0') ? undefined : pg.escapeLiteral(value);
    case 'number':
    case 'bigint':
    case 'boolean':
      return pg.escapeLiteral(String(value));
    default:
      return undefined;
  }
}

/** A statement's SQL with its values written in, or undefined when a value cannot be. */
function withLiterals(sql: string, parameters: readonly unknown[]): string | undefined {
  let unwritable = false;
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const literal = pgLiteral(parameters[Number(n) - 1]);
    if (literal === undefined) unwritable = true;
    return literal ?? '';
  });
  return unwritable ? undefined : text;
}

/** The SQL-level (`PREPARE`) name of a prepared query's SQL in statement lists; pg's own names are protocol-level. */
const listStatementNames = new Map<string, string>();

function listStatementName(sql: string): string | undefined {
  let name = listStatementNames.get(sql);
  if (name === undefined && preparedStatementName(sql) !== undefined) {
    name = `pwl_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    listStatementNames.set(sql, name);
  }
  return name;
}

/** Per pooled connection, the list statements it holds prepared (a prepared statement lives as long as its session). */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * Prepares on `client`, once per connection, each prepared query of the list under its list name, one `PREPARE` at a
 * time outside any transaction, so a list that fails later never leaves a name half-known.
 */
async function prepareListStatements(client: pg.PoolClient, queries: readonly CompiledQuery[]): Promise<Set<string>> {
  let held = preparedOn.get(client);
  if (!held) {
    held = new Set();
    preparedOn.set(client, held);
  }
  for (const query of queries) {
    const name = listStatementName(query.sql);
    if (name === undefined || held.has(name)) continue;
    await client.query(`prepare ${name} as ${query.sql}`);
    held.add(name);
  }
  return held;
}

/**
 * The list as one multi-statement query text: `execute` of each prepared query the connection holds, the others with
 * their values written in; undefined when a value cannot be written as a literal.
 */
function listText(queries: readonly CompiledQuery[], held: ReadonlySet<string>): string | undefined {
  const texts: string[] = [];
  for (const query of queries) {
    const name = listStatementName(query.sql);
    let text: string | undefined;
    if (name !== undefined && held.has(name)) {
      const literals = query.parameters.map(pgLiteral);
      if (literals.every((l) => l !== undefined)) {
        text = literals.length > 0 ? `execute ${name}(${literals.join(', ')})` : `execute ${name}`;
      }
    } else {
      text = withLiterals(query.sql, query.parameters);
    }
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts.join(';\n');
}

/**
 * An atomic statement list on PostgreSQL, in one round trip: one simple-protocol query, which PostgreSQL runs as one
 * transaction (read committed, as Kysely's are; any failure rolls all of it back). Each `prepared` query in it goes as
 * `execute` of a statement the connection prepared the first time it ran one (parsed and planned once per connection,
 * like pg's named statements), the others with their values written in as literals. Statement by statement a spend
 * took seven round trips (`begin`, five statements, `commit`), each costing more CPU than the statement
 * (docs/PERFORMANCE.md). A list with a value that cannot be written as a literal runs that way still. A connection
 * whose rollback failed is dropped from the pool, not reused.
 */
function postgresAtomic(pool: pg.Pool, onConnectionError: (error: Error) => void): RunAtomic {
  return async (queries) => {
    if (queries.length === 0) return [];
    const client = await pool.connect();
    // pg's pool listens for errors only on idle clients (see namingPreparedStatements).
    client.on('error', onConnectionError);
    let broken: Error | undefined;
    let open = false;
    try {
      const text = listText(queries, await prepareListStatements(client, queries));
      if (text !== undefined) {
        const results = (await client.query(text)) as pg.QueryResult | pg.QueryResult[];
        return (Array.isArray(results) ? results : [results]).map(pgQueryResult);
      }
      await client.query('begin');
      open = true;
      const results: Array<QueryResult<unknown>> = [];
      for (const query of queries)
        results.push(pgQueryResult(await client.query(pgQueryConfig(query.sql, query.parameters))));
      await client.query('commit');
      return results;
    } catch (error) {
      if (open) {
        await client.query('rollback').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
      }
      throw error;
    } finally {
      client.removeListener('error', onConnectionError);
      client.release(broken);
    }
  };
}

function connectPostgres(url: string, options: ConnectOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: { getTypeParser } as pg.CustomTypesConfig,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const onConnectionError =
    options.onConnectionError ??
    ((error: Error) => process.stderr.write(`PostgreSQL: a pooled connection failed: ${error.message}\n`));
  pool.on('error', onConnectionError);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: namingPreparedStatements(pool, onConnectionError) }),
  });
  runPreparedDirectly(db, (sql) => {
    // The pool's callback form: one promise per query (ours) instead of the pool's and a `then` on it.
    return (parameters, pick) =>
      new Promise((resolve, reject) => {
        pool.query(pgQueryConfig(sql, parameters), (error: Error | undefined, result: pg.QueryResult) => {
          if (error) return reject(error);
          try {
            resolve(pick(pgQueryResult(result)));
          } catch (failure) {
            reject(failure);
          }
        });
      });
  });
  return {
    db,
    dialect: 'postgres',
    pgPool: pool,
    atomic: postgresAtomic(pool, onConnectionError),
    ...(options.schema ? { schema: options.schema } : {}),
    async close() {
      await db.destroy();
    },
  };
}
