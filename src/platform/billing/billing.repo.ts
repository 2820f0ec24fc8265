import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../db/transaction.js';
import { newSortableId } from '../ids.js';

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

export async function userExists(db: Db | Tx, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Stores the user's Stripe customer unless one is already stored; returns the one that is stored now, so two
 * concurrent first purchases agree on one customer.
 */
export async function saveCustomerId(db: Db, userId: string, customerId: string, nowIso: string): Promise<string> {
  await db
    .updateTable('users')
    .set({ stripe_customer_id: customerId, updated_at: nowIso })
    .where('id', '=', userId)
    .where('stripe_customer_id', 'is', null)
    .execute();
  const row = await db
    .selectFrom('users')
    .select('stripe_customer_id')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.stripe_customer_id ?? customerId;
}

/** Replaces a stored customer Stripe no longer knows; returns the one stored now (a concurrent request may win). */
export async function replaceCustomerId(
  db: Db,
  userId: string,
  previous: string,
  customerId: string,
  nowIso: string,
): Promise<string> {
  await db
    .updateTable('users')
    .set({ stripe_customer_id: customerId, updated_at: nowIso })
    .where('id', '=', userId)
    .where('stripe_customer_id', '=', previous)
    .execute();
  const row = await db
    .selectFrom('users')
    .select('stripe_customer_id')
    .where('id', '=', userId)
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

/** Records a webhook event; false when it was recorded before (the primary key decides, not a lookup). */
export async function recordStripeEvent(tx: Tx, event: { id: string; type: string; nowIso: string }): Promise<boolean> {
  const result = await tx
    .insertInto('stripe_events')
    .values({ id: event.id, type: event.type, created_at: event.nowIso })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export interface GrantRow {
  userId: string;
  amount: number;
  type: string;
  description: string;
  /** The checkout session or invoice id: unique, so each Stripe object grants once. */
  stripeObjectId: string;
  stripePaymentIntentId: string | null;
  now: Date;
}

/**
 * Inserts a grant's ledger row unless that Stripe object already granted; returns the row id, or undefined on a
 * conflict. On PostgreSQL a concurrent insert of the same object waits here for the first to commit, then conflicts.
 * `balance_after` is filled in by `setBalanceAfter` once the balance has moved.
 */
export async function insertGrantRow(tx: Tx, grant: GrantRow): Promise<string | undefined> {
  const id = newSortableId(grant.now);
  const result = await tx
    .insertInto('credit_transactions')
    .values({
      id,
      user_id: grant.userId,
      amount: grant.amount,
      type: grant.type,
      description: grant.description,
      balance_after: 0,
      stripe_object_id: grant.stripeObjectId,
      stripe_payment_intent_id: grant.stripePaymentIntentId,
      created_at: grant.now.toISOString(),
    })
    .onConflict((oc) => oc.column('stripe_object_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? id : undefined;
}

export async function setBalanceAfter(tx: Tx, transactionId: string, balance: number): Promise<void> {
  await tx.updateTable('credit_transactions').set({ balance_after: balance }).where('id', '=', transactionId).execute();
}

export async function currentCredits(tx: Tx, userId: string): Promise<number> {
  const row = await tx.selectFrom('users').select('credits').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.credits;
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

export async function applyPaidPlan(tx: Tx, change: PaidPlanChange): Promise<boolean> {
  const result = await applyPaidPlanQuery(tx, change).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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
export async function advanceResetDate(
  tx: Tx,
  userId: string,
  subscriptionId: string,
  resetAtMs: number,
): Promise<void> {
  await advanceResetDateQuery(tx, userId, subscriptionId, resetAtMs).execute();
}

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

export async function endSubscription(tx: Tx, change: EndSubscription): Promise<boolean> {
  const ended = await endSubscriptionQuery(tx, change).executeTakeFirst();
  if (Number(ended.numUpdatedRows) === 1) return true;
  await markSyncedQuery(tx, change).execute();
  return false;
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

// ---- D1: one webhook delivery as one atomic batch (no interactive transactions; see docs/WORKERS.md) ----
//
// Every effect is conditioned on the event not being recorded yet, and the event row is the batch's last statement:
// batches run one at a time, so of several deliveries of one event only the first batch finds it unrecorded, applies
// its effects and records it; the others change nothing.

/** True while the event has not been recorded (by an earlier batch). */
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

/**
 * A grant as batch statements: its ledger row under a fresh id (`ledgerId`, the delivery's own) only `when` the guard
 * holds and unless the Stripe object already granted (the unique constraint decides); then the balance and the row's
 * `balance_after` only if the row with that fresh id exists.
 */
export function grantQueries(
  db: Db,
  grant: GrantRow & { ledgerId: string },
  when: Expression<SqlBool>,
): CompiledQuery[] {
  const nowIso = grant.now.toISOString();
  const inserted = sql<SqlBool>`exists ${db.selectFrom('credit_transactions').select(sql`1`.as('one')).where('credit_transactions.id', '=', grant.ledgerId)}`;
  const ledger = db
    .insertInto('credit_transactions')
    .columns([
      'id',
      'user_id',
      'amount',
      'type',
      'description',
      'balance_after',
      'stripe_object_id',
      'stripe_payment_intent_id',
      'created_at',
    ])
    .expression(
      db
        .selectNoFrom([
          sql<string>`${grant.ledgerId}`.as('id'),
          sql<string>`${grant.userId}`.as('user_id'),
          sql<number>`${grant.amount}`.as('amount'),
          sql<string>`${grant.type}`.as('type'),
          sql<string>`${grant.description}`.as('description'),
          sql<number>`0`.as('balance_after'),
          sql<string>`${grant.stripeObjectId}`.as('stripe_object_id'),
          sql<string | null>`${grant.stripePaymentIntentId}`.as('stripe_payment_intent_id'),
          sql<string>`${nowIso}`.as('created_at'),
        ])
        .where(when),
    )
    .onConflict((oc) => oc.column('stripe_object_id').doNothing());
  const queries = [ledger.compile()];
  if (grant.amount > 0) {
    queries.push(
      db
        .updateTable('users')
        .set({ credits: sql`credits + ${grant.amount}`, updated_at: nowIso })
        .where('id', '=', grant.userId)
        .where(inserted)
        .compile(),
    );
  }
  queries.push(
    db
      .updateTable('credit_transactions')
      .set({
        balance_after: (eb) => eb.selectFrom('users').select('users.credits').where('users.id', '=', grant.userId),
      })
      .where('id', '=', grant.ledgerId)
      .compile(),
  );
  return queries;
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
