import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../support/databases.js';

// Kysely's Migrator lists every table of every schema to find its own; a schema or table dropped meanwhile by someone
// else (here: a loop creating and dropping schemas, as parallel test files do) failed that listing with 3F000 or
// 42P01. migrateToLatest lists our schema alone; with Kysely's listing a third of these runs failed, and a retry on
// 3F000 still failed about one in ten, so twenty in a row pass by chance about once in a thousand.
describe.runIf(testDatabaseUrl)('migrations on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => database.destroy());

  it('apply (and re-check) while other schemas come and go on the same server, without failing on one not ours', async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    let stop = false;
    const churn = (async () => {
      for (let i = 0; !stop; i++) {
        const schema = `test_churn_${process.pid}_${i}`;
        await admin.query(`create schema ${schema}; create table ${schema}.t (id serial primary key, a text, b int)`);
        await admin.query(`drop schema ${schema} cascade`);
      }
    })();
    try {
      for (let run = 0; run < 20; run++) {
        expect(await migrateToLatest(database.handle.db, database.schema)).toEqual([]);
      }
    } finally {
      stop = true;
      await churn;
      await admin.end();
    }
  });

  it('keep the rate-limit counters in an UNLOGGED table (migration 0011: counting skips the WAL and its flush)', async () => {
    const { rows } = await database.handle.pgPool!.query<{ relpersistence: string }>(
      `select c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relname = 'rate_limit_buckets' and n.nspname = $1`,
      [database.schema],
    );
    expect(rows).toEqual([{ relpersistence: 'u' }]);
  });
});
