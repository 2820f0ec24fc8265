import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { isDatabaseUnavailable, isUniqueViolation } from '../../src/db/errors.js';
import { memoryLogger } from '../../src/platform/logger.js';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../support/databases.js';
import { createTestApp } from '../support/test-app.js';

// Nothing listens on port 1: connecting is refused at once, with the error pg gives for a database that is down.
const UNREACHABLE_URL = 'postgres://postgres@127.0.0.1:1/pathwise';

const terminate = async (pid: number | undefined) => {
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    return (await admin.query('select pg_terminate_backend($1) as ended', [pid])).rows[0]?.ended as boolean;
  } finally {
    await admin.end();
  }
};

const backendPid = async (handle: DatabaseHandle) =>
  (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]?.pid;

// A PostgreSQL server that restarts, or an administrator ending sessions, fails the pool's idle connections. pg's pool
// re-emits that as an 'error' event, which ends the process when nobody listens: the server must survive it and serve
// the next query on a new connection.
describe.runIf(testDatabaseUrl)('an idle PostgreSQL connection ended by the server', () => {
  let handle: DatabaseHandle;
  const failures: Error[] = [];

  beforeAll(() => {
    handle = connectDatabase(testDatabaseUrl as string, {
      poolSize: 2,
      onConnectionError: (error) => failures.push(error),
    });
  });
  afterAll(() => handle.close());

  it('is reported, dropped, and replaced by a new connection for the next query', async () => {
    const pid = await backendPid(handle);
    expect(pid).toBeTypeOf('number');
    expect(await terminate(pid)).toBe(true);
    for (let waited = 0; failures.length === 0 && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toMatch(/terminat/i);
    const next = await backendPid(handle);
    expect(next).toBeTypeOf('number');
    expect(next).not.toBe(pid);
  });

  it('fails a query running on a connection the server ends with an error that reads as unavailable', async () => {
    const outcome = sql`select pg_sleep(10)`.execute(handle.db).then(
      () => undefined,
      (error: unknown) => error,
    );
    let pid: number | undefined;
    // The sleeping backend, found from a second pooled connection.
    for (let tries = 0; pid === undefined && tries < 100; tries++) {
      const found = await sql<{ pid: number }>`
        select pid from pg_stat_activity where query = 'select pg_sleep(10)' and state = 'active'`.execute(handle.db);
      pid = found.rows[0]?.pid;
      if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await terminate(pid)).toBe(true);
    const failure = await outcome;
    expect(failure).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(failure)).toBe(true);
    // The connection's own 'error' event (it was checked out, so pg's pool was not listening) is reported, not thrown.
    for (let waited = 0; failures.length < 2 && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(failures.map((f) => f.message)).toContain('Connection terminated unexpectedly');
    expect(await backendPid(handle)).toBeTypeOf('number');
  });
});

describe.runIf(testDatabaseUrl)('a PostgreSQL connection ended while a transaction holds it', () => {
  it('is reported rather than thrown, and the transaction fails as unavailable', async () => {
    const failures: Error[] = [];
    const handle = connectDatabase(testDatabaseUrl as string, {
      poolSize: 2,
      onConnectionError: (error) => failures.push(error),
    });
    try {
      const outcome = handle.db
        .transaction()
        .execute(async (trx) => {
          const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid;
          // Checked out and between statements: pg's pool is not listening to this connection now.
          expect(await terminate(pid)).toBe(true);
          for (let waited = 0; failures.length === 0 && waited < 5000; waited += 20) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await sql`select 1`.execute(trx);
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      const failure = await outcome;
      expect(failures.length).toBeGreaterThanOrEqual(1);
      expect(failure).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(failure)).toBe(true);
      expect(await backendPid(handle)).toBeTypeOf('number');
    } finally {
      await handle.close();
    }
  });
});

describe('a database that cannot be reached', () => {
  it('gives errors that read as unavailable, unlike errors of the request itself', async () => {
    const handle = connectDatabase(UNREACHABLE_URL, { onConnectionError: () => {} });
    try {
      const refused = await sql`select 1`.execute(handle.db).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
      expect(isDatabaseUnavailable(refused)).toBe(true);
      expect(isDatabaseUnavailable(new Error('boom', { cause: refused }))).toBe(true);
    } finally {
      await handle.close();
    }
    const duplicate = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });

  it('answers 503 in the error envelope with Retry-After, logged as a warning rather than a bug', async () => {
    const logger = memoryLogger();
    const down: TestDatabase = {
      dialect: 'postgres',
      handle: connectDatabase(UNREACHABLE_URL, { onConnectionError: () => {} }),
      url: UNREACHABLE_URL,
      destroy: async () => {},
    };
    const t = createTestApp(down, { logger });
    try {
      const res = await t.call('GET', '/api/courses/calc2/topics');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.json.error).toMatchObject({ code: 'service_unavailable', requestId: expect.any(String) });
      expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: 'database unavailable', path: '/api/courses/calc2/topics' }),
      );
    } finally {
      await down.handle.close();
    }
  });

  it('still answers 500 for an error that is a bug', async () => {
    const db = await createTestDatabase('sqlite');
    const logger = memoryLogger();
    const t = createTestApp(db, { logger });
    try {
      await t.seedFixture({ id: 'broken' });
      // A query that cannot run is what a bug looks like from here: the route reads a table that is gone.
      await sql`drop table topics`.execute(db.handle.db);
      const res = await t.call('GET', '/api/courses/broken/topics');
      expect(res.status).toBe(500);
      expect(res.headers.get('retry-after')).toBeNull();
      expect(res.json.error.code).toBe('internal_error');
      expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'unhandled error' }));
    } finally {
      await db.destroy();
    }
  });
});
