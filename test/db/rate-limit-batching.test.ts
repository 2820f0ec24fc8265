import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  batchingDatabaseRateLimitStore,
  databaseRateLimitStore,
} from '../../src/platform/limits/rate-limit.middleware.js';
import { readBucket } from '../../src/platform/limits/rate-limit.repo.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';

const MINUTE = 60_000;
const window = (start: number) => ({ start, ms: MINUTE });

describe.each(dialects)('rate-limit counts batched per turn on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database.destroy());

  it('hands each hit of a batch the count it would have had alone, in arrival order', async () => {
    const store = batchingDatabaseRateLimitStore(database.handle.db);
    // Ten requests in one turn: five users, two requests each, all from one address.
    const hits = Array.from({ length: 10 }, (_, i) => store.hit([`user:${i % 5}`, 'ip:shared'], window(0)));
    const counts = await Promise.all(hits);
    expect(counts.map(([, ip]) => ip)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(counts.map(([user]) => user)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(await readBucket(database.handle.db, 'ip:shared', 0)).toBe(10);
    expect(await readBucket(database.handle.db, 'user:3', 0)).toBe(2);

    // The next turn, and a hit counted on its own, carry on from there.
    expect(await store.hit(['ip:shared'], window(0))).toEqual([11]);
    expect(await databaseRateLimitStore(database.handle.db).hit(['ip:shared'], window(0))).toEqual([12]);
    expect(await store.hit(['ip:shared'], window(0))).toEqual([13]);
  });

  it('keeps windows apart and counts more buckets than one statement takes', async () => {
    const store = batchingDatabaseRateLimitStore(database.handle.db);
    const hits = Array.from({ length: 80 }, (_, i) =>
      store.hit([`many:${i % 40}`], window(i < 40 ? MINUTE : 2 * MINUTE)),
    );
    const counts = (await Promise.all(hits)).map(([count]) => count);
    expect(counts).toEqual(Array.from({ length: 80 }, () => 1));
    expect(await readBucket(database.handle.db, 'many:7', MINUTE)).toBe(1);
    expect(await readBucket(database.handle.db, 'many:7', 2 * MINUTE)).toBe(1);
  });

  it('fails every hit of a batch when the database does', async () => {
    const other = await createTestDatabase(dialect);
    const store = batchingDatabaseRateLimitStore(other.handle.db);
    expect(await store.hit(['k'], window(0))).toEqual([1]);
    await other.destroy();
    const results = await Promise.allSettled([store.hit(['k'], window(0)), store.hit(['j'], window(0))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
