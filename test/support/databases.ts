import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle, type DialectName } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * Every database test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (CI always sets it).
 * Each test database is its own: a fresh SQLite file, or a fresh schema on the PostgreSQL server.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (process.env.CI === 'true' && !testDatabaseUrl) {
  throw new Error('CI must run the suite on PostgreSQL too: set TEST_DATABASE_URL');
}

export const dialects: DialectName[] = testDatabaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  dialect: DialectName;
  handle: DatabaseHandle;
  /** A URL another process (or a second handle) can open to reach the same database. */
  url: string;
  schema?: string;
  destroy(): Promise<void>;
}

export async function createTestDatabase(
  dialect: DialectName,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pathwise-test-'));
    const url = `file:${join(dir, 'test.db')}`;
    const handle = connectDatabase(url);
    if (migrate) await migrateToLatest(handle.db);
    return {
      dialect,
      handle,
      url,
      async destroy() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = connectDatabase(testDatabaseUrl, { schema, poolSize: 10 });
  if (migrate) await migrateToLatest(handle.db, schema);
  return {
    dialect,
    handle,
    url: testDatabaseUrl,
    schema,
    async destroy() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}
