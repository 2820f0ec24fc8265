import Stripe from 'stripe';
import type { Env } from '../../config.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import * as repo from './billing.repo.js';
import {
  type CreditPack,
  creditPacks,
  findPack,
  findPlan,
  type PaidPlan,
  type PaidPlanId,
  paidPlans,
} from './catalog.js';
import { billingNotConfigured, fromStripeError, type StripeClient } from './stripe-client.js';

export type BillingDeps = ServiceDeps & {
  /** Undefined when STRIPE_SECRET_KEY is not set. */
  stripe: StripeClient | undefined;
};

export interface Catalog {
  packs: Array<{ id: string; name: string; credits: number; price: number; currency: string }>;
  plans: Array<{
    id: PaidPlanId;
    name: string;
    monthlyCredits: number | null;
    unlimited: boolean;
    price: number;
    currency: string;
    interval: 'month';
  }>;
}

/** The public price list, so a client can show what a purchase costs before asking for a checkout. */
export function getCatalog(): Catalog {
  return {
    packs: creditPacks.map((p) => ({
      id: p.id,
      name: p.name,
      credits: p.credits,
      price: p.price,
      currency: p.currency,
    })),
    plans: paidPlans.map((p) => ({
      id: p.id,
      name: p.name,
      monthlyCredits: p.monthlyCredits,
      unlimited: p.monthlyCredits === null,
      price: p.price,
      currency: p.currency,
      interval: p.interval,
    })),
  };
}

export interface PurchaseInput {
  userId: string;
  pack?: string | undefined;
  plan?: string | undefined;
  /** The client's `Idempotency-Key` header, when it sends one. */
  idempotencyKey?: string | undefined;
}

export interface CheckoutResult {
  checkoutUrl: string;
  sessionId: string;
}

/** Checkout keys without a client key are shared by identical purchases within this window. */
const CHECKOUT_KEY_WINDOW_MS = 10 * 60_000;

export function checkoutUrls(config: Pick<Env, 'PUBLIC_URL' | 'CHECKOUT_SUCCESS_URL' | 'CHECKOUT_CANCEL_URL'>) {
  const base = config.PUBLIC_URL.replace(/\/+$/, '');
  return {
    // {CHECKOUT_SESSION_ID} is filled in by Stripe; it must reach Stripe unencoded.
    successUrl: config.CHECKOUT_SUCCESS_URL ?? `${base}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: config.CHECKOUT_CANCEL_URL ?? `${base}/billing/cancel`,
  };
}

/**
 * Creates a Stripe Checkout Session for a credit pack (payment mode) or a plan (subscription mode) and returns its
 * URL. The Stripe customer is created once per user and reused. The request carries our own idempotency key, so a
 * double-clicked purchase gets the same session back from Stripe instead of a second one.
 */
export async function createCheckout(deps: BillingDeps, input: PurchaseInput): Promise<CheckoutResult> {
  const stripe = deps.stripe;
  if (!stripe) throw billingNotConfigured('STRIPE_SECRET_KEY');
  const pack = findPack(input.pack);
  const plan = findPlan(input.plan);
  // The route's schema already insists on exactly one known pack or plan.
  if (!pack === !plan) throw new Error('createCheckout needs exactly one known pack or plan');

  const user = await repo.findBillingUser(deps.db, input.userId);
  if (!user) throw new AppError('unauthorized', 'The account no longer exists');
  if (plan && user.stripe_subscription_id) {
    throw new AppError('conflict', `You already have the ${user.plan} plan; it has to end before another one starts`, {
      details: { plan: user.plan },
    });
  }

  const item = pack ? `pack-${pack.id}` : `plan-${plan!.id}`;
  const sessionFor = (customerId: string) =>
    pack
      ? packSessionParams(deps.config, { userId: user.id, customerId, pack })
      : planSessionParams(deps.config, { userId: user.id, customerId, plan: plan! });
  const create = async (customerId: string) => {
    const idempotencyKey = await checkoutKey(deps, { ...input, item, customerId });
    return toResult(await stripe.checkout.sessions.create(sessionFor(customerId), { idempotencyKey }));
  };
  try {
    const customerId = user.stripe_customer_id ?? (await createCustomer(deps, stripe, user));
    try {
      return await create(customerId);
    } catch (error) {
      if (!user.stripe_customer_id || !isMissingCustomer(error)) throw error;
      // The stored customer is unknown to this Stripe account (e.g. a test-mode id after switching to live keys):
      // replace it once and try again (the key names the customer, so it changes too).
      return await create(await createCustomer(deps, stripe, user, { replacing: user.stripe_customer_id }));
    }
  } catch (error) {
    throw fromStripeError(error);
  }
}

function toResult(session: Stripe.Checkout.Session): CheckoutResult {
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
  return { checkoutUrl: session.url, sessionId: session.id };
}

function isMissingCustomer(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    error.code === 'resource_missing' &&
    error.param === 'customer'
  );
}

async function createCustomer(
  deps: BillingDeps,
  stripe: StripeClient,
  user: { id: string; email: string; name: string | null },
  options: { replacing?: string } = {},
): Promise<string> {
  // The key makes concurrent first purchases create one customer (Stripe keeps keys for at least 24 hours).
  const key = options.replacing
    ? `pathwise-customer-${user.id}-replacing-${options.replacing}`
    : `pathwise-customer-${user.id}`;
  const customer = await stripe.customers.create(
    { email: user.email, ...(user.name ? { name: user.name } : {}), metadata: { userId: user.id } },
    { idempotencyKey: key },
  );
  const nowIso = deps.clock.now().toISOString();
  return repo.saveCustomerId(deps.db, { id: user.id, replacing: options.replacing ?? null }, customer.id, nowIso);
}

/**
 * Our idempotency key for a checkout: the client's Idempotency-Key when it sends one; otherwise derived from the
 * user, the item, the newest ledger row (a granted purchase changes it, so buying the same pack again makes a new
 * session) and a 10-minute window. Both name the customer: Stripe refuses a key reused with other parameters.
 */
async function checkoutKey(
  deps: BillingDeps,
  input: PurchaseInput & { item: string; customerId: string },
): Promise<string> {
  const prefix = `pathwise-checkout-${input.userId}-${input.customerId}`;
  if (input.idempotencyKey) return `${prefix}-${input.idempotencyKey}`;
  const marker = (await repo.latestLedgerId(deps.db, input.userId)) ?? 'none';
  const window = Math.floor(deps.clock.now().getTime() / CHECKOUT_KEY_WINDOW_MS);
  return `${prefix}-${input.item}-${marker}-${window}`;
}

type SessionParams = Stripe.Checkout.SessionCreateParams;

function packSessionParams(
  config: Env,
  input: { userId: string; customerId: string; pack: CreditPack },
): SessionParams {
  const { successUrl, cancelUrl } = checkoutUrls(config);
  const metadata = { userId: input.userId, kind: 'pack', pack: input.pack.id, credits: String(input.pack.credits) };
  return {
    mode: 'payment',
    customer: input.customerId,
    client_reference_id: input.userId,
    metadata,
    payment_intent_data: { metadata },
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: input.pack.currency,
          unit_amount: input.pack.price,
          product_data: { name: input.pack.name, metadata: { pack: input.pack.id } },
        },
      },
    ],
    success_url: successUrl,
    cancel_url: cancelUrl,
  };
}

function planSessionParams(config: Env, input: { userId: string; customerId: string; plan: PaidPlan }): SessionParams {
  const { successUrl, cancelUrl } = checkoutUrls(config);
  const metadata = { userId: input.userId, kind: 'plan', plan: input.plan.id };
  return {
    mode: 'subscription',
    customer: input.customerId,
    client_reference_id: input.userId,
    metadata,
    // Carried by the subscription and copied onto its invoices: how invoice and subscription events find the plan.
    subscription_data: { metadata },
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: input.plan.currency,
          unit_amount: input.plan.price,
          recurring: { interval: input.plan.interval },
          product_data: { name: input.plan.name, metadata: { plan: input.plan.id } },
        },
      },
    ],
    success_url: successUrl,
    cancel_url: cancelUrl,
  };
}
