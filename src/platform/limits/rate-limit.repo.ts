import { sql } from 'kysely';
import { type PreparedQuery, prepared } from '../../db/prepared.js';
import type { Db } from '../../db/transaction.js';

type AddParams = Record<string, string | number>;

/** Hits to add to one bucket (a key in one window). */
export interface BucketHits {
  key: string;
  windowStart: number;
  hits: number;
}

// One compiled upsert per number of buckets (a request counts one to three limits, a batch of requests more).
const upserts = new Map<number, PreparedQuery<AddParams, { key: string; window_start: number; count: number }>>();

function upsertOf(buckets: number) {
  let query = upserts.get(buckets);
  if (!query) {
    query = prepared(`rate_limit_add_${buckets}`, (db, p: AddParams) =>
      db
        .insertInto('rate_limit_buckets')
        .values(
          Array.from({ length: buckets }, (_, i) => ({
            key: p[`key${i}`] as string,
            window_start: p[`window${i}`] as number,
            count: p[`hits${i}`] as number,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit_buckets.count + excluded.count` }),
        )
        .returning(['key', 'window_start', 'count']),
    );
    upserts.set(buckets, query);
  }
  return query;
}

/**
 * Fixed-window counters in the database, so limits hold across server processes. Counting is one atomic
 * upsert (`INSERT .. ON CONFLICT DO UPDATE .. RETURNING`), never a read followed by a write: one statement for all
 * the buckets (distinct key and window pairs), each bucket's count after the addition in the order given.
 */
export async function addToBuckets(db: Db, buckets: readonly BucketHits[]): Promise<number[]> {
  const params: AddParams = {};
  buckets.forEach((bucket, i) => {
    params[`key${i}`] = bucket.key;
    params[`window${i}`] = bucket.windowStart;
    params[`hits${i}`] = bucket.hits;
  });
  const rows = await upsertOf(buckets.length).rows(db, params);
  // window_start is a bigint: a string from PostgreSQL, a number from SQLite.
  const counts = new Map(rows.map((row) => [`${Number(row.window_start)} ${row.key}`, row.count]));
  return buckets.map((bucket) => {
    const count = counts.get(`${bucket.windowStart} ${bucket.key}`);
    if (count === undefined) throw new Error(`rate limit bucket ${bucket.key} was not counted`);
    return count;
  });
}

/** One hit under each of `keys` (distinct) in the window starting at `windowStart`: their counts so far. */
export function incrementBuckets(db: Db, keys: readonly string[], windowStart: number): Promise<number[]> {
  return addToBuckets(
    db,
    keys.map((key) => ({ key, windowStart, hits: 1 })),
  );
}

export async function incrementBucket(db: Db, key: string, windowStart: number): Promise<number> {
  const [count] = await incrementBuckets(db, [key], windowStart);
  return count as number;
}

/** Gives one count back (a reserved attempt that turned out not to count), never below zero. */
export async function decrementBucket(db: Db, key: string, windowStart: number): Promise<void> {
  await db
    .updateTable('rate_limit_buckets')
    .set({ count: sql`rate_limit_buckets.count - 1` })
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('count', '>', 0)
    .execute();
}

export async function readBucket(db: Db, key: string, windowStart: number): Promise<number> {
  const row = await db
    .selectFrom('rate_limit_buckets')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return row?.count ?? 0;
}

export async function deleteBucketsBefore(db: Db, windowStart: number): Promise<void> {
  await db.deleteFrom('rate_limit_buckets').where('window_start', '<', windowStart).execute();
}
