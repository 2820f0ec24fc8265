import { sql } from 'kysely';
import type { Db } from '../../db/transaction.js';

/**
 * Counts one message against the user's daily limit, in one statement: the upsert only increments while the count
 * is under the limit, so concurrent sends (from any number of server processes) can never exceed it.
 * Returns the new count, or undefined when the limit was already reached.
 */
export async function countDailyMessage(
  db: Db,
  userId: string,
  day: string,
  limit: number,
): Promise<number | undefined> {
  const row = await db
    .insertInto('coach_daily_usage')
    .values({ user_id: userId, day, messages: 1 })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'day'])
        .doUpdateSet({ messages: sql`coach_daily_usage.messages + 1` })
        .where('coach_daily_usage.messages', '<', limit),
    )
    .returning('messages')
    .executeTakeFirst();
  return row?.messages;
}

/** Gives back a counted message (the send failed before anything was stored). */
export async function uncountDailyMessage(db: Db, userId: string, day: string): Promise<void> {
  await db
    .updateTable('coach_daily_usage')
    .set({ messages: sql`messages - 1` })
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .where('messages', '>', 0)
    .execute();
}

export async function dailyMessageCount(db: Db, userId: string, day: string): Promise<number> {
  const row = await db
    .selectFrom('coach_daily_usage')
    .select('messages')
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .executeTakeFirst();
  return row?.messages ?? 0;
}

/**
 * Takes a free stream slot (0..slots-1) for the user, or a slot whose lease ran out (its process died).
 * Each attempt is one atomic upsert; returns the slot taken, or undefined when all are held.
 */
export async function acquireStreamSlot(
  db: Db,
  input: { userId: string; slots: number; leaseId: string; nowMs: number; leaseMs: number },
): Promise<number | undefined> {
  for (let slot = 0; slot < input.slots; slot++) {
    const row = await db
      .insertInto('coach_stream_slots')
      .values({ user_id: input.userId, slot, lease_id: input.leaseId, lease_until: input.nowMs + input.leaseMs })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'slot'])
          .doUpdateSet({ lease_id: input.leaseId, lease_until: input.nowMs + input.leaseMs })
          .where('coach_stream_slots.lease_until', '<', input.nowMs),
      )
      .returning('slot')
      .executeTakeFirst();
    if (row) return row.slot;
  }
  return undefined;
}

export async function renewStreamSlot(db: Db, userId: string, leaseId: string, leaseUntil: number): Promise<void> {
  await db
    .updateTable('coach_stream_slots')
    .set({ lease_until: leaseUntil })
    .where('user_id', '=', userId)
    .where('lease_id', '=', leaseId)
    .execute();
}

export async function releaseStreamSlot(db: Db, userId: string, leaseId: string): Promise<void> {
  await db.deleteFrom('coach_stream_slots').where('user_id', '=', userId).where('lease_id', '=', leaseId).execute();
}
