import { sql } from 'kysely';
import { type AnyDb, isPostgres } from './column-types.js';

/**
 * Rate-limit counters are written on every limited request and are worth nothing after a database crash (a window
 * lasts a minute; the Redis store keeps nothing on disk either). On PostgreSQL the table becomes UNLOGGED: its writes
 * skip the WAL, so counting no longer waits for a disk flush while holding the hot row (one address counts every
 * expensive request), and the request's one flushed commit is its own. After a crash PostgreSQL empties the table:
 * every window starts again (docs/SECURITY.md). SQLite and D1 have no such table kind.
 */
export async function up(db: AnyDb): Promise<void> {
  if (isPostgres(db)) await sql`alter table rate_limit_buckets set unlogged`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (isPostgres(db)) await sql`alter table rate_limit_buckets set logged`.execute(db);
}
