import type { CompiledQuery } from 'kysely';
import Stripe from 'stripe';
import { z } from 'zod';
import { affectedRows } from '../../db/atomic.js';
import { addOneMonth, FREE_PLAN_CREDITS, grantStatements, monthlyResetStatements } from '../credits/ledger.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { fieldProblems } from '../http/router.js';
import { newSortableId } from '../ids.js';
import type { Logger } from '../logger.js';
import * as repo from './billing.repo.js';
import { findPack, findPlan, monthlyCreditsOf, type PaidPlan } from './catalog.js';
import { billingNotConfigured } from './stripe-client.js';

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

/** What a handler reads (at once) and writes (collected into the delivery's atomic list, see `applyDelivery`). */
interface Effects {
  userExists(userId: string): Promise<boolean>;
  findUserIdByCustomer(customerId: string): Promise<string | undefined>;
  applyMonthlyResetIfDue(userId: string): Promise<void>;
  grantCredits(grant: Grant): Promise<void>;
  applyPaidPlan(change: repo.PaidPlanChange): Promise<void>;
  advanceResetDate(userId: string, subscriptionId: string, resetAtMs: number): Promise<void>;
  endSubscription(change: repo.EndSubscription): Promise<void>;
}

interface HandlerContext {
  fx: Effects;
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
  requireEventShape(event, deps.logger);
  const logger = deps.logger.child({ stripeEventId: event.id, stripeEventType: event.type });

  const handler = handlerFor(event);
  if (!handler) {
    logger.debug({}, 'stripe event ignored');
    return { received: true, outcome: 'ignored' };
  }
  const fresh = await applyDelivery(deps, event, handler, {
    now: deps.clock.now(),
    logger,
    eventCreated: event.created,
  });
  logger.info({ outcome: fresh ? 'processed' : 'duplicate' }, 'stripe event');
  return { received: true, outcome: fresh ? 'processed' : 'duplicate' };
}

const SIGNATURE_TOLERANCE_SECONDS = 300;

/** What every event we read must carry; anything less is malformed even when signed. */
const eventShape = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

/**
 * A signed event that is not a well-formed event answers 400 (and is logged) rather than 500: a 5xx makes Stripe
 * retry the delivery for days, and no retry will make it readable.
 */
function requireEventShape(event: unknown, logger: Logger): void {
  const parsed = eventShape.safeParse(event);
  if (parsed.success) return;
  const id = typeof event === 'object' && event !== null && 'id' in event ? String(event.id) : undefined;
  const problems = fieldProblems(parsed.error);
  logger.warn({ stripeEventId: id, problems }, 'malformed stripe event refused');
  throw new AppError('bad_request', 'The event is not a well-formed Stripe event', { details: { fields: problems } });
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
    const event = await Stripe.webhooks.constructEventAsync(
      payload,
      signature,
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      now.getTime(),
    );
    // Stripe's check only bounds the age; a signature dated ahead of our clock by more than the tolerance is refused
    // too (docs/BILLING.md: ±5 minutes), so a captured future-dated delivery cannot be replayed for as long as it likes.
    const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
    if (!(signedAt * 1000 <= now.getTime() + SIGNATURE_TOLERANCE_SECONDS * 1000)) {
      throw new AppError('invalid_signature', 'The Stripe-Signature timestamp is in the future beyond the tolerance');
    }
    return event;
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
async function resolveUser(fx: Effects, metadataUserId: string | undefined, customerId: string | undefined) {
  if (metadataUserId && (await fx.userExists(metadataUserId))) return metadataUserId;
  return customerId ? fx.findUserIdByCustomer(customerId) : undefined;
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
 * One delivery as one atomic list: the handler's reads run first and its writes are collected; every write is
 * conditioned on the event not being recorded yet (`NOT EXISTS stripe_events`), and the event's row comes last (its
 * primary key decides processed or duplicate). A grant's ledger row is unique per Stripe object, so another event for
 * the same session or invoice grants nothing, and the balance moves only if this delivery wrote that row (its fresh
 * id). A concurrent delivery of the same event queues on the user's row (PostgreSQL) or runs after this one, finds the
 * event recorded and changes nothing; its plan changes are idempotent by their own conditions (`stripe_synced_at`).
 * A monthly reset that fell due is applied first, in the same list (compare-and-set on its date, see ledger.ts).
 */
async function applyDelivery(
  deps: Pick<ServiceDeps, 'db' | 'atomic'>,
  event: Stripe.Event,
  handler: Handler,
  context: Omit<HandlerContext, 'fx'>,
): Promise<boolean> {
  const { db } = deps;
  const { now } = context;
  const unrecorded = repo.stripeEventUnrecorded(db, event.id);
  const writes: CompiledQuery[] = [];
  const fx: Effects = {
    userExists: (userId) => repo.userExists(db, userId),
    findUserIdByCustomer: (customerId) => repo.findUserIdByCustomer(db, customerId),
    applyMonthlyResetIfDue: async (userId) => {
      const row = await repo.findResetState(db, userId);
      if (row) writes.push(...monthlyResetStatements(db, { ...row, id: userId }, now, newSortableId(now)));
    },
    grantCredits: async (grant) => {
      const entry = { ...grant, ledgerId: newSortableId(now), nowIso: now.toISOString() };
      writes.push(...grantStatements(db, entry, [unrecorded]));
    },
    applyPaidPlan: async (change) => {
      writes.push(repo.applyPaidPlanCompiled(db, change, unrecorded));
    },
    advanceResetDate: async (userId, subscriptionId, resetAtMs) => {
      writes.push(repo.advanceResetDateCompiled(db, userId, subscriptionId, resetAtMs, unrecorded));
    },
    endSubscription: async (change) => {
      writes.push(...repo.endSubscriptionCompiled(db, change, unrecorded));
    },
  };
  await handler({ ...context, fx });
  const results = await deps.atomic([
    ...writes,
    repo.recordStripeEventQuery(db, { id: event.id, type: event.type, nowIso: now.toISOString() }),
  ]);
  return affectedRows(results.at(-1)) === 1;
}

/**
 * A finished checkout. A pack's credits are granted here once the payment is settled (delayed methods settle later
 * and send `checkout.session.async_payment_succeeded`, handled the same way). A plan's subscription is linked to the
 * user; its credits come with its paid invoices only.
 */
async function onCheckoutSessionCompleted(ctx: HandlerContext, session: Stripe.Checkout.Session): Promise<void> {
  const metadata = session.metadata ?? {};
  const userId = session.client_reference_id ?? metadata.userId;
  if (!userId || !(await ctx.fx.userExists(userId))) {
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
    await ctx.fx.applyMonthlyResetIfDue(userId);
    await ctx.fx.grantCredits({
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
  const userId = await resolveUser(ctx.fx, metadata.userId, idOf(invoice.customer));
  const plan = findPlan(metadata.plan);
  if (!userId || !plan) {
    ctx.logger.warn({ invoiceId: invoice.id, subscriptionId, metadata }, 'paid invoice for an unknown user or plan');
    return;
  }
  if (invoice.billing_reason && PERIOD_INVOICES.has(invoice.billing_reason)) {
    await ctx.fx.grantCredits({
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
  if (periodEnd !== undefined) await ctx.fx.advanceResetDate(userId, subscriptionId, periodEnd);
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
  const userId = await resolveUser(ctx.fx, subscription.metadata?.userId, idOf(subscription.customer));
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
  const userId = await resolveUser(ctx.fx, subscription.metadata?.userId, idOf(subscription.customer));
  if (!userId) {
    ctx.logger.warn({ subscriptionId: subscription.id }, 'ended subscription of an unknown user');
    return;
  }
  await ctx.fx.endSubscription({
    userId,
    subscriptionId: subscription.id,
    freeCredits: FREE_PLAN_CREDITS,
    resetAtMs: addOneMonth(ctx.now).getTime(),
    eventCreated: ctx.eventCreated,
    nowIso: ctx.now.toISOString(),
  });
}

async function setPaidPlan(
  ctx: HandlerContext,
  change: { userId: string; plan: PaidPlan; subscriptionId: string; resetAtMs: number | undefined },
): Promise<void> {
  await ctx.fx.applyPaidPlan({
    userId: change.userId,
    plan: change.plan.id,
    monthlyCredits: monthlyCreditsOf(change.plan),
    subscriptionId: change.subscriptionId,
    resetAtMs: change.resetAtMs,
    eventCreated: ctx.eventCreated,
    nowIso: ctx.now.toISOString(),
  });
}
