import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { SqliteBooleanPlugin } from './sqlite-boolean-plugin.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw driver, for the few hot paths that use prepared statements directly. */
  sqlite?: SqliteDatabase.Database;
  pgPool?: pg.Pool;
  /** The PostgreSQL schema in use when not the default (tests). */
  schema?: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  poolSize?: number;
  /** PostgreSQL schema to use (tests give each file its own). */
  schema?: string;
}

// int8 (COUNT, SUM) as numbers: our sums are far below 2^53. numeric as numbers. Timestamps as ISO strings,
// the same shape SQLite returns, so rows look alike on both databases.
const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
  if (oid === TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
  if (oid === TIMESTAMP) return (v: string) => new Date(`${v}Z`).toISOString();
  return pg.types.getTypeParser(oid, format ?? 'text');
}

/** Opens the database named by a `file:` or `postgres://` URL. */
export function connectDatabase(url: string, options: ConnectOptions = {}): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return connectPostgres(url, options);
  if (url.startsWith('file:')) return connectSqlite(url.slice('file:'.length));
  throw new Error(`DATABASE_URL must start with file: or postgres://, got "${url}"`);
}

function connectSqlite(path: string): DatabaseHandle {
  const filename = path === ':memory:' ? path : resolve(path);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SqliteDatabase(filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new SqliteBooleanPlugin()],
  });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}

function connectPostgres(url: string, options: ConnectOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: { getTypeParser } as pg.CustomTypesConfig,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    pgPool: pool,
    ...(options.schema ? { schema: options.schema } : {}),
    async close() {
      await db.destroy();
    },
  };
}
