import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerTest } from './harness.js';

const API_KEY = 'sk_test_pathwise_worker';
const WEBHOOK_SECRET = 'whsec_test_pathwise_worker';
/** The SDK's own helper signs the test events, exactly as Stripe signs real deliveries. */
const stripe = new Stripe(API_KEY);

const uid = () => crypto.randomUUID().replace(/-/g, '').slice(0, 14);
const seconds = () => Math.floor(Date.now() / 1000);

function stripeEvent(type: string, object: Record<string, unknown>, created = seconds()) {
  return {
    id: `evt_test_${uid()}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

function packSession(userId: string, id = `cs_test_${uid()}`) {
  return {
    id,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    client_reference_id: userId,
    customer: `cus_${uid()}`,
    metadata: { userId, kind: 'pack', pack: 'credits_30', credits: '30' },
    payment_intent: `pi_${uid()}`,
    subscription: null,
    amount_total: 1299,
    currency: 'usd',
  };
}

function paidInvoice(userId: string, subscriptionId: string, customerId: string, periodEnd: number) {
  return {
    id: `in_${uid()}`,
    object: 'invoice',
    customer: customerId,
    billing_reason: 'subscription_create',
    status: 'paid',
    amount_paid: 999,
    currency: 'usd',
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { subscription: subscriptionId, metadata: { userId, kind: 'plan', plan: 'starter' } },
    },
    lines: {
      object: 'list',
      has_more: false,
      data: [{ id: `il_${uid()}`, object: 'line_item', amount: 999, period: { start: seconds(), end: periodEnd } }],
    },
  };
}

describe('Stripe webhooks on the worker (one D1 batch per delivery)', () => {
  let w: WorkerTest;
  beforeAll(async () => {
    w = await startWorker({ bindings: { STRIPE_SECRET_KEY: API_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET } });
  });
  afterAll(async () => w?.close());

  const deliver = (event: object, secret = WEBHOOK_SECRET) => {
    const payload = JSON.stringify(event);
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: seconds() });
    return w.call('POST', '/api/webhooks/stripe', { body: payload, headers: { 'stripe-signature': signature } });
  };
  const userRow = (userId: string) =>
    w.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const grantsOf = (userId: string) =>
    w.db
      .selectFrom('credit_transactions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('stripe_object_id', 'is not', null)
      .execute();
  const eventRecorded = async (id: string) =>
    (await w.db.selectFrom('stripe_events').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  it('one event delivered 5 times concurrently grants once', async () => {
    const { token, user } = await w.register();
    const session = packSession(user.id);
    const event = stripeEvent('checkout.session.completed', session);
    const results = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.map((r) => r.json.outcome).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'processed',
    ]);
    expect((await userRow(user.id)).credits).toBe(35);
    expect(await grantsOf(user.id)).toEqual([
      expect.objectContaining({
        type: 'credit_purchase',
        amount: 30,
        balance_after: 35,
        stripe_object_id: session.id,
        stripe_payment_intent_id: session.payment_intent,
      }),
    ]);
    expect(await eventRecorded(event.id)).toBe(true);
    expect((await w.call('GET', '/api/credits/balance', { token })).json.credits).toBe(35);
    // A later replay is a duplicate too.
    expect((await deliver(event)).json.outcome).toBe('duplicate');
    expect((await userRow(user.id)).credits).toBe(35);
  });

  it('two events for the same checkout session (completed, async payment succeeded) grant once', async () => {
    const { user } = await w.register();
    const session = packSession(user.id);
    const results = await Promise.all([
      deliver(stripeEvent('checkout.session.completed', session)),
      deliver(stripeEvent('checkout.session.async_payment_succeeded', session)),
    ]);
    expect(results.map((r) => r.json.outcome)).toEqual(['processed', 'processed']);
    expect((await userRow(user.id)).credits).toBe(35);
    expect(await grantsOf(user.id)).toHaveLength(1);
  });

  it('a subscription: its paid invoice sets the plan and grants the month once; its end returns to free', async () => {
    const { user } = await w.register();
    const subscriptionId = `sub_${uid()}`;
    const customerId = `cus_${uid()}`;
    const end = seconds() + 30 * 86_400;
    const invoice = stripeEvent('invoice.paid', paidInvoice(user.id, subscriptionId, customerId, end), seconds() - 5);
    const results = await Promise.all(Array.from({ length: 3 }, () => deliver(invoice)));
    expect(results.filter((r) => r.json.outcome === 'processed')).toHaveLength(1);
    const row = await userRow(user.id);
    expect(row).toMatchObject({ plan: 'starter', monthly_credits: 50, stripe_subscription_id: subscriptionId });
    expect(row.credits).toBe(55);
    expect(Number(row.credits_reset_at)).toBe(end * 1000);
    expect(await grantsOf(user.id)).toEqual([
      expect.objectContaining({ type: 'plan_credits', amount: 50, balance_after: 55 }),
    ]);

    const ended = stripeEvent('customer.subscription.deleted', {
      id: subscriptionId,
      object: 'subscription',
      customer: customerId,
      status: 'canceled',
      metadata: { userId: user.id, kind: 'plan', plan: 'starter' },
      items: { object: 'list', data: [] },
    });
    expect((await deliver(ended)).json.outcome).toBe('processed');
    expect(await userRow(user.id)).toMatchObject({ plan: 'free', stripe_subscription_id: null, credits: 55 });
  });

  it('refuses a bad signature (400) and records nothing', async () => {
    const { user } = await w.register();
    const event = stripeEvent('checkout.session.completed', packSession(user.id));
    const res = await deliver(event, 'whsec_wrong');
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_signature');
    expect(await eventRecorded(event.id)).toBe(false);
    expect((await userRow(user.id)).credits).toBe(5);
  });
});
