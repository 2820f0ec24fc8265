import { sql } from 'kysely';
import { prepared } from '../../db/prepared.js';
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

// The spend path (ledger row, balance read, conditional debit, unlock) runs on every paid request: its statements are
// compiled once and kept prepared (src/db/prepared.ts).
const ledgerInsert = prepared(
  'ledger_insert',
  (
    db,
    p: {
      id: string;
      userId: string;
      amount: number;
      type: string;
      description: string;
      balanceAfter: number;
      idempotencyKey: string | null;
      stripeReference: string | null;
      nowIso: string;
    },
  ) =>
    db.insertInto('credit_transactions').values({
      id: p.id,
      user_id: p.userId,
      amount: p.amount,
      type: p.type,
      description: p.description,
      balance_after: p.balanceAfter,
      idempotency_key: p.idempotencyKey,
      stripe_payment_intent_id: p.stripeReference,
      created_at: p.nowIso,
    }),
);

export async function insertLedgerEntry(db: Db | Tx, entry: LedgerEntry): Promise<void> {
  await ledgerInsert.execute(db, {
    // Sortable by creation, so rows written in the same millisecond still list newest first.
    id: newSortableId(new Date(entry.nowIso)),
    userId: entry.userId,
    amount: entry.amount,
    type: entry.type,
    description: entry.description,
    balanceAfter: entry.balanceAfter,
    idempotencyKey: entry.idempotencyKey ?? null,
    stripeReference: entry.stripeReference ?? null,
    nowIso: entry.nowIso,
  });
}

const balanceQuery = prepared('balance', (db, p: { userId: string }) =>
  db
    .selectFrom('users')
    .select(['credits', 'plan', 'monthly_credits', 'credits_reset_at', 'stripe_subscription_id'])
    .where('id', '=', p.userId),
);

export async function findBalanceRow(db: Db | Tx, userId: string) {
  return balanceQuery.first(db, { userId });
}

const debitQuery = prepared('debit', (db, p: { userId: string; amount: number; nowIso: string }) =>
  db
    .updateTable('users')
    .set({ credits: sql`credits - ${p.amount}`, updated_at: p.nowIso })
    .where('id', '=', p.userId)
    .where('credits', '>=', p.amount)
    .returning('credits'),
);

/** Takes `amount` credits only if the balance covers it; returns the new balance, or undefined when it does not. */
export async function debitIfCovered(
  tx: Tx,
  userId: string,
  amount: number,
  nowIso: string,
): Promise<number | undefined> {
  const row = await debitQuery.first(tx, { userId, amount, nowIso });
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

const unlockInsert = prepared(
  'unlock_insert',
  (db, p: { userId: string; type: string; resourceId: string; nowIso: string }) =>
    db
      .insertInto('user_unlocks')
      .values({ user_id: p.userId, resource_type: p.type, resource_id: p.resourceId, created_at: p.nowIso })
      .onConflict((oc) => oc.columns(['user_id', 'resource_type', 'resource_id']).doNothing()),
);

/** Records that a user unlocked something; false when it was already unlocked. */
export async function insertUnlock(
  tx: Tx,
  unlock: { userId: string; type: string; resourceId: string; nowIso: string },
): Promise<boolean> {
  const result = await unlockInsert.execute(tx, unlock);
  return Number(result.numAffectedRows ?? 0) === 1;
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

const IN_LIST_SLICE = 90;

export async function unlockedIds(
  db: Db | Tx,
  userId: string,
  type: string,
  resourceIds: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  // In slices: D1 binds at most 100 parameters per statement, and a course can have more questions than that.
  for (let i = 0; i < resourceIds.length; i += IN_LIST_SLICE) {
    const rows = await db
      .selectFrom('user_unlocks')
      .select('resource_id')
      .where('user_id', '=', userId)
      .where('resource_type', '=', type)
      .where('resource_id', 'in', resourceIds.slice(i, i + IN_LIST_SLICE))
      .execute();
    for (const r of rows) found.add(r.resource_id);
  }
  return found;
}
