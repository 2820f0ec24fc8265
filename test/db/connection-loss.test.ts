import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { testDatabaseUrl } from '../support/databases.js';

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

  const backendPid = async () =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]?.pid;

  it('is reported, dropped, and replaced by a new connection for the next query', async () => {
    const pid = await backendPid();
    expect(pid).toBeTypeOf('number');

    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    try {
      const ended = await admin.query('select pg_terminate_backend($1) as ended', [pid]);
      expect(ended.rows[0]?.ended).toBe(true);
    } finally {
      await admin.end();
    }
    for (let waited = 0; failures.length === 0 && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toMatch(/terminat/i);
    const next = await backendPid();
    expect(next).toBeTypeOf('number');
    expect(next).not.toBe(pid);
  });
});
