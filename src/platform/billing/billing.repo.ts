import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../db/transaction.js';

type Plan = 'free' | 'starter' | 'unlimited';

export async function findBillingUser(db: Db | Tx, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'plan', 'stripe_customer_id', 'stripe_subscription_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function findUserIdByCustomer(db: Db | Tx, customerId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('id').where('stripe_customer_id', '=', customerId).executeTakeFirst();
  return row?.id;
}

/** What decides whether a monthly reset is due before a purchase is granted (see monthlyResetStatements). */
export async function findResetState(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['credits_reset_at', 'stripe_subscription_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function userExists(db: Db | Tx, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Stores the user's Stripe customer in place of `replacing` (none stored yet when null); returns the one stored now,
 * so two concurrent first purchases, or two replacements of a customer Stripe no longer knows, agree on one.
 */
export async function saveCustomerId(
  db: Db,
  user: { id: string; replacing: string | null },
  customerId: string,
  nowIso: string,
): Promise<string> {
  await db
    .updateTable('users')
    .set({ stripe_customer_id: customerId, updated_at: nowIso })
    .where('id', '=', user.id)
    .where('stripe_customer_id', user.replacing === null ? 'is' : '=', user.replacing)
    .execute();
  const row = await db
    .selectFrom('users')
    .select('stripe_customer_id')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  return row.stripe_customer_id ?? customerId;
}

/** The id of the user's newest ledger row: it changes once a purchase is granted (part of the checkout key). */
export async function latestLedgerId(db: Db | Tx, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('credit_transactions')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Events older than the one that last set the plan leave it alone. */
const notOlderThan = (eventCreated: number) =>
  sql<boolean>`(stripe_synced_at is null or stripe_synced_at <= ${eventCreated})`;

/**
 * Puts the user on a paid plan through a subscription. `resetAtMs`: the end of the paid period when known; when
 * the event does not say (a checkout session), the date is kept for the same subscription and cleared for a new one
 * until its invoice arrives. Returns false when a newer event already decided the plan.
 */
export interface PaidPlanChange {
  userId: string;
  plan: Exclude<Plan, 'free'>;
  monthlyCredits: number;
  subscriptionId: string;
  resetAtMs: number | undefined;
  eventCreated: number;
  nowIso: string;
}

function applyPaidPlanQuery(tx: Db | Tx, change: PaidPlanChange) {
  const keepForSameSubscription = sql<number | null>`case when stripe_subscription_id = ${change.subscriptionId}
    then credits_reset_at else null end`;
  const resetAt = change.resetAtMs ?? keepForSameSubscription;
  return tx
    .updateTable('users')
    .set({
      plan: change.plan,
      monthly_credits: change.monthlyCredits,
      stripe_subscription_id: change.subscriptionId,
      credits_reset_at: resetAt,
      stripe_synced_at: change.eventCreated,
      updated_at: change.nowIso,
    })
    .where('id', '=', change.userId)
    .where(notOlderThan(change.eventCreated));
}

/**
 * Moves the next reset to the end of the period an invoice paid for, when the user is on that subscription and the
 * date is behind it (an invoice processed after a newer event still carries the right period).
 */
function advanceResetDateQuery(tx: Db | Tx, userId: string, subscriptionId: string, resetAtMs: number) {
  return tx
    .updateTable('users')
    .set({ credits_reset_at: resetAtMs })
    .where('id', '=', userId)
    .where('stripe_subscription_id', '=', subscriptionId)
    .where((eb) => eb.or([eb('credits_reset_at', 'is', null), eb('credits_reset_at', '<', resetAtMs)]));
}

/**
 * Back to the free plan when the user's subscription ended. A user not (yet) linked to any subscription only has
 * the event's time stored, so an older event linking this subscription cannot revive it later.
 */
export interface EndSubscription {
  userId: string;
  subscriptionId: string;
  freeCredits: number;
  resetAtMs: number;
  eventCreated: number;
  nowIso: string;
}

function endSubscriptionQuery(tx: Db | Tx, change: EndSubscription) {
  return tx
    .updateTable('users')
    .set({
      plan: 'free',
      monthly_credits: change.freeCredits,
      stripe_subscription_id: null,
      credits_reset_at: change.resetAtMs,
      stripe_synced_at: change.eventCreated,
      updated_at: change.nowIso,
    })
    .where('id', '=', change.userId)
    .where('stripe_subscription_id', '=', change.subscriptionId)
    .where(notOlderThan(change.eventCreated));
}

/** A user not linked to any subscription: only the event's time is stored. */
function markSyncedQuery(tx: Db | Tx, change: EndSubscription) {
  return tx
    .updateTable('users')
    .set({ stripe_synced_at: change.eventCreated })
    .where('id', '=', change.userId)
    .where('stripe_subscription_id', 'is', null)
    .where(notOlderThan(change.eventCreated));
}

// ---- One webhook delivery as one atomic list (see applyDelivery in webhooks.service.ts): every effect is conditioned
// on the event not being recorded yet, and the event's row is the list's last statement.

/** True while the event has not been recorded (by an earlier delivery). */
export function stripeEventUnrecorded(db: Db, eventId: string): Expression<SqlBool> {
  return sql<SqlBool>`not exists ${db.selectFrom('stripe_events').select(sql`1`.as('one')).where('stripe_events.id', '=', eventId)}`;
}

/** The event's row (the primary key decides: a recorded id inserts nothing); affects one row when it was new. */
export function recordStripeEventQuery(db: Db, event: { id: string; type: string; nowIso: string }): CompiledQuery {
  return db
    .insertInto('stripe_events')
    .values({ id: event.id, type: event.type, created_at: event.nowIso })
    .onConflict((oc) => oc.column('id').doNothing())
    .compile();
}

export function applyPaidPlanCompiled(db: Db, change: PaidPlanChange, when: Expression<SqlBool>): CompiledQuery {
  return applyPaidPlanQuery(db, change).where(when).compile();
}

export function advanceResetDateCompiled(
  db: Db,
  userId: string,
  subscriptionId: string,
  resetAtMs: number,
  when: Expression<SqlBool>,
): CompiledQuery {
  return advanceResetDateQuery(db, userId, subscriptionId, resetAtMs).where(when).compile();
}

/** endSubscription's two updates; the second one runs after the first and finds no user to change if it applied. */
export function endSubscriptionCompiled(db: Db, change: EndSubscription, when: Expression<SqlBool>): CompiledQuery[] {
  return [endSubscriptionQuery(db, change).where(when).compile(), markSyncedQuery(db, change).where(when).compile()];
}
