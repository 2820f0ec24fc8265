import { sql } from 'kysely';
import type { Db, Tx } from '../../db/transaction.js';
import { newSortableId } from '../ids.js';

export interface LedgerEntry {
  userId: string;
  amount: number;
  type: string;
  description: string;
  balanceAfter: number;
  nowIso: string;
  idempotencyKey?: string | undefined;
  stripeReference?: string | undefined;
}

export async function insertLedgerEntry(db: Db | Tx, entry: LedgerEntry): Promise<void> {
  await db
    .insertInto('credit_transactions')
    .values({
      // Sortable by creation, so rows written in the same millisecond still list newest first.
      id: newSortableId(new Date(entry.nowIso)),
      user_id: entry.userId,
      amount: entry.amount,
      type: entry.type,
      description: entry.description,
      balance_after: entry.balanceAfter,
      idempotency_key: entry.idempotencyKey ?? null,
      stripe_payment_intent_id: entry.stripeReference ?? null,
      created_at: entry.nowIso,
    })
    .execute();
}

export async function findBalanceRow(db: Db | Tx, userId: string) {
  return db
    .selectFrom('users')
    .select(['credits', 'plan', 'monthly_credits', 'credits_reset_at', 'stripe_subscription_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** Takes `amount` credits only if the balance covers it; returns the new balance, or undefined when it does not. */
export async function debitIfCovered(
  tx: Tx,
  userId: string,
  amount: number,
  nowIso: string,
): Promise<number | undefined> {
  const row = await tx
    .updateTable('users')
    .set({ credits: sql`credits - ${amount}`, updated_at: nowIso })
    .where('id', '=', userId)
    .where('credits', '>=', amount)
    .returning('credits')
    .executeTakeFirst();
  return row?.credits;
}

export async function credit(tx: Tx, userId: string, amount: number, nowIso: string): Promise<number> {
  const row = await tx
    .updateTable('users')
    .set({ credits: sql`credits + ${amount}`, updated_at: nowIso })
    .where('id', '=', userId)
    .returning('credits')
    .executeTakeFirstOrThrow();
  return row.credits;
}

/**
 * Claims a due monthly reset: moves `credits_reset_at` forward only if it has passed, so of several concurrent
 * requests exactly one performs the top-up.
 */
export async function claimMonthlyReset(tx: Tx, userId: string, nowMs: number, nextResetMs: number): Promise<boolean> {
  const result = await tx
    .updateTable('users')
    .set({ credits_reset_at: nextResetMs })
    .where('id', '=', userId)
    .where('credits_reset_at', '<=', nowMs)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records that a user unlocked something; false when it was already unlocked. */
export async function insertUnlock(
  tx: Tx,
  unlock: { userId: string; type: string; resourceId: string; nowIso: string },
): Promise<boolean> {
  const result = await tx
    .insertInto('user_unlocks')
    .values({
      user_id: unlock.userId,
      resource_type: unlock.type,
      resource_id: unlock.resourceId,
      created_at: unlock.nowIso,
    })
    .onConflict((oc) => oc.columns(['user_id', 'resource_type', 'resource_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function hasUnlock(db: Db | Tx, userId: string, type: string, resourceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_unlocks')
    .select('resource_id')
    .where('user_id', '=', userId)
    .where('resource_type', '=', type)
    .where('resource_id', '=', resourceId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function unlockedIds(
  db: Db | Tx,
  userId: string,
  type: string,
  resourceIds: string[],
): Promise<Set<string>> {
  if (resourceIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_unlocks')
    .select('resource_id')
    .where('user_id', '=', userId)
    .where('resource_type', '=', type)
    .where('resource_id', 'in', resourceIds)
    .execute();
  return new Set(rows.map((r) => r.resource_id));
}
