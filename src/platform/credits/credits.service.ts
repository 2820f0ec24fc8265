import { type Db, type Tx, withTransaction } from '../../db/transaction.js';
import { addOneMonth } from '../auth/auth.service.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import * as repo from './credits.repo.js';
import { applyMonthlyResetInBatch, unlockWithCreditsInBatch } from './credits-batch.js';

export type Plan = 'free' | 'starter' | 'unlimited';

export interface Balance {
  credits: number;
  plan: Plan;
  monthlyCredits: number;
  creditsResetAt: string | null;
}

/** Moves a reset date forward a month at a time until it lies in the future. */
export function nextResetAfter(resetAtMs: number, now: Date): number {
  let next = new Date(resetAtMs);
  while (next.getTime() <= now.getTime()) next = addOneMonth(next);
  return next.getTime();
}

/**
 * Restores the plan's monthly credits once `credits_reset_at` has passed (on first access after it). The balance is
 * topped up to the monthly amount, never reduced: purchased credits above it are kept. A plan paid through a Stripe
 * subscription is restored by its paid invoice instead (src/platform/billing), never by the clock.
 */
export async function applyMonthlyResetIfDue(tx: Tx, userId: string, now: Date): Promise<void> {
  const row = await repo.findBalanceRow(tx, userId);
  if (!row || row.credits_reset_at === null || row.credits_reset_at > now.getTime()) return;
  if (row.stripe_subscription_id !== null) return;
  const claimed = await repo.claimMonthlyReset(tx, userId, now.getTime(), nextResetAfter(row.credits_reset_at, now));
  if (!claimed) return;
  // We hold the row now (PostgreSQL row lock; SQLite serialises writers), so this read is current.
  const current = await repo.findBalanceRow(tx, userId);
  const topUp = current && current.plan !== 'unlimited' ? Math.max(0, current.monthly_credits - current.credits) : 0;
  const nowIso = now.toISOString();
  const balanceAfter = topUp > 0 ? await repo.credit(tx, userId, topUp, nowIso) : (current?.credits ?? 0);
  await repo.insertLedgerEntry(tx, {
    userId,
    amount: topUp,
    type: 'monthly_reset',
    description: `Monthly credits restored to ${current?.monthly_credits ?? 0}`,
    balanceAfter,
    nowIso,
  });
}

export async function getBalance(deps: ServiceDeps, userId: string): Promise<Balance> {
  const { atomicBatch } = deps;
  const read = async (db: Db | Tx) => {
    const row = await repo.findBalanceRow(db, userId);
    if (!row) throw new AppError('unauthorized', 'The account no longer exists');
    return {
      credits: row.credits,
      plan: row.plan,
      monthlyCredits: row.monthly_credits,
      creditsResetAt: row.credits_reset_at === null ? null : new Date(row.credits_reset_at).toISOString(),
    };
  };
  if (atomicBatch) {
    // D1: the reset is one batch of its own, then the balance is read.
    await applyMonthlyResetInBatch({ ...deps, atomicBatch }, userId, deps.clock.now(), nextResetAfter);
    return read(deps.db);
  }
  return withTransaction(deps.db, async (tx) => {
    await applyMonthlyResetIfDue(tx, userId, deps.clock.now());
    return read(tx);
  });
}

export interface SpendInput {
  userId: string;
  amount: number;
  type: string;
  description: string;
  idempotencyKey?: string;
}

/**
 * Spends credits inside the caller's transaction: one conditional update that cannot take the balance below zero,
 * plus its ledger row. The unlimited plan is never charged, but the spend is still recorded (amount 0).
 */
export async function spendCredits(
  tx: Tx,
  input: SpendInput,
  now: Date,
): Promise<{ balance: number; charged: number }> {
  await applyMonthlyResetIfDue(tx, input.userId, now);
  const nowIso = now.toISOString();
  const row = await repo.findBalanceRow(tx, input.userId);
  if (!row) throw new AppError('unauthorized', 'The account no longer exists');
  if (row.plan === 'unlimited' || input.amount === 0) {
    await repo.insertLedgerEntry(tx, { ...input, amount: 0, balanceAfter: row.credits, nowIso });
    return { balance: row.credits, charged: 0 };
  }
  const balance = await repo.debitIfCovered(tx, input.userId, input.amount, nowIso);
  if (balance === undefined) {
    const available = (await repo.findBalanceRow(tx, input.userId))?.credits ?? 0;
    throw new AppError(
      'insufficient_credits',
      `This costs ${input.amount} credit${input.amount === 1 ? '' : 's'}; you have ${available}`,
      { details: { needed: input.amount, available } },
    );
  }
  await repo.insertLedgerEntry(tx, { ...input, amount: -input.amount, balanceAfter: balance, nowIso });
  return { balance, charged: input.amount };
}

export interface UnlockInput {
  userId: string;
  type: 'analysis' | 'question' | 'midterm';
  resourceIds: string[];
  /** Credits to charge given how many of the resources were not unlocked before. */
  price: (newlyUnlocked: number) => number;
  description: string;
}

/**
 * Unlocks resources for a user and charges for the ones that were new, atomically: a paid unlock is remembered,
 * so asking again costs nothing, and a failed charge unlocks nothing.
 */
export async function unlockWithCredits(
  deps: ServiceDeps,
  input: UnlockInput,
): Promise<{ newlyUnlocked: string[]; charged: number; balance: number | undefined }> {
  const now = deps.clock.now();
  const { atomicBatch } = deps;
  if (atomicBatch) {
    // D1: no interactive transaction; the same outcome from fixed statement batches (credits-batch.ts).
    await applyMonthlyResetInBatch({ ...deps, atomicBatch }, input.userId, now, nextResetAfter);
    const result = await unlockWithCreditsInBatch({ ...deps, atomicBatch }, input, now);
    deps.metrics?.creditsSpent(result.charged, `unlock_${input.type}`);
    return result;
  }
  const result = await withTransaction(deps.db, async (tx) => {
    const newlyUnlocked: string[] = [];
    for (const resourceId of input.resourceIds) {
      const inserted = await repo.insertUnlock(tx, {
        userId: input.userId,
        type: input.type,
        resourceId,
        nowIso: now.toISOString(),
      });
      if (inserted) newlyUnlocked.push(resourceId);
    }
    const amount = input.price(newlyUnlocked.length);
    if (newlyUnlocked.length === 0 && amount === 0) return { newlyUnlocked, charged: 0, balance: undefined };
    const spent = await spendCredits(
      tx,
      { userId: input.userId, amount, type: `unlock_${input.type}`, description: input.description },
      now,
    );
    return { newlyUnlocked, charged: spent.charged, balance: spent.balance };
  });
  // Counted once the transaction committed, so a rolled-back charge is never reported.
  deps.metrics?.creditsSpent(result.charged, `unlock_${input.type}`);
  return result;
}
