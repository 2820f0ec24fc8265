import { type Compilable, type CompiledQuery, type QueryResult, SqliteAdapter } from 'kysely';
import type { Db, Tx } from './transaction.js';

/**
 * Hot-path queries, written with Kysely but compiled once instead of on every call. A query built per request costs
 * more CPU than running it (building the operation tree, plugins, compiling, then preparing the SQL): on the read
 * path that made Kysely as-is reach 0.62 of a bare server. A `prepared` query is built once per dialect with
 * placeholder parameters; each call only substitutes the values and runs the same SQL text, which the driver layer
 * (`connection.ts`) keeps prepared: a cached better-sqlite3 statement, or a named PostgreSQL prepared statement
 * (parsed and planned once per connection).
 *
 * Outside a transaction a prepared query skips Kysely's executor altogether and goes to the driver the database
 * registered (`runPreparedDirectly`): on SQLite the query's own better-sqlite3 statement runs synchronously, unless a
 * transaction holds the one connection (then it queues for it through Kysely like any query); on PostgreSQL
 * `pool.query` with the statement name. Kysely's connection acquisition, mutex and result plugins cost more than the
 * query on the read path.
 *
 * Rules for a prepared query: a fixed shape (no optional filters, no `in` lists of varying length; write one prepared
 * query per shape and fall back to the builder for the rest), explicit columns instead of `selectAll()` (a named
 * statement's result columns are fixed when it is prepared), and booleans as literals in the query, not parameters.
 */

/** A parameter slot: stands in for a value while the query is compiled. */
class Slot {
  constructor(readonly name: string) {}
}

interface Template {
  compiled: CompiledQuery;
  /** Per compiled parameter: the name of the value to bind, or a constant compiled into the query. */
  slots: ReadonlyArray<Slot | { constant: unknown }>;
  sqlite: boolean;
}

export interface PreparedQuery<P, R> {
  /** The raw result: rows, and numAffectedRows for writes. */
  execute(db: Db | Tx, params: P): Promise<QueryResult<R>>;
  rows(db: Db | Tx, params: P): Promise<R[]>;
  first(db: Db | Tx, params: P): Promise<R | undefined>;
  /** The query with these values, for a statement list (`deps.atomic`): compiled once, only the values bound here. */
  compile(db: Db | Tx, params: P): CompiledQuery<R>;
}

/** What a caller wants of a result (all of it, the rows, the first row), applied where the driver's result arrives. */
export type ResultPick<T> = (result: QueryResult<unknown>) => T;

/**
 * One prepared query's SQL, ready to run on a driver: its result, through `pick`, in one promise (each promise hop
 * on the read path costs CPU: three queries a request, see docs/PERFORMANCE.md). `undefined` when it cannot run now
 * (it then goes through Kysely).
 */
export type DirectStatement = <T>(parameters: readonly unknown[], pick: ResultPick<T>) => Promise<T> | undefined;

/** Prepares a prepared query's SQL on the root database's driver, for runs outside any transaction. */
export type DirectDriver = (sql: string) => DirectStatement;

const directDrivers = new WeakMap<object, DirectDriver>();

/** Lets prepared queries on `db` (the root Kysely instance, not a transaction) run on `driver`. */
export function runPreparedDirectly(db: object, driver: DirectDriver): void {
  directDrivers.set(db, driver);
}

/** SQL texts of prepared queries and the statement names PostgreSQL knows them by (see `connection.ts`). */
const statementNames = new Map<string, string>();

/** The name to prepare `sql` under, when it is the SQL of a `prepared` query. */
export function preparedStatementName(sql: string): string | undefined {
  return statementNames.get(sql);
}

/** better-sqlite3 binds no booleans (SqliteBooleanPlugin converts literals; values bound later bypass plugins). */
const sqliteValue = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value);

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * Declares a query compiled once per dialect. `build` receives the database and a stand-in for the parameters:
 * use `params.x` wherever the value goes, e.g.
 * `prepared<{ id: string }, Row>('findUser', (db, p) => db.selectFrom('users').select(['id']).where('id', '=', p.id))`.
 */
export function prepared<P extends Record<string, unknown>, R>(
  label: string,
  build: (db: Db, params: P) => Compilable<R>,
): PreparedQuery<P, R> {
  const templates = new Map<unknown, Template>();
  // Per database object: its template and, for the root database, its driver's statement (null: none registered).
  const perDb = new WeakMap<object, { template: Template; statement: DirectStatement | null }>();
  const stand = new Proxy({} as P, { get: (_target, name) => new Slot(String(name)) });

  function template(db: Db | Tx): Template {
    const adapter = db.getExecutor().adapter;
    let t = templates.get(adapter.constructor);
    if (!t) {
      const compiled = build(db as Db, stand).compile();
      const sqlite = adapter instanceof SqliteAdapter;
      t = {
        compiled,
        slots: compiled.parameters.map((v) => (v instanceof Slot ? v : { constant: sqlite ? sqliteValue(v) : v })),
        sqlite,
      };
      statementNames.set(compiled.sql, `pw_${label}_${fnv1a(compiled.sql)}`);
      templates.set(adapter.constructor, t);
    }
    return t;
  }

  function forDb(db: Db | Tx) {
    let entry = perDb.get(db);
    if (!entry) {
      const t = template(db);
      const driver = db.isTransaction ? undefined : directDrivers.get(db);
      entry = { template: t, statement: driver ? driver(t.compiled.sql) : null };
      perDb.set(db, entry);
    }
    return entry;
  }

  function bind(t: Template, params: P): unknown[] {
    const parameters = new Array<unknown>(t.slots.length);
    for (let i = 0; i < t.slots.length; i++) {
      const slot = t.slots[i] as Slot | { constant: unknown };
      parameters[i] =
        slot instanceof Slot ? (t.sqlite ? sqliteValue(params[slot.name]) : params[slot.name]) : slot.constant;
    }
    return parameters;
  }

  function run<T>(db: Db | Tx, params: P, pick: ResultPick<T>): Promise<T> {
    const { template: t, statement } = forDb(db);
    const parameters = bind(t, params);
    return (
      statement?.(parameters, pick) ??
      db.executeQuery({ ...t.compiled, parameters } as CompiledQuery<unknown>).then(pick)
    );
  }

  return {
    execute: (db, params) => run(db, params, wholeResult as ResultPick<QueryResult<R>>),
    rows: (db, params) => run(db, params, allRows as ResultPick<R[]>),
    first: (db, params) => run(db, params, firstRow as ResultPick<R | undefined>),
    compile: (db, params) => {
      const t = template(db);
      return { ...t.compiled, parameters: bind(t, params) } as CompiledQuery<R>;
    },
  };
}

const wholeResult: ResultPick<QueryResult<unknown>> = (result) => result;
const allRows: ResultPick<unknown[]> = (result) => result.rows;
const firstRow: ResultPick<unknown> = (result) => result.rows[0];
