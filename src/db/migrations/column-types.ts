import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Dialect-specific column types for migrations. Migrations take `Kysely<any>` (they describe the schema as it was
 * at their version, not today's types) and never import application code.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no particular schema version
export type AnyDb = Kysely<any>;

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function columnTypes(db: AnyDb) {
  const pg = isPostgres(db);
  return {
    timestamp: pg ? sql`timestamptz` : sql`text`,
    json: pg ? sql`jsonb` : sql`text`,
    boolean: pg ? sql`boolean` : sql`integer`,
    decimal: (precision: number, scale: number) => (pg ? sql.raw(`numeric(${precision},${scale})`) : sql`real`),
    bigint: pg ? sql`bigint` : sql`integer`,
    now: pg ? sql`CURRENT_TIMESTAMP` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    true: pg ? sql`true` : sql`1`,
    false: pg ? sql`false` : sql`0`,
  };
}
