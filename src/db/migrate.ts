import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  PostgresAdapter,
  sql,
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
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** `schema` pins Kysely's own tables to one PostgreSQL schema (see `migrationSchema`). */
export function createMigrator(db: Kysely<Database>, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    ...(schema ? { migrationTableSchema: schema } : {}),
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
 * Kysely's Migrator looks for its own tables by listing every table of every schema on the server, resolving each by
 * name (`pg_get_serial_sequence`); a schema someone else drops during that listing fails it with 3F000 naming that
 * schema, although nothing of ours changed. Seen when parallel test files drop their schemas; possible on any shared
 * server. Such a failure happens before any migration runs, so running again is safe.
 */
function anotherSchemaDropped({ error, results }: MigrationResultSet, ours: string | undefined): boolean {
  if (results?.some((r) => r.status === 'Error')) return false;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code !== '3F000') return false;
  const named = /schema "([^"]+)" does not exist/.exec(message ?? '')?.[1];
  return named !== undefined && named !== ours;
}

const MIGRATE_ATTEMPTS = 10;

/**
 * Applies every pending migration; throws with the failing migration's name. `schema` (PostgreSQL) defaults to the
 * connection's current schema.
 */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const ours = schema ?? (await migrationSchema(db));
  let outcome = await createMigrator(db, ours).migrateToLatest();
  for (let attempt = 1; attempt < MIGRATE_ATTEMPTS && anotherSchemaDropped(outcome, ours); attempt++) {
    outcome = await createMigrator(db, ours).migrateToLatest();
  }
  const { error, results } = outcome;
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
