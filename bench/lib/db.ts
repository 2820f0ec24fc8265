import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle, type DialectName } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { NewUser } from '../../src/db/schema.js';
import { seedDemoContent } from '../../src/exam/ingest/seed-demo.js';
import { hashToken } from '../../src/platform/auth/tokens.js';

/** A database prepared for a benchmark: migrated, demo courses seeded, users with live sessions. */
export interface BenchDatabase {
  dialect: DialectName;
  url: string;
  users: BenchUser[];
}

export interface BenchUser {
  id: string;
  email: string;
  token: string;
}

export interface DatabasePlace {
  /** Directory for SQLite files. */
  dir: string;
  /** A PostgreSQL URL of a maintenance database (`.../postgres`), or undefined to skip PostgreSQL. */
  pgAdminUrl: string | undefined;
}

export const BENCH_PASSWORD = 'correct horse battery staple';

function pgUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function pgAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database named `name` (a SQLite file, or a PostgreSQL database dropped and re-created). */
export async function freshDatabase(place: DatabasePlace, dialect: DialectName, name: string): Promise<string> {
  if (dialect === 'sqlite') {
    const file = join(place.dir, `${name}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    return `file:${file}`;
  }
  if (!place.pgAdminUrl) throw new Error('PostgreSQL is not available for this run');
  const database = `pathwise_bench_${name.replace(/[^a-z0-9_]/gi, '_')}`.toLowerCase();
  await pgAdmin(place.pgAdminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${database}`);
  });
  return pgUrl(place.pgAdminUrl, database);
}

/** A copy of a prepared database for another server (SQLite: the file; PostgreSQL: CREATE DATABASE ... TEMPLATE). */
export async function cloneDatabase(place: DatabasePlace, source: BenchDatabase, name: string): Promise<BenchDatabase> {
  if (source.dialect === 'sqlite') {
    const from = source.url.slice('file:'.length);
    const to = join(place.dir, `${name}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${to}${suffix}`, { force: true });
    copyFileSync(from, to);
    if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
    return { ...source, url: `file:${to}` };
  }
  if (!place.pgAdminUrl) throw new Error('PostgreSQL is not available for this run');
  const from = new URL(source.url).pathname.slice(1);
  const database = `pathwise_bench_${name.replace(/[^a-z0-9_]/gi, '_')}`.toLowerCase();
  await pgAdmin(place.pgAdminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${database} TEMPLATE ${from}`);
  });
  return { ...source, url: pgUrl(place.pgAdminUrl, database) };
}

export async function dropDatabase(place: DatabasePlace, db: BenchDatabase): Promise<void> {
  if (db.dialect === 'sqlite') {
    const file = db.url.slice('file:'.length);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    return;
  }
  if (!place.pgAdminUrl) return;
  const database = new URL(db.url).pathname.slice(1);
  await pgAdmin(place.pgAdminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}

export async function pgAvailable(adminUrl: string): Promise<boolean> {
  try {
    await pgAdmin(adminUrl, (c) => c.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

export async function withHandle<T>(url: string, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = connectDatabase(url, { poolSize: 4 });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/**
 * Inserts `count` users (all with the same password hash, `credits` each, on `plan`) and one live session each,
 * directly in the database: registering through the API would cost a 600k-iteration hash per user.
 */
export async function insertUsers(
  handle: DatabaseHandle,
  options: { count: number; prefix: string; passwordHash: string; credits: number; plan?: 'free' | 'unlimited' },
): Promise<BenchUser[]> {
  const now = new Date();
  const nowIso = now.toISOString();
  const expires = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  const users: BenchUser[] = [];
  for (let i = 0; i < options.count; i++) {
    const token = `bench-${options.prefix}-${i}-${crypto.randomUUID()}`;
    users.push({ id: crypto.randomUUID(), email: `${options.prefix}-${i}@bench.example`, token });
  }
  const batch = 200;
  for (let start = 0; start < users.length; start += batch) {
    const slice = users.slice(start, start + batch);
    const rows: NewUser[] = slice.map((u) => ({
      id: u.id,
      email: u.email,
      name: `Bench ${u.email}`,
      password_hash: options.passwordHash,
      credits: options.credits,
      monthly_credits: 5,
      plan: options.plan ?? 'free',
      credits_reset_at: now.getTime() + 365 * 86_400_000,
      created_at: nowIso,
      updated_at: nowIso,
    }));
    const sessions = await Promise.all(
      slice.map(async (u) => ({
        id: await hashToken(u.token),
        user_id: u.id,
        expires_at: expires,
        created_at: nowIso,
        last_refreshed_at: nowIso,
        public_id: crypto.randomUUID(),
      })),
    );
    await handle.db.transaction().execute(async (tx) => {
      await tx.insertInto('users').values(rows).execute();
      await tx.insertInto('sessions').values(sessions).execute();
    });
  }
  return users;
}

/** Migrates an empty database and seeds the demo courses (calc2, calc3). */
export async function migrateAndSeed(handle: DatabaseHandle): Promise<void> {
  await migrateToLatest(handle.db);
  await seedDemoContent(handle.db, new Date());
}

/** The PostgreSQL backend processes connected to `db` (for their CPU time); none on SQLite. */
export function backendPids(place: DatabasePlace, db: BenchDatabase): (() => Promise<number[]>) | undefined {
  if (db.dialect !== 'postgres' || !place.pgAdminUrl) return undefined;
  const name = new URL(db.url).pathname.slice(1);
  return () =>
    pgAdmin(place.pgAdminUrl!, async (c) => {
      const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
      return rows.map((r) => r.pid);
    });
}
