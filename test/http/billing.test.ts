import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/platform/clock.js';
import { memoryLogger } from '../../src/platform/logger.js';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-server.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const API_KEY = 'sk_test_pathwise_billing';
const WEBHOOK_SECRET = 'whsec_test_pathwise_billing';
/** The SDK's own helpers sign the test events, exactly as Stripe signs real deliveries. */
const stripe = new Stripe(API_KEY);

const uid = () => crypto.randomUUID().replace(/-/g, '').slice(0, 14);
const seconds = (t: TestApp) => Math.floor(t.clock.now().getTime() / 1000);

function stripeEvent(t: TestApp, type: string, object: Record<string, unknown>, options: { created?: number } = {}) {
  return {
    id: `evt_test_${uid()}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: options.created ?? seconds(t),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

interface DeliverOptions {
  secret?: string;
  /** Sent instead of the signed payload (a tampered body). */
  body?: (signed: string) => string;
  /** Replaces the signature header; null sends none. */
  signature?: string | null;
}

async function deliver(t: TestApp, event: object, options: DeliverOptions = {}) {
  const payload = JSON.stringify(event, null, 2);
  const header = stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: seconds(t),
  });
  const signature = options.signature === undefined ? header : options.signature;
  return t.call('POST', '/api/webhooks/stripe', {
    body: options.body ? options.body(payload) : payload,
    headers: signature === null ? {} : { 'stripe-signature': signature },
  });
}

function packSession(userId: string, options: { id?: string; paymentStatus?: string; credits?: number } = {}) {
  const credits = options.credits ?? 30;
  return {
    id: options.id ?? `cs_test_${uid()}`,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: options.paymentStatus ?? 'paid',
    client_reference_id: userId,
    customer: `cus_${uid()}`,
    metadata: { userId, kind: 'pack', pack: `credits_${credits}`, credits: String(credits) },
    payment_intent: `pi_${uid()}`,
    subscription: null,
    amount_total: 1299,
    currency: 'usd',
  };
}

interface Subscription {
  userId: string;
  customerId: string;
  subscriptionId: string;
  plan: 'starter' | 'unlimited';
}

function newSubscription(userId: string, plan: Subscription['plan'] = 'starter'): Subscription {
  return { userId, customerId: `cus_${uid()}`, subscriptionId: `sub_${uid()}`, plan };
}

function planSession(s: Subscription) {
  return {
    id: `cs_test_${uid()}`,
    object: 'checkout.session',
    mode: 'subscription',
    status: 'complete',
    payment_status: 'paid',
    client_reference_id: s.userId,
    customer: s.customerId,
    metadata: { userId: s.userId, kind: 'plan', plan: s.plan },
    payment_intent: null,
    subscription: s.subscriptionId,
  };
}

function paidInvoice(
  s: Subscription,
  options: { periodStart: number; periodEnd: number; reason?: string; plan?: Subscription['plan'] },
) {
  return {
    id: `in_${uid()}`,
    object: 'invoice',
    customer: s.customerId,
    billing_reason: options.reason ?? 'subscription_create',
    status: 'paid',
    amount_paid: 999,
    currency: 'usd',
    period_start: options.periodStart,
    period_end: options.periodStart,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: {
        subscription: s.subscriptionId,
        metadata: { userId: s.userId, kind: 'plan', plan: options.plan ?? s.plan },
      },
    },
    lines: {
      object: 'list',
      has_more: false,
      data: [
        {
          id: `il_${uid()}`,
          object: 'line_item',
          amount: 999,
          period: { start: options.periodStart, end: options.periodEnd },
        },
      ],
    },
  };
}

function subscriptionObject(
  s: Subscription,
  options: { status?: string; plan?: Subscription['plan']; periodEnd: number; metadata?: boolean },
) {
  return {
    id: s.subscriptionId,
    object: 'subscription',
    customer: s.customerId,
    status: options.status ?? 'active',
    cancel_at_period_end: false,
    metadata: options.metadata === false ? {} : { userId: s.userId, kind: 'plan', plan: options.plan ?? s.plan },
    items: {
      object: 'list',
      data: [
        {
          id: `si_${uid()}`,
          object: 'subscription_item',
          current_period_start: options.periodEnd - 30 * 86_400,
          current_period_end: options.periodEnd,
        },
      ],
    },
  };
}

async function userRow(t: TestApp, userId: string) {
  return t.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
}

async function grantsOf(t: TestApp, userId: string) {
  return t.db
    .selectFrom('credit_transactions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('stripe_object_id', 'is not', null)
    .execute();
}

async function ledgerTypes(t: TestApp, userId: string, type: string) {
  return t.db
    .selectFrom('credit_transactions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('type', '=', type)
    .execute();
}

async function eventRecorded(t: TestApp, eventId: string) {
  return (
    (await t.db.selectFrom('stripe_events').select('id').where('id', '=', eventId).executeTakeFirst()) !== undefined
  );
}

describe.each(targets('billing'))('billing on %s', (dialect) => {
  let database: TestDatabase;
  let fake: FakeStripe;
  let t: TestApp;
  /** The same database, served by an app without any Stripe keys. */
  let offline: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    fake = await startFakeStripe({ apiKey: API_KEY });
    t = createTestApp(database, {
      config: {
        STRIPE_SECRET_KEY: API_KEY,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_HOST: fake.host,
        STRIPE_API_PORT: fake.port,
        STRIPE_API_PROTOCOL: 'http',
        PUBLIC_URL: 'https://pathwise.example',
      },
    });
    offline = createTestApp(database);
  });
  afterAll(async () => {
    await fake.close();
    await database.destroy();
  });

  describe('catalogue', () => {
    it('lists packs and plans with prices, without a token', async () => {
      const res = await t.call('GET', '/api/credits/catalog');
      expect(res.status).toBe(200);
      expect(res.json.packs.map((p: { credits: number }) => p.credits)).toEqual([10, 30, 100]);
      for (const pack of res.json.packs) {
        expect(pack).toMatchObject({ id: expect.any(String), price: expect.any(Number), currency: 'usd' });
        expect(Number.isInteger(pack.price)).toBe(true);
      }
      expect(res.json.plans).toEqual([
        expect.objectContaining({ id: 'starter', monthlyCredits: 50, unlimited: false, interval: 'month' }),
        expect.objectContaining({ id: 'unlimited', monthlyCredits: null, unlimited: true, interval: 'month' }),
      ]);
    });
  });

  it('documents the billing routes in /openapi.json', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    expect(doc.paths['/api/credits/catalog'].get).toBeDefined();
    expect(doc.paths['/api/credits/purchase'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/credits/purchase'].post.responses['503']).toBeDefined();
    expect(doc.paths['/api/credits/transactions'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/webhooks/stripe'].post.responses['400']).toBeDefined();
  });

  describe('POST /api/credits/purchase', () => {
    it('answers 503 billing_not_configured, saying what to set, when there is no Stripe key', async () => {
      const { token } = await offline.register();
      const before = fake.requests.length;
      const res = await offline.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } });
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('billing_not_configured');
      expect(res.json.error.message).toContain('STRIPE_SECRET_KEY');
      expect(res.json.checkoutUrl).toBeUndefined();
      expect(res.text).not.toContain('http');
      expect(fake.requests.length).toBe(before);
    });

    it('needs a token', async () => {
      expect((await t.call('POST', '/api/credits/purchase', { body: { pack: 'credits_10' } })).status).toBe(401);
    });

    it('names the field when the body is wrong', async () => {
      const { token } = await t.register();
      const none = await t.call('POST', '/api/credits/purchase', { token, body: {} });
      expect(none.status).toBe(422);
      expect(none.json.error.details.fields).toEqual([expect.objectContaining({ field: 'pack' })]);
      const unknown = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_7' } });
      expect(unknown.status).toBe(422);
      expect(unknown.json.error.details.fields[0].field).toBe('pack');
      const both = await t.call('POST', '/api/credits/purchase', {
        token,
        body: { pack: 'credits_10', plan: 'starter' },
      });
      expect(both.status).toBe(422);
      expect(both.json.error.details.fields[0].field).toBe('plan');
    });

    it('creates a payment-mode Checkout Session through the SDK, with our customer, reference and metadata', async () => {
      const { token, user, email } = await t.register();
      const before = fake.requests.length;
      const res = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_30' } });
      expect(res.status).toBe(200);
      const sent = fake.requests.slice(before);
      expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/customers', 'POST /v1/checkout/sessions']);
      const [customerRequest, sessionRequest] = sent as [(typeof sent)[0], (typeof sent)[0]];
      expect(customerRequest.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(customerRequest.form).toMatchObject({ email, 'metadata[userId]': user.id });
      expect(customerRequest.idempotencyKey).toBeTruthy();

      const customerId = (await userRow(t, user.id)).stripe_customer_id;
      expect(customerId).toMatch(/^cus_fake_/);
      expect(sessionRequest.idempotencyKey).toBeTruthy();
      expect(sessionRequest.form).toMatchObject({
        mode: 'payment',
        customer: customerId,
        client_reference_id: user.id,
        'metadata[userId]': user.id,
        'metadata[pack]': 'credits_30',
        'metadata[credits]': '30',
        'payment_intent_data[metadata][pack]': 'credits_30',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'usd',
        'line_items[0][price_data][unit_amount]': '1299',
        success_url: 'https://pathwise.example/billing/success?session_id={CHECKOUT_SESSION_ID}',
        cancel_url: 'https://pathwise.example/billing/cancel',
      });
      expect(sessionRequest.form['line_items[0][price_data][recurring][interval]']).toBeUndefined();
      expect(res.json).toEqual({
        checkoutUrl: `https://checkout.stripe.com/c/pay/${res.json.sessionId}`,
        sessionId: expect.stringMatching(/^cs_test_fake_/),
      });
    });

    it('reuses the Stripe customer for the next purchase', async () => {
      const { token, user } = await t.register();
      await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } });
      const customerId = (await userRow(t, user.id)).stripe_customer_id;
      const before = fake.requests.length;
      const res = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_100' } });
      expect(res.status).toBe(200);
      const sent = fake.requests.slice(before);
      expect(sent.map((r) => r.path)).toEqual(['/v1/checkout/sessions']);
      expect(sent[0]!.form.customer).toBe(customerId);
    });

    it('replaces a stored customer Stripe does not know (e.g. a test-mode id after switching keys)', async () => {
      const { token, user } = await t.register();
      await t.db
        .updateTable('users')
        .set({ stripe_customer_id: `cus_testmode_${uid()}` })
        .where('id', '=', user.id)
        .execute();
      const before = fake.requests.length;
      const res = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } });
      expect(res.status).toBe(200);
      const sent = fake.requests.slice(before);
      expect(sent.map((r) => `${r.path} ${r.status}`)).toEqual([
        '/v1/checkout/sessions 400',
        '/v1/customers 200',
        '/v1/checkout/sessions 200',
      ]);
      const replaced = (await userRow(t, user.id)).stripe_customer_id;
      expect(replaced).toMatch(/^cus_fake_/);
      expect(sent[2]!.form.customer).toBe(replaced);
      const again = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } });
      expect(again.json.sessionId).toBe(res.json.sessionId);
    });

    it('a double-clicked purchase makes one session: both requests carry the same idempotency key', async () => {
      const { token } = await t.register();
      const sessionsBefore = fake.executed('/v1/checkout/sessions').length;
      const customersBefore = fake.executed('/v1/customers').length;
      const before = fake.requests.length;
      const [a, b] = await Promise.all([
        t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } }),
        t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.json.sessionId).toBe(b.json.sessionId);
      const keys = fake.requests
        .slice(before)
        .filter((r) => r.path === '/v1/checkout/sessions')
        .map((r) => r.idempotencyKey);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toBe(keys[1]);
      expect(fake.executed('/v1/checkout/sessions').length - sessionsBefore).toBe(1);
      expect(fake.executed('/v1/customers').length - customersBefore).toBe(1);
    });

    it("uses the client's Idempotency-Key header when it sends one", async () => {
      const { token } = await t.register();
      const headers = { 'idempotency-key': `click-${uid()}` };
      const first = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' }, headers });
      const again = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' }, headers });
      const other = await t.call('POST', '/api/credits/purchase', {
        token,
        body: { pack: 'credits_10' },
        headers: { 'idempotency-key': `click-${uid()}` },
      });
      expect(again.json.sessionId).toBe(first.json.sessionId);
      expect(other.json.sessionId).not.toBe(first.json.sessionId);
      const bad = await t.call('POST', '/api/credits/purchase', {
        token,
        body: { pack: 'credits_10' },
        headers: { 'idempotency-key': 'not a key!' },
      });
      expect(bad.status).toBe(422);
      expect(bad.json.error.details.fields[0].field).toBe('idempotency-key');
    });

    it('buying the same pack again after it was granted makes a new session', async () => {
      const { token, user } = await t.register();
      const first = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } });
      const session = packSession(user.id, { id: first.json.sessionId, credits: 10 });
      expect((await deliver(t, stripeEvent(t, 'checkout.session.completed', session))).status).toBe(200);
      const second = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } });
      expect(second.status).toBe(200);
      expect(second.json.sessionId).not.toBe(first.json.sessionId);
    });

    it('creates a subscription-mode session for a plan, the plan in the subscription metadata', async () => {
      const { token, user } = await t.register();
      const before = fake.requests.length;
      const res = await t.call('POST', '/api/credits/purchase', { token, body: { plan: 'starter' } });
      expect(res.status).toBe(200);
      const sessionRequest = fake.requests.slice(before).find((r) => r.path === '/v1/checkout/sessions')!;
      expect(sessionRequest.form).toMatchObject({
        mode: 'subscription',
        client_reference_id: user.id,
        'metadata[plan]': 'starter',
        'subscription_data[metadata][userId]': user.id,
        'subscription_data[metadata][plan]': 'starter',
        'line_items[0][price_data][unit_amount]': '999',
        'line_items[0][price_data][recurring][interval]': 'month',
      });
      expect(sessionRequest.form['payment_intent_data[metadata][pack]']).toBeUndefined();
    });

    it('refuses a second plan while a subscription is live (409)', async () => {
      const { token, user } = await t.register();
      const s = newSubscription(user.id);
      await deliver(t, stripeEvent(t, 'checkout.session.completed', planSession(s)));
      const res = await t.call('POST', '/api/credits/purchase', { token, body: { plan: 'unlimited' } });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('conflict');
    });

    it('answers 503 when Stripe is failing, and nothing is stored', async () => {
      const { token } = await t.register();
      fake.failNext(500, 5);
      const res = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } });
      fake.failNext(500, 0);
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('service_unavailable');
    });
  });

  describe('POST /api/webhooks/stripe: signatures', () => {
    it('answers 503 billing_not_configured without STRIPE_WEBHOOK_SECRET', async () => {
      const { user } = await offline.register();
      const res = await deliver(offline, stripeEvent(offline, 'checkout.session.completed', packSession(user.id)));
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('billing_not_configured');
      expect(res.json.error.message).toContain('STRIPE_WEBHOOK_SECRET');
    });

    it('refuses a missing signature, a wrong secret, a tampered body and a stale timestamp; nothing changes', async () => {
      const { user } = await t.register();
      const event = stripeEvent(t, 'checkout.session.completed', packSession(user.id));
      const missing = await deliver(t, event, { signature: null });
      const wrongSecret = await deliver(t, event, { secret: 'whsec_someone_else' });
      const tampered = await deliver(t, event, {
        body: (signed) => signed.replace('"credits": "30"', '"credits": "3000"'),
      });
      const garbage = await deliver(t, event, { signature: 't=1,v1=deadbeef' });
      const old = `${seconds(t) - 3600}`;
      const staleHeader = stripe.webhooks.generateTestHeaderString({
        payload: JSON.stringify(event, null, 2),
        secret: WEBHOOK_SECRET,
        timestamp: Number(old),
      });
      const stale = await deliver(t, event, { signature: staleHeader });
      for (const res of [missing, wrongSecret, tampered, garbage, stale]) {
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('invalid_signature');
      }
      expect(tampered.text).not.toContain('3000');
      expect((await userRow(t, user.id)).credits).toBe(5);
      expect(await grantsOf(t, user.id)).toHaveLength(0);
      expect(await eventRecorded(t, event.id)).toBe(false);
    });

    it('refuses a signature dated in the future beyond the 5-minute tolerance, accepts one within it', async () => {
      const { user } = await t.register();
      const signedAt = (offset: number, event: object) =>
        stripe.webhooks.generateTestHeaderString({
          payload: JSON.stringify(event, null, 2),
          secret: WEBHOOK_SECRET,
          timestamp: seconds(t) + offset,
        });
      const future = stripeEvent(t, 'checkout.session.completed', packSession(user.id));
      const res = await deliver(t, future, { signature: signedAt(3600, future) });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_signature');
      expect(await eventRecorded(t, future.id)).toBe(false);
      const skewed = stripeEvent(t, 'checkout.session.completed', packSession(user.id));
      expect((await deliver(t, skewed, { signature: signedAt(60, skewed) })).status).toBe(200);
      expect((await userRow(t, user.id)).credits).toBe(35);
    });

    it('acknowledges event types it does not handle with 200, recording nothing', async () => {
      const event = stripeEvent(t, 'customer.created', { id: `cus_${uid()}`, object: 'customer' });
      const res = await deliver(t, event);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ received: true, outcome: 'ignored' });
      expect(await eventRecorded(t, event.id)).toBe(false);
    });
  });

  describe('POST /api/webhooks/stripe: credit packs', () => {
    it('grants a paid pack once, as a ledger row carrying the Stripe ids', async () => {
      const { token, user } = await t.register();
      const session = packSession(user.id);
      const event = stripeEvent(t, 'checkout.session.completed', session);
      const res = await deliver(t, event);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ received: true, outcome: 'processed' });
      expect((await userRow(t, user.id)).credits).toBe(35);
      const grants = await grantsOf(t, user.id);
      expect(grants).toEqual([
        expect.objectContaining({
          type: 'credit_purchase',
          amount: 30,
          balance_after: 35,
          stripe_object_id: session.id,
          stripe_payment_intent_id: session.payment_intent,
        }),
      ]);
      expect(await eventRecorded(t, event.id)).toBe(true);
      expect((await t.call('GET', '/api/credits/balance', { token })).json.credits).toBe(35);
    });

    it('one event replayed 10 times grants once', async () => {
      const { user } = await t.register();
      const event = stripeEvent(t, 'checkout.session.completed', packSession(user.id));
      const outcomes: string[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await deliver(t, event);
        expect(res.status).toBe(200);
        outcomes.push(res.json.outcome);
      }
      expect(outcomes).toEqual(['processed', ...Array(9).fill('duplicate')]);
      expect((await userRow(t, user.id)).credits).toBe(35);
      expect(await grantsOf(t, user.id)).toHaveLength(1);
    });

    it('10 concurrent deliveries of one event grant once', async () => {
      const { user } = await t.register();
      const event = stripeEvent(t, 'checkout.session.completed', packSession(user.id));
      const results = await Promise.all(Array.from({ length: 10 }, () => deliver(t, event)));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(results.filter((r) => r.json.outcome === 'processed')).toHaveLength(1);
      expect((await userRow(t, user.id)).credits).toBe(35);
      expect(await grantsOf(t, user.id)).toHaveLength(1);
    });

    it('two different events for one session (completed, async payment succeeded) grant once', async () => {
      const { user } = await t.register();
      const session = packSession(user.id);
      const results = await Promise.all([
        deliver(t, stripeEvent(t, 'checkout.session.completed', session)),
        deliver(t, stripeEvent(t, 'checkout.session.async_payment_succeeded', session)),
      ]);
      expect(results.map((r) => r.json.outcome)).toEqual(['processed', 'processed']);
      expect((await userRow(t, user.id)).credits).toBe(35);
      expect(await grantsOf(t, user.id)).toHaveLength(1);
    });

    it('waits for a delayed payment to settle before granting', async () => {
      const { user } = await t.register();
      const session = packSession(user.id, { paymentStatus: 'unpaid' });
      await deliver(t, stripeEvent(t, 'checkout.session.completed', session));
      expect((await userRow(t, user.id)).credits).toBe(5);
      await deliver(
        t,
        stripeEvent(t, 'checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' }),
      );
      expect((await userRow(t, user.id)).credits).toBe(35);
    });

    it('a session for an unknown user is acknowledged and changes nothing', async () => {
      const res = await deliver(t, stripeEvent(t, 'checkout.session.completed', packSession('no-such-user')));
      expect(res.status).toBe(200);
      const rows = await t.db
        .selectFrom('credit_transactions')
        .select('id')
        .where('user_id', '=', 'no-such-user')
        .execute();
      expect(rows).toHaveLength(0);
    });
  });

  describe('POST /api/webhooks/stripe: plans', () => {
    const periodEnd = (t: TestApp) => seconds(t) + 30 * 86_400;

    async function expectStarter(t: TestApp, s: Subscription, end: number) {
      const row = await userRow(t, s.userId);
      expect(row).toMatchObject({
        plan: 'starter',
        monthly_credits: 50,
        stripe_subscription_id: s.subscriptionId,
        credits: 55,
      });
      expect(Number(row.credits_reset_at)).toBe(end * 1000);
      const grants = await grantsOf(t, s.userId);
      expect(grants).toEqual([expect.objectContaining({ type: 'plan_credits', amount: 50, balance_after: 55 })]);
    }

    it('checkout.session.completed then invoice.paid: plan linked, monthly credits granted once by the invoice', async () => {
      const { user } = await t.register();
      const s = newSubscription(user.id);
      const end = periodEnd(t);
      await deliver(t, stripeEvent(t, 'checkout.session.completed', planSession(s)));
      const linked = await userRow(t, user.id);
      expect(linked).toMatchObject({ plan: 'starter', stripe_subscription_id: s.subscriptionId, credits: 5 });
      const invoice = paidInvoice(s, { periodStart: seconds(t), periodEnd: end });
      await deliver(t, stripeEvent(t, 'invoice.paid', invoice, { created: seconds(t) - 1 }));
      await expectStarter(t, s, end);
      expect((await grantsOf(t, user.id))[0]!.stripe_object_id).toBe(invoice.id);
    });

    it('invoice.paid then checkout.session.completed: the same end state', async () => {
      const { user } = await t.register();
      const s = newSubscription(user.id);
      const end = periodEnd(t);
      await deliver(t, stripeEvent(t, 'invoice.paid', paidInvoice(s, { periodStart: seconds(t), periodEnd: end })));
      await expectStarter(t, s, end);
      await deliver(t, stripeEvent(t, 'checkout.session.completed', planSession(s), { created: seconds(t) + 1 }));
      await expectStarter(t, s, end);
    });

    it('both events delivered concurrently, each several times: granted once', async () => {
      const { user } = await t.register();
      const s = newSubscription(user.id);
      const end = periodEnd(t);
      const checkout = stripeEvent(t, 'checkout.session.completed', planSession(s));
      const invoice = stripeEvent(t, 'invoice.paid', paidInvoice(s, { periodStart: seconds(t), periodEnd: end }));
      const results = await Promise.all(
        [checkout, invoice, checkout, invoice, invoice, checkout].map((e) => deliver(t, e)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
      await expectStarter(t, s, end);
    });

    it('each renewal invoice grants once, however often it is delivered; the clock never grants a paid plan', async () => {
      const { token, user } = await t.register();
      const s = newSubscription(user.id);
      const firstEnd = periodEnd(t);
      await deliver(
        t,
        stripeEvent(t, 'invoice.paid', paidInvoice(s, { periodStart: seconds(t), periodEnd: firstEnd })),
      );

      // The period passed: concurrent requests do not restore credits by the clock (the invoice does that).
      await t.db
        .updateTable('users')
        .set({ credits_reset_at: t.clock.now().getTime() - DAY_MS })
        .where('id', '=', user.id)
        .execute();
      const balances = await Promise.all(
        Array.from({ length: 8 }, () => t.call('GET', '/api/credits/balance', { token })),
      );
      for (const b of balances) expect(b.json.credits).toBe(55);
      expect(await ledgerTypes(t, user.id, 'monthly_reset')).toHaveLength(0);

      const secondEnd = firstEnd + 30 * 86_400;
      const renewal = stripeEvent(
        t,
        'invoice.paid',
        paidInvoice(s, { periodStart: firstEnd, periodEnd: secondEnd, reason: 'subscription_cycle' }),
        { created: seconds(t) + 10 },
      );
      const results = await Promise.all(Array.from({ length: 10 }, () => deliver(t, renewal)));
      expect(results.filter((r) => r.json.outcome === 'processed')).toHaveLength(1);
      for (let i = 0; i < 3; i++) await deliver(t, renewal);
      const row = await userRow(t, user.id);
      expect(row.credits).toBe(105);
      expect(Number(row.credits_reset_at)).toBe(secondEnd * 1000);
      expect((await grantsOf(t, user.id)).map((g) => g.amount)).toEqual([50, 50]);
    });

    it('subscription updates change the plan; a deleted subscription puts the user back on free', async () => {
      const { token, user } = await t.register();
      const s = newSubscription(user.id);
      const end = periodEnd(t);
      const at = seconds(t);
      await deliver(t, stripeEvent(t, 'checkout.session.completed', planSession(s), { created: at }));
      await deliver(
        t,
        stripeEvent(t, 'invoice.paid', paidInvoice(s, { periodStart: at, periodEnd: end }), { created: at }),
      );

      const upgraded = subscriptionObject(s, { plan: 'unlimited', periodEnd: end });
      await deliver(t, stripeEvent(t, 'customer.subscription.updated', upgraded, { created: at + 5 }));
      expect(await userRow(t, user.id)).toMatchObject({ plan: 'unlimited', stripe_subscription_id: s.subscriptionId });
      const balance = await t.call('GET', '/api/credits/balance', { token });
      expect(balance.json).toMatchObject({ plan: 'unlimited', credits: 55 });

      await deliver(
        t,
        stripeEvent(t, 'customer.subscription.deleted', subscriptionObject(s, { status: 'canceled', periodEnd: end }), {
          created: at + 10,
        }),
      );
      const ended = await userRow(t, user.id);
      expect(ended).toMatchObject({ plan: 'free', monthly_credits: 5, stripe_subscription_id: null, credits: 55 });
      expect(Number(ended.credits_reset_at)).toBeGreaterThan(t.clock.now().getTime());

      // An older "updated" arriving late does not revive the ended subscription.
      await deliver(t, stripeEvent(t, 'customer.subscription.updated', upgraded, { created: at + 6 }));
      expect(await userRow(t, user.id)).toMatchObject({ plan: 'free', stripe_subscription_id: null });
    });

    it('back on free, the monthly reset happens once per period even with concurrent requests', async () => {
      const { token, user } = await t.register();
      const s = newSubscription(user.id);
      const at = seconds(t);
      await deliver(t, stripeEvent(t, 'checkout.session.completed', planSession(s), { created: at }));
      await deliver(
        t,
        stripeEvent(t, 'customer.subscription.deleted', subscriptionObject(s, { status: 'canceled', periodEnd: at }), {
          created: at + 1,
        }),
      );
      await t.db.updateTable('users').set({ credits: 1 }).where('id', '=', user.id).execute();
      await t.db
        .updateTable('users')
        .set({ credits_reset_at: t.clock.now().getTime() - DAY_MS })
        .where('id', '=', user.id)
        .execute();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => t.call('GET', '/api/credits/balance', { token })),
      );
      for (const r of results) expect(r.json).toMatchObject({ plan: 'free', credits: 5 });
      expect(await ledgerTypes(t, user.id, 'monthly_reset')).toHaveLength(1);
    });

    it('finds the user through the Stripe customer when the metadata does not name one', async () => {
      const { user } = await t.register();
      const s = newSubscription(user.id);
      await t.db.updateTable('users').set({ stripe_customer_id: s.customerId }).where('id', '=', user.id).execute();
      await deliver(
        t,
        stripeEvent(t, 'customer.subscription.updated', {
          ...subscriptionObject(s, { periodEnd: periodEnd(t) }),
          metadata: { plan: 'starter' },
        }),
      );
      expect(await userRow(t, user.id)).toMatchObject({ plan: 'starter', stripe_subscription_id: s.subscriptionId });
    });

    it('an unlimited plan invoice records the paid month in the ledger without credits', async () => {
      const { user } = await t.register();
      const s = newSubscription(user.id, 'unlimited');
      await deliver(
        t,
        stripeEvent(t, 'invoice.paid', paidInvoice(s, { periodStart: seconds(t), periodEnd: periodEnd(t) })),
      );
      expect(await userRow(t, user.id)).toMatchObject({ plan: 'unlimited', credits: 5 });
      expect(await grantsOf(t, user.id)).toEqual([expect.objectContaining({ type: 'plan_credits', amount: 0 })]);
    });
  });

  describe('GET /api/credits/transactions', () => {
    it('needs a token', async () => {
      expect((await t.call('GET', '/api/credits/transactions')).status).toBe(401);
    });

    it("lists the caller's ledger newest first, in keyset pages, with the Stripe reference", async () => {
      const { token, user } = await t.register();
      const other = await t.register();
      const sessions = [packSession(user.id, { credits: 10 }), packSession(user.id, { credits: 30 })];
      for (const session of sessions) {
        t.clock.advance(1000);
        await deliver(t, stripeEvent(t, 'checkout.session.completed', session));
      }
      t.clock.advance(1000);
      await deliver(t, stripeEvent(t, 'checkout.session.completed', packSession(other.user.id, { credits: 100 })));

      const all = await t.call('GET', '/api/credits/transactions', { token });
      expect(all.status).toBe(200);
      expect(all.json.nextCursor).toBeNull();
      expect(all.json.transactions.map((r: { type: string; amount: number }) => [r.type, r.amount])).toEqual([
        ['credit_purchase', 30],
        ['credit_purchase', 10],
        ['signup_bonus', 5],
      ]);
      expect(all.json.transactions[0]).toEqual({
        id: expect.any(String),
        type: 'credit_purchase',
        amount: 30,
        description: expect.stringContaining('30 credits'),
        balanceAfter: 45,
        stripeReference: sessions[1]!.id,
        createdAt: expect.any(String),
      });
      expect(all.json.transactions[2]).toMatchObject({ stripeReference: null, balanceAfter: 5 });

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page = await t.call('GET', `/api/credits/transactions${query}`, { token });
        expect(page.status).toBe(200);
        expect(page.json.transactions.length).toBeLessThanOrEqual(2);
        seen.push(...page.json.transactions.map((r: { id: string }) => r.id));
        cursor = page.json.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.json.transactions.map((r: { id: string }) => r.id));
    });

    it('orders rows written in the same millisecond by when they were written', async () => {
      const { token, user } = await t.register();
      for (const credits of [10, 30, 100]) {
        await deliver(t, stripeEvent(t, 'checkout.session.completed', packSession(user.id, { credits })));
      }
      const res = await t.call('GET', '/api/credits/transactions?limit=3', { token });
      expect(res.json.transactions.map((r: { amount: number }) => r.amount)).toEqual([100, 30, 10]);
      expect(res.json.transactions.map((r: { balanceAfter: number }) => r.balanceAfter)).toEqual([145, 45, 15]);
    });

    it('refuses a cursor it did not issue, naming the field', async () => {
      const { token } = await t.register();
      const res = await t.call('GET', '/api/credits/transactions?cursor=bogus', { token });
      expect(res.status).toBe(422);
      expect(res.json.error.details.fields[0].field).toBe('cursor');
    });
  });
});

describe.each(targets('billing: refusals logged'))('malformed Stripe events on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database.destroy());

  it('refuses a signed event without data (or with a malformed one) with 400, logged, recording nothing', async () => {
    const logs = memoryLogger();
    const logged = createTestApp(database, {
      logger: logs,
      config: { STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET },
    });
    const { data: _data, ...withoutData } = stripeEvent(logged, 'checkout.session.completed', {});
    const noObject = { ...stripeEvent(logged, 'invoice.paid', {}), data: { object: 'x' } };
    for (const event of [withoutData, noObject]) {
      const res = await deliver(logged, event);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('bad_request');
      expect(await eventRecorded(logged, event.id)).toBe(false);
    }
    expect(logs.entries.filter((e) => e.msg === 'malformed stripe event refused')).toHaveLength(2);
  });
});
