import { type AtomicBatch, firstRow } from '../../db/atomic.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { newSortableId } from '../ids.js';
import * as repo from './credits.repo.js';
import { monthlyResetQueries, type SpendOutcome, unlockQueries } from './credits-batch.repo.js';

/**
 * The credit operations for databases without interactive transactions (D1), with the same outcomes as the
 * transactional ones in credits.service.ts: reads happen before the batch, and the batch's statements re-check in SQL
 * what was read (see credits-batch.repo.ts). A batch whose precondition no longer holds changes nothing and is retried.
 */
type BatchDeps = Pick<ServiceDeps, 'db' | 'clock'> & { atomicBatch: AtomicBatch };

/** Enough for any realistic contention; each lost race means another request's batch committed in between. */
const MAX_ATTEMPTS = 8;

/** See `applyMonthlyResetIfDue`: the same top-up, applied once however many requests race for it. */
export async function applyMonthlyResetInBatch(
  deps: BatchDeps,
  userId: string,
  now: Date,
  nextResetAfter: (resetAtMs: number, now: Date) => number,
): Promise<void> {
  const row = await repo.findBalanceRow(deps.db, userId);
  if (!row || row.credits_reset_at === null || row.credits_reset_at > now.getTime()) return;
  if (row.stripe_subscription_id !== null) return;
  // If another request applied it first, its batch moved the date and ours writes nothing: the reset happened once.
  await deps.atomicBatch(
    monthlyResetQueries(deps.db, {
      ledgerId: newSortableId(now),
      userId,
      observedResetAt: row.credits_reset_at,
      nowMs: now.getTime(),
      nextResetMs: nextResetAfter(row.credits_reset_at, now),
      nowIso: now.toISOString(),
    }),
  );
}

export interface BatchUnlockInput {
  userId: string;
  type: string;
  resourceIds: string[];
  price: (newlyUnlocked: number) => number;
  description: string;
}

/** See `unlockWithCredits`: unlocks and charges for the new ones in one batch, or changes nothing. */
export async function unlockWithCreditsInBatch(
  deps: BatchDeps,
  input: BatchUnlockInput,
  now: Date,
): Promise<{ newlyUnlocked: string[]; charged: number; balance: number | undefined }> {
  const wanted = [...new Set(input.resourceIds)];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const already = await repo.unlockedIds(deps.db, input.userId, input.type, wanted);
    const fresh = wanted.filter((id) => !already.has(id));
    const amount = input.price(fresh.length);
    if (fresh.length === 0 && amount === 0) return { newlyUnlocked: [], charged: 0, balance: undefined };
    const results = await deps.atomicBatch(
      unlockQueries(deps.db, {
        ledgerId: newSortableId(now),
        userId: input.userId,
        resourceType: input.type,
        resourceIds: fresh,
        amount,
        ledgerType: `unlock_${input.type}`,
        description: input.description,
        nowIso: now.toISOString(),
      }),
    );
    const outcome = firstRow<SpendOutcome>(results.at(-1));
    if (!outcome) throw new AppError('unauthorized', 'The account no longer exists');
    if (outcome.charged_amount !== null) {
      return { newlyUnlocked: fresh, charged: Math.abs(outcome.charged_amount), balance: outcome.credits };
    }
    if (outcome.plan !== 'unlimited' && outcome.credits < amount) {
      throw new AppError(
        'insufficient_credits',
        `This costs ${amount} credit${amount === 1 ? '' : 's'}; you have ${outcome.credits}`,
        { details: { needed: amount, available: outcome.credits } },
      );
    }
    // One of the resources was unlocked by a concurrent request since we looked: the price changed, look again.
  }
  throw new Error(`unlock for user ${input.userId} lost ${MAX_ATTEMPTS} races in a row`);
}
