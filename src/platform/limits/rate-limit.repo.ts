import { sql } from 'kysely';
import { type PreparedQuery, prepared } from '../../db/prepared.js';
import type { Db } from '../../db/transaction.js';

type IncrementParams = Record<string, string | number>;

// One compiled upsert per number of keys (a request counts one to three limits); run on every limited request.
const upserts = new Map<number, PreparedQuery<IncrementParams, { key: string; count: number }>>();

function upsertOf(keys: number) {
  let query = upserts.get(keys);
  if (!query) {
    query = prepared(`rate_limit_hit_${keys}`, (db, p: IncrementParams) =>
      db
        .insertInto('rate_limit_buckets')
        .values(
          Array.from({ length: keys }, (_, i) => ({
            key: p[`key${i}`] as string,
            window_start: p.windowStart as number,
            count: 1,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit_buckets.count + 1` }),
        )
        .returning(['key', 'count']),
    );
    upserts.set(keys, query);
  }
  return query;
}

/**
 * Fixed-window counters in the database, so limits hold across server processes. Counting is one atomic
 * upsert (`INSERT .. ON CONFLICT DO UPDATE .. RETURNING`), never a read followed by a write: one statement for all
 * the keys of a request, their counts so far in the order of `keys` (distinct keys).
 */
export async function incrementBuckets(db: Db, keys: readonly string[], windowStart: number): Promise<number[]> {
  const params: IncrementParams = { windowStart };
  keys.forEach((key, i) => {
    params[`key${i}`] = key;
  });
  const rows = await upsertOf(keys.length).rows(db, params);
  const counts = new Map(rows.map((row) => [row.key, row.count]));
  return keys.map((key) => {
    const count = counts.get(key);
    if (count === undefined) throw new Error(`rate limit bucket ${key} was not counted`);
    return count;
  });
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
