import { sql } from 'kysely';
import type { Db } from '../../db/transaction.js';

/**
 * Fixed-window counters in the database, so limits hold across server processes. Counting is one atomic
 * upsert (`INSERT .. ON CONFLICT DO UPDATE .. RETURNING`), never a read followed by a write.
 */
export async function incrementBucket(db: Db, key: string, windowStart: number): Promise<number> {
  const row = await db
    .insertInto('rate_limit_buckets')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit_buckets.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
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

export async function clearBucket(db: Db, key: string, windowStart: number): Promise<void> {
  await db.deleteFrom('rate_limit_buckets').where('key', '=', key).where('window_start', '=', windowStart).execute();
}

export async function deleteBucketsBefore(db: Db, windowStart: number): Promise<void> {
  await db.deleteFrom('rate_limit_buckets').where('window_start', '<', windowStart).execute();
}
