import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle, type DialectName } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type RunningWorker, startWorker } from './d1/worker.js';

/**
 * Every database test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (CI always sets it).
 * Each test database is its own: a fresh SQLite file, or a fresh schema on the PostgreSQL server.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (process.env.CI === 'true' && !testDatabaseUrl) {
  throw new Error('CI must run the suite on PostgreSQL too: set TEST_DATABASE_URL');
}

/** The Node databases: tests of the Node server's own parts (processes, CLI, observability) run on these. */
export const dialects: DialectName[] = testDatabaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * The suites that cannot run on D1, and why: the one place that says so. A suite is the name a test/http file passes
 * to `targets()`; every other suite there runs on SQLite, PostgreSQL and D1 (the worker in miniflare) from the same
 * code. createTestApp refuses, on D1, the options only a Node app takes (a logger, an AI provider object, app parts).
 */
export const NOT_ON_D1: Readonly<Record<string, string>> = {
  accounts:
    'reads the mail the app sends from a recording mailer in this process (test/worker/accounts.test.ts covers D1)',
  'analysis-cache': "imports an exam with importExam, the CLI's interactive transaction (D1 content is generated SQL)",
  'billing: refusals logged': 'reads the log lines of a logger in this process',
  'chat-repair': 'crashes and restarts server processes (instances, leases) and fails the database under one process',
  'chat-stream':
    "scripts the AI provider in this process and checks Node's socket handling (test/worker/chat.test.ts streams on D1)",
  'coach-model-detection': 'scripts the AI provider in this process (the model reading decisions)',
  'coach-usage': 'reads the cost alert from a logger in this process, with an AI provider built here',
  drafts: "scripts the AI provider in this process and serves the app with Node's response header preset",
  'hostile-input: slow socket': "REQUEST_TIMEOUT_MS against a body that stalls on Node's socket (workerd buffers it)",
};

/** The test matrix of an HTTP suite: the Node databases, and D1 unless NOT_ON_D1 says why not. */
export function targets(suite: string): DialectName[] {
  return suite in NOT_ON_D1 ? dialects : [...dialects, 'd1'];
}

export interface TestDatabase {
  dialect: DialectName;
  handle: DatabaseHandle;
  /** A URL another process (or a second handle) can open to reach the same database. */
  url: string;
  schema?: string;
  /** On D1: the worker serving the app on this database (createTestApp drives it over HTTP). */
  worker?: RunningWorker;
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
  if (dialect === 'd1') {
    const worker = await startWorker({ bundle: 'test', migrate });
    return { dialect, handle: worker.handle, url: worker.url, worker, destroy: worker.close };
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
