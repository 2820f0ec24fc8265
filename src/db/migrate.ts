import {
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresAdapter,
  sql,
  type TableMetadata,
} from 'kysely';
import * as core from './migrations/0001_core.js';
import * as coach from './migrations/0002_coach.js';
import * as billing from './migrations/0003_billing.js';
import * as examProgress from './migrations/0004_exam_progress.js';
import * as questionVariants from './migrations/0005_question_variants.js';
import * as examMode from './migrations/0006_exam_mode.js';
import * as accounts from './migrations/0007_accounts.js';
import * as attemptAssistMarker from './migrations/0008_attempt_assist_marker.js';
import * as coachDrafts from './migrations/0009_coach_drafts.js';
import * as practiceIndex from './migrations/0010_practice_index.js';
import * as rateLimitUnlogged from './migrations/0011_rate_limit_unlogged.js';
import * as originalsIndexes from './migrations/0012_originals_indexes.js';
import type { Database } from './schema.js';

/** Migrations are listed statically so the same list works in a bundle (Workers) and from dist/. */
export const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_coach': coach,
  '0003_billing': billing,
  '0004_exam_progress': examProgress,
  '0005_question_variants': questionVariants,
  '0006_exam_mode': examMode,
  '0007_accounts': accounts,
  '0008_attempt_assist_marker': attemptAssistMarker,
  '0009_coach_drafts': coachDrafts,
  '0010_practice_index': practiceIndex,
  '0011_rate_limit_unlogged': rateLimitUnlogged,
  '0012_originals_indexes': originalsIndexes,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** `schema` pins Kysely's own tables to one PostgreSQL schema (see `migrationSchema`). */
export function createMigrator(db: Kysely<Database>, schema?: string): Migrator {
  return new Migrator({
    db: schema ? introspectingOnly(db, schema) : db,
    provider: new StaticMigrationProvider(),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/**
 * The database as the Migrator sees it, its tables listed from `schema` alone. Kysely's PostgreSQL introspector lists
 * every table of every schema on the server to find its own two, resolving each by name, so a schema or table that
 * someone else drops meanwhile (a parallel test file, another app on a shared server) failed our migrations with
 * 3F000 or 42P01 although nothing of ours changed. The Migrator only asks whether its tables exist.
 */
function introspectingOnly(db: Kysely<Database>, schema: string): Kysely<Database> {
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    async getTables(): Promise<TableMetadata[]> {
      const { rows } = await sql<{ name: string }>`
        select tablename as name from pg_catalog.pg_tables where schemaname = ${schema}`.execute(db);
      return rows.map(({ name }) => ({ name, schema, isView: false, columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property);
      // Kysely's methods use private fields: they must run on the instance itself, not on the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * On PostgreSQL, the schema this connection works in (the first of its search_path). Without it the Migrator checks
 * whether its tables exist in any schema, so another schema's `kysely_migration` on the same server (a second app,
 * or a parallel test) makes it skip creating its own and fail.
 */
async function migrationSchema(db: Kysely<Database>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

/**
 * Applies every pending migration; throws with the failing migration's name. `schema` (PostgreSQL) defaults to the
 * connection's current schema.
 */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const { error, results } = await createMigrator(db, schema ?? (await migrationSchema(db))).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * True when every known migration has been applied (for /ready). Reads Kysely's table directly: the Migrator's own
 * check looks for the table in every schema, and is fooled by another schema's table on a shared PostgreSQL server.
 */
export async function migrationsAreCurrent(db: Kysely<Database>, schema?: string): Promise<boolean> {
  let applied: Set<string>;
  try {
    const table = schema ? sql`${sql.id(schema)}.kysely_migration` : sql`kysely_migration`;
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    applied = new Set(rows.map((r) => r.name));
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === '42P01' || /no such table/i.test(message ?? '')) return false; // never migrated
    throw error;
  }
  return Object.keys(migrations).every((name) => applied.has(name));
}
