import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type SchemaMetadata,
  SqliteAdapter,
  SqliteQueryCompiler,
  sql,
  type TableMetadata,
} from 'kysely';
import type { RunAtomic } from '../atomic.js';

/**
 * The parts of Cloudflare's D1 binding we use, typed here so Node code (tests, scripts) needs no Workers types.
 * Miniflare's `getD1Database()` returns the same shape, so tests reach the worker's database through this dialect too.
 */
export interface D1Database {
  prepare(query: string): D1PreparedStatement;
  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<Array<D1Result<T>>>;
}

export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  all<T = unknown>(): Promise<D1Result<T>>;
}

export interface D1Result<T = unknown> {
  results?: T[];
  success: boolean;
  meta: { changes?: number; last_row_id?: number; [key: string]: unknown };
}

export const NO_INTERACTIVE_TRANSACTIONS =
  'D1 has no interactive transactions: atomic work goes through `deps.atomic` (one batch of statements), see docs/WORKERS.md';

function toQueryResult(result: D1Result, sql: string): QueryResult<unknown> {
  const changes = result.meta.changes ?? 0;
  // D1 reports the last write's count on every statement; only writes have affected rows.
  const isWrite = /^\s*(insert|update|delete|replace)\b/i.test(sql);
  return {
    rows: result.results ?? [],
    ...(isWrite ? { numAffectedRows: BigInt(changes) } : {}),
    ...(isWrite && result.meta.last_row_id !== undefined ? { insertId: BigInt(result.meta.last_row_id) } : {}),
  };
}

function prepare(d1: D1Database, query: CompiledQuery): D1PreparedStatement {
  const statement = d1.prepare(query.sql);
  return query.parameters.length > 0 ? statement.bind(...query.parameters) : statement;
}

class D1Connection implements DatabaseConnection {
  constructor(private readonly d1: D1Database) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return toQueryResult(await prepare(this.d1, query).all(), query.sql) as QueryResult<R>;
  }

  // biome-ignore lint/correctness/useYield: D1 returns whole results; Kysely's stream() is not supported here
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('D1 does not stream query results');
  }
}

class D1Driver implements Driver {
  readonly #connection: D1Connection;

  constructor(d1: D1Database) {
    this.#connection = new D1Connection(d1);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  /** Refuses loudly: pretending (running the statements one by one) would silently drop atomicity. */
  async beginTransaction(): Promise<void> {
    throw new Error(NO_INTERACTIVE_TRANSACTIONS);
  }

  async commitTransaction(): Promise<void> {
    throw new Error(NO_INTERACTIVE_TRANSACTIONS);
  }

  async rollbackTransaction(): Promise<void> {
    throw new Error(NO_INTERACTIVE_TRANSACTIONS);
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

/** Kysely on Cloudflare D1: SQLite's SQL, each query one `prepare().bind().all()`, no interactive transactions. */
export class D1Dialect implements Dialect {
  constructor(private readonly d1: D1Database) {}

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new D1Driver(this.d1);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new D1Introspector(db);
  }
}

/**
 * SQLite's introspector joins `pragma_table_info()`, which D1 does not authorise; D1 does allow the `PRAGMA
 * table_info` statement, so columns are read table by table. Kysely's Migrator needs this to find its own tables.
 */
class D1Introspector implements DatabaseIntrospector {
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector signature
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    return [];
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    let query = this.db
      .selectFrom('sqlite_master')
      .select(['name', 'type'])
      .where('type', 'in', ['table', 'view'])
      .where('name', 'not like', 'sqlite_%')
      // D1's own tables
      .where('name', 'not like', '_cf_%')
      .orderBy('name');
    if (!options.withInternalKyselyTables) {
      query = query.where('name', 'not in', [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);
    }
    const tables: Array<{ name: string; type: string }> = await query.execute();
    const result: TableMetadata[] = [];
    for (const table of tables) {
      const { rows } = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`
        pragma table_info(${sql.lit(table.name)})`.execute(this.db);
      result.push({
        name: table.name,
        isView: table.type === 'view',
        columns: rows.map((c) => ({
          name: c.name,
          dataType: c.type,
          isNullable: !c.notnull,
          isAutoIncrementing:
            c.pk > 0 && c.type.toLowerCase() === 'integer' && rows.filter((r) => r.pk > 0).length === 1,
          hasDefaultValue: c.dflt_value !== null,
        })),
      });
    }
    return result;
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

/** One D1 `batch()`: the statements run in order inside one transaction; any failure rolls all of them back. */
export function d1Atomic(d1: D1Database): RunAtomic {
  return async (queries) => {
    if (queries.length === 0) return [];
    const results = await d1.batch(queries.map((q) => prepare(d1, q)));
    return results.map((result, i) => toQueryResult(result, queries[i]!.sql));
  };
}
