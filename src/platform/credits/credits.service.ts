import { firstRow } from '../../db/atomic.js';
import { normalizeEmail } from '../auth/auth.service.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { newSortableId } from '../ids.js';
import * as repo from './credits.repo.js';
import {
  grantStatements,
  insufficientCredits,
  type LedgerOutcome,
  monthlyResetStatements,
  outcomeQuery,
  spendStatements,
} from './ledger.js';

export type Plan = 'free' | 'starter' | 'unlimited';

export interface Balance {
  credits: number;
  plan: Plan;
  monthlyCredits: number;
  creditsResetAt: string | null;
}

const accountGone = () => new AppError('unauthorized', 'The account no longer exists');

/** The balance, after the monthly reset when one fell due (see `monthlyResetStatements`). */
export async function getBalance(deps: Pick<ServiceDeps, 'db' | 'atomic' | 'clock'>, userId: string): Promise<Balance> {
  const now = deps.clock.now();
  let row = await repo.findBalanceRow(deps.db, userId);
  if (!row) throw accountGone();
  const reset = monthlyResetStatements(deps.db, { ...row, id: userId }, now, newSortableId(now));
  if (reset.length > 0) {
    await deps.atomic(reset);
    row = await repo.findBalanceRow(deps.db, userId);
    if (!row) throw accountGone();
  }
  return {
    credits: row.credits,
    plan: row.plan,
    monthlyCredits: row.monthly_credits,
    creditsResetAt: row.credits_reset_at === null ? null : new Date(row.credits_reset_at).toISOString(),
  };
}

export interface UnlockInput {
  userId: string;
  type: 'analysis' | 'question' | 'midterm';
  resourceIds: string[];
  /** Credits to charge given how many of the resources were not unlocked before. */
  price: (newlyUnlocked: number) => number;
  description: string;
  /**
   * What the caller read of these resources' unlocks moments before, used instead of reading them again on the first
   * try (a resource absent from it counts as not unlocked). Stale is safe: the spend is conditioned on none of the
   * resources being unlocked, so it then changes nothing and is priced again from a fresh read.
   */
  unlockedBefore?: ReadonlySet<string> | undefined;
}

/** Which of the resources the user has unlocked (paid for, or got with a set). */
export function unlockedIds(
  deps: Pick<ServiceDeps, 'db'>,
  userId: string,
  type: UnlockInput['type'],
  resourceIds: string[],
): Promise<Set<string>> {
  return repo.unlockedIds(deps.db, userId, type, resourceIds);
}

/** Enough for any realistic contention; each lost race means another request unlocked one of these meanwhile. */
const MAX_ATTEMPTS = 8;

/**
 * Unlocks resources for a user and charges for the ones that were new, as one atomic list: a due monthly reset, the
 * spend (its ledger row only if the balance covers it and none of the resources got unlocked since we looked), the
 * unlocks only if that row exists, and the outcome. A paid unlock is remembered, so asking again costs nothing, and a
 * failed charge unlocks nothing. A list that lost a race changed nothing and is priced again.
 */
export async function unlockWithCredits(
  deps: Pick<ServiceDeps, 'db' | 'atomic' | 'clock' | 'metrics'>,
  input: UnlockInput,
): Promise<{ newlyUnlocked: string[]; charged: number; balance: number | undefined }> {
  const { db } = deps;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const wanted = [...new Set(input.resourceIds)];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [row, already] = await Promise.all([
      repo.findBalanceRow(db, input.userId),
      attempt === 1 && input.unlockedBefore
        ? input.unlockedBefore
        : repo.unlockedIds(db, input.userId, input.type, wanted),
    ]);
    if (!row) throw accountGone();
    const fresh = wanted.filter((id) => !already.has(id));
    const amount = input.price(fresh.length);
    if (fresh.length === 0 && amount === 0) return { newlyUnlocked: [], charged: 0, balance: undefined };
    // The reset's row first: ids sort by creation.
    const resetId = newSortableId(now);
    const ledgerId = newSortableId(now);
    const unlock = { userId: input.userId, type: input.type, resourceIds: fresh, nowIso };
    const results = await deps.atomic([
      ...monthlyResetStatements(db, { ...row, id: input.userId }, now, resetId),
      ...spendStatements(
        db,
        {
          ledgerId,
          userId: input.userId,
          amount,
          type: `unlock_${input.type}`,
          description: input.description,
          nowIso,
        },
        repo.noneUnlocked(unlock),
      ),
      ...repo.unlockStatements(db, unlock, ledgerId),
      outcomeQuery(db, input.userId, ledgerId),
    ]);
    const outcome = firstRow<LedgerOutcome>(results.at(-1));
    if (!outcome) throw accountGone();
    if (outcome.ledger_amount !== null) {
      const charged = -outcome.ledger_amount;
      deps.metrics?.creditsSpent(charged, `unlock_${input.type}`);
      return { newlyUnlocked: fresh, charged, balance: outcome.credits };
    }
    if (outcome.plan !== 'unlimited' && outcome.credits < amount) throw insufficientCredits(amount, outcome.credits);
    // One of the resources was unlocked by a concurrent request since we looked: the price changed, look again.
  }
  throw new Error(`unlock for user ${input.userId} lost ${MAX_ATTEMPTS} races in a row`);
}

/**
 * Adds credits to an account by hand (`pathwise grant-credits`), recorded as an `admin_grant` with the reason.
 * Returns the new balance, or undefined when no account has that email.
 */
export async function grantCredits(
  deps: Pick<ServiceDeps, 'db' | 'atomic' | 'clock'>,
  input: { email: string; amount: number; reason: string },
): Promise<number | undefined> {
  const userId = await repo.findUserIdByEmail(deps.db, normalizeEmail(input.email));
  if (!userId) return undefined;
  const now = deps.clock.now();
  const ledgerId = newSortableId(now);
  const results = await deps.atomic([
    ...grantStatements(deps.db, {
      ledgerId,
      userId,
      amount: input.amount,
      type: 'admin_grant',
      description: input.reason,
      nowIso: now.toISOString(),
    }),
    outcomeQuery(deps.db, userId, ledgerId),
  ]);
  return firstRow<LedgerOutcome>(results.at(-1))?.credits;
}
