import Stripe from 'stripe';
import { type Tx, withTransaction } from '../../db/transaction.js';
import { addOneMonth, FREE_PLAN_CREDITS } from '../auth/auth.service.js';
import { credit } from '../credits/credits.repo.js';
import { applyMonthlyResetIfDue } from '../credits/credits.service.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import * as repo from './billing.repo.js';
import { findPack, findPlan, monthlyCreditsOf, type PaidPlan } from './catalog.js';
import { billingNotConfigured } from './stripe-client.js';

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

interface HandlerContext {
  tx: Tx;
  now: Date;
  logger: Logger;
  /** The event's Stripe `created` time, epoch seconds: orders plan changes that arrive out of order. */
  eventCreated: number;
}

type Handler = (ctx: HandlerContext) => Promise<void>;

/**
 * Verifies a Stripe webhook on its raw body and applies it once. The event id is recorded in the same transaction
 * as its effect: a replayed or concurrent delivery finds the id taken (the primary key, not a lookup) and changes
 * nothing. Event types we do not handle are acknowledged without being recorded.
 */
export async function handleStripeWebhook(
  deps: ServiceDeps,
  input: { payload: string; signature: string | undefined },
): Promise<{ received: true; outcome: WebhookOutcome }> {
  const secret = deps.config.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw billingNotConfigured('STRIPE_WEBHOOK_SECRET');
  const event = await verifyEvent(input.payload, input.signature, secret, deps.clock.now());
  const logger = deps.logger.child({ stripeEventId: event.id, stripeEventType: event.type });

  const handler = handlerFor(event);
  if (!handler) {
    logger.debug({}, 'stripe event ignored');
    return { received: true, outcome: 'ignored' };
  }
  const now = deps.clock.now();
  const fresh = await withTransaction(deps.db, async (tx) => {
    const recorded = await repo.recordStripeEvent(tx, { id: event.id, type: event.type, nowIso: now.toISOString() });
    if (recorded) await handler({ tx, now, logger, eventCreated: event.created });
    return recorded;
  });
  logger.info({ outcome: fresh ? 'processed' : 'duplicate' }, 'stripe event');
  return { received: true, outcome: fresh ? 'processed' : 'duplicate' };
}

async function verifyEvent(payload: string, signature: string | undefined, secret: string, now: Date) {
  if (!signature) {
    throw new AppError(
      'invalid_signature',
      'The Stripe-Signature header is missing; only Stripe may call this endpoint',
    );
  }
  try {
    // Async verification uses Web Crypto where Node's crypto is missing (Workers). The injected clock decides
    // whether the signature's timestamp is within Stripe's 5-minute tolerance.
    return await Stripe.webhooks.constructEventAsync(payload, signature, secret, undefined, undefined, now.getTime());
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new AppError('invalid_signature', 'The Stripe-Signature header does not match the request body', {
        cause: error,
      });
    }
    if (error instanceof SyntaxError) throw new AppError('bad_request', 'The event body is not JSON', { cause: error });
    throw error;
  }
}

function handlerFor(event: Stripe.Event): Handler | undefined {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return (ctx) => onCheckoutSessionCompleted(ctx, event.data.object);
    case 'invoice.paid':
      return (ctx) => onInvoicePaid(ctx, event.data.object);
    case 'customer.subscription.updated':
      return (ctx) => onSubscriptionUpdated(ctx, event.data.object);
    case 'customer.subscription.deleted':
      return (ctx) => onSubscriptionEnded(ctx, event.data.object);
    default:
      return undefined;
  }
}

const idOf = (value: string | { id: string } | null | undefined): string | undefined =>
  typeof value === 'string' ? value : (value?.id ?? undefined);

/** The user an event is about: our id in the metadata we set at checkout, else the Stripe customer we created. */
async function resolveUser(tx: Tx, metadataUserId: string | undefined, customerId: string | undefined) {
  if (metadataUserId && (await repo.userExists(tx, metadataUserId))) return metadataUserId;
  return customerId ? repo.findUserIdByCustomer(tx, customerId) : undefined;
}

interface Grant {
  userId: string;
  amount: number;
  type: 'credit_purchase' | 'plan_credits';
  description: string;
  stripeObjectId: string;
  stripePaymentIntentId: string | null;
}

/**
 * A ledger row, then the balance. The row is unique per Stripe object: when another event already granted this
 * session or invoice, the insert does nothing and neither does the balance.
 */
async function grantCredits(ctx: HandlerContext, grant: Grant): Promise<boolean> {
  const rowId = await repo.insertGrantRow(ctx.tx, { ...grant, now: ctx.now });
  if (!rowId) {
    ctx.logger.info({ stripeObjectId: grant.stripeObjectId }, 'already granted through another event');
    return false;
  }
  const balance =
    grant.amount > 0
      ? await credit(ctx.tx, grant.userId, grant.amount, ctx.now.toISOString())
      : await repo.currentCredits(ctx.tx, grant.userId);
  await repo.setBalanceAfter(ctx.tx, rowId, balance);
  return true;
}

/**
 * A finished checkout. A pack's credits are granted here once the payment is settled (delayed methods settle later
 * and send `checkout.session.async_payment_succeeded`, handled the same way). A plan's subscription is linked to the
 * user; its credits come with its paid invoices only.
 */
async function onCheckoutSessionCompleted(ctx: HandlerContext, session: Stripe.Checkout.Session): Promise<void> {
  const metadata = session.metadata ?? {};
  const userId = session.client_reference_id ?? metadata.userId;
  if (!userId || !(await repo.userExists(ctx.tx, userId))) {
    ctx.logger.warn({ sessionId: session.id }, 'checkout session for an unknown user');
    return;
  }

  if (session.mode === 'payment') {
    if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') return;
    const pack = findPack(metadata.pack);
    // The credits sold are in the session's metadata, so a later catalogue change does not alter a past sale.
    const sold = Number.parseInt(metadata.credits ?? '', 10);
    const credits = Number.isSafeInteger(sold) && sold > 0 ? sold : pack?.credits;
    if (!credits) {
      ctx.logger.warn({ sessionId: session.id, metadata }, 'checkout session without a known pack');
      return;
    }
    // A monthly reset that fell due before the purchase is applied first, so it does not swallow the credits bought.
    await applyMonthlyResetIfDue(ctx.tx, userId, ctx.now);
    await grantCredits(ctx, {
      userId,
      amount: credits,
      type: 'credit_purchase',
      description: `Bought ${credits} credits${pack ? ` (${pack.name})` : ''}`,
      stripeObjectId: session.id,
      stripePaymentIntentId: idOf(session.payment_intent) ?? null,
    });
    return;
  }

  if (session.mode === 'subscription') {
    const plan = findPlan(metadata.plan);
    const subscriptionId = idOf(session.subscription);
    if (!plan || !subscriptionId) {
      ctx.logger.warn({ sessionId: session.id, metadata }, 'subscription checkout without a known plan');
      return;
    }
    await setPaidPlan(ctx, { userId, plan, subscriptionId, resetAtMs: undefined });
  }
}

/** Invoice reasons that start a paid period: the first invoice of a subscription and each renewal. */
const PERIOD_INVOICES = new Set<string>(['subscription_create', 'subscription_cycle']);

/**
 * A paid subscription invoice: the only place plan credits are granted, once per invoice. Stripe sends it for a new
 * subscription too, before or after `checkout.session.completed`; either order ends with the plan set and the
 * period's credits granted once.
 */
async function onInvoicePaid(ctx: HandlerContext, invoice: Stripe.Invoice): Promise<void> {
  const details = invoice.parent?.subscription_details;
  const subscriptionId = idOf(details?.subscription);
  if (!subscriptionId) return; // not a subscription invoice: nothing we sold
  const metadata = details?.metadata ?? {};
  const userId = await resolveUser(ctx.tx, metadata.userId, idOf(invoice.customer));
  const plan = findPlan(metadata.plan);
  if (!userId || !plan) {
    ctx.logger.warn({ invoiceId: invoice.id, subscriptionId, metadata }, 'paid invoice for an unknown user or plan');
    return;
  }
  if (invoice.billing_reason && PERIOD_INVOICES.has(invoice.billing_reason)) {
    await grantCredits(ctx, {
      userId,
      amount: monthlyCreditsOf(plan),
      type: 'plan_credits',
      description:
        plan.monthlyCredits === null
          ? `${plan.name}: month paid`
          : `${plan.name}: ${plan.monthlyCredits} monthly credits`,
      stripeObjectId: invoice.id,
      stripePaymentIntentId: null,
    });
  }
  const periodEnd = invoicePeriodEndMs(invoice);
  await setPaidPlan(ctx, { userId, plan, subscriptionId, resetAtMs: periodEnd });
  if (periodEnd !== undefined) await repo.advanceResetDate(ctx.tx, userId, subscriptionId, periodEnd);
}

/** The end of the period an invoice paid for: its subscription lines' period (the invoice's own is the last one). */
function invoicePeriodEndMs(invoice: Stripe.Invoice): number | undefined {
  const ends = (invoice.lines?.data ?? []).map((line) => line.period?.end).filter((end) => typeof end === 'number');
  return ends.length > 0 ? Math.max(...ends) * 1000 : undefined;
}

const LIVE_STATUSES = new Set<string>(['active', 'trialing', 'past_due']);
const ENDED_STATUSES = new Set<string>(['canceled', 'unpaid', 'incomplete_expired', 'paused']);

/** A plan change: the plan follows a live subscription, and an ended one puts the user back on the free plan. */
async function onSubscriptionUpdated(ctx: HandlerContext, subscription: Stripe.Subscription): Promise<void> {
  if (ENDED_STATUSES.has(subscription.status)) return onSubscriptionEnded(ctx, subscription);
  if (!LIVE_STATUSES.has(subscription.status)) return; // incomplete: its first invoice decides
  const userId = await resolveUser(ctx.tx, subscription.metadata?.userId, idOf(subscription.customer));
  const plan = findPlan(subscription.metadata?.plan);
  if (!userId || !plan) {
    ctx.logger.warn({ subscriptionId: subscription.id }, 'subscription for an unknown user or plan');
    return;
  }
  const ends = (subscription.items?.data ?? [])
    .map((item) => item.current_period_end)
    .filter((e) => typeof e === 'number');
  const resetAtMs = ends.length > 0 ? Math.max(...ends) * 1000 : undefined;
  await setPaidPlan(ctx, { userId, plan, subscriptionId: subscription.id, resetAtMs });
}

async function onSubscriptionEnded(ctx: HandlerContext, subscription: Stripe.Subscription): Promise<void> {
  const userId = await resolveUser(ctx.tx, subscription.metadata?.userId, idOf(subscription.customer));
  if (!userId) {
    ctx.logger.warn({ subscriptionId: subscription.id }, 'ended subscription of an unknown user');
    return;
  }
  const ended = await repo.endSubscription(ctx.tx, {
    userId,
    subscriptionId: subscription.id,
    freeCredits: FREE_PLAN_CREDITS,
    resetAtMs: addOneMonth(ctx.now).getTime(),
    eventCreated: ctx.eventCreated,
    nowIso: ctx.now.toISOString(),
  });
  if (ended) ctx.logger.info({ userId, subscriptionId: subscription.id }, 'subscription ended: back to the free plan');
}

async function setPaidPlan(
  ctx: HandlerContext,
  change: { userId: string; plan: PaidPlan; subscriptionId: string; resetAtMs: number | undefined },
): Promise<void> {
  const applied = await repo.applyPaidPlan(ctx.tx, {
    userId: change.userId,
    plan: change.plan.id,
    monthlyCredits: monthlyCreditsOf(change.plan),
    subscriptionId: change.subscriptionId,
    resetAtMs: change.resetAtMs,
    eventCreated: ctx.eventCreated,
    nowIso: ctx.now.toISOString(),
  });
  if (!applied) ctx.logger.info({ userId: change.userId }, 'a newer Stripe event already set the plan');
}
