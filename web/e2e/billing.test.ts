import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../../test/fakes/stripe-server.js';
import { CHROMIUM, checkPage, launchBrowser, openPage } from './support/browser.js';
import { signUp, waitForBalance } from './support/flows.js';
import { type AppServer, startAppServer } from './support/server.js';

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser tests: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

const API_KEY = 'sk_test_pathwise_web';
const WEBHOOK_SECRET = 'whsec_test_pathwise_web';
const stripe = new Stripe(API_KEY);

/** The `metadata[...]` fields of the form the server sent to (fake) Stripe. */
const metadataOf = (form: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith('metadata['))
      .map(([k, v]) => [k.slice('metadata['.length, -1), v]),
  );

describe.skipIf(!existsSync(CHROMIUM))('buying credits in Chromium', { timeout: 240_000 }, () => {
  let server: AppServer;
  let browser: Browser;
  let fake: FakeStripe;
  beforeAll(async () => {
    fake = await startFakeStripe({ apiKey: API_KEY });
    [server, browser] = await Promise.all([
      startAppServer({
        config: {
          STRIPE_SECRET_KEY: API_KEY,
          STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
          STRIPE_API_HOST: fake.host,
          STRIPE_API_PORT: fake.port,
          STRIPE_API_PROTOCOL: 'http',
        },
      }),
      launchBrowser(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  /** Stripe's signed `checkout.session.completed` for the session the server created, delivered as Stripe would. */
  async function completeCheckout(sessionId: string) {
    const created = fake.executed('/v1/checkout/sessions').at(-1);
    if (!created) throw new Error('no Checkout session was created');
    const metadata = metadataOf(created.form);
    const seconds = Math.floor(server.t.clock.now().getTime() / 1000);
    const payload = JSON.stringify({
      id: `evt_test_${crypto.randomUUID().slice(0, 12)}`,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: seconds,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'checkout.session.completed',
      data: {
        object: {
          id: sessionId,
          object: 'checkout.session',
          mode: 'payment',
          status: 'complete',
          payment_status: 'paid',
          client_reference_id: metadata.userId,
          customer: created.form.customer ?? null,
          metadata,
          payment_intent: `pi_${crypto.randomUUID().slice(0, 12)}`,
          subscription: null,
          amount_total: 1299,
          currency: 'usd',
        },
      },
    });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: seconds });
    const res = await server.t.call('POST', '/api/webhooks/stripe', {
      body: payload,
      headers: { 'stripe-signature': signature },
    });
    expect(res.status, res.text).toBe(200);
  }

  it('buys a pack: Checkout, then the success page watches until the signed webhook lands and shows the balance', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    // Stripe's hosted page stands in as a page of our own (no network here): the buyer "pays" there.
    await page.route('https://checkout.stripe.com/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>Checkout</title><main><h1>Stripe Checkout</h1></main></html>',
      }),
    );
    await signUp(page);
    await page.getByRole('link', { name: 'Credits', exact: true }).click();
    await page.getByRole('heading', { name: 'Buy credits' }).waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await checkPage(page, 'credits');

    await page.getByRole('button', { name: 'Buy 30 credits' }).click();
    await page.waitForURL(/^https:\/\/checkout\.stripe\.com\/c\/pay\//);
    const sessionId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(sessionId).toMatch(/^cs_/);
    const created = fake.executed('/v1/checkout/sessions').at(-1);
    expect(created?.form.success_url).toContain('/billing/success?session_id={CHECKOUT_SESSION_ID}');

    // Back from Stripe before its webhook: the page says it is waiting, then shows the credits when it lands.
    await page.goto(`/billing/success?session_id=${sessionId}`);
    await page.getByText("Waiting for Stripe's confirmation").waitFor();
    await checkPage(page, 'billing-success-waiting');
    await completeCheckout(sessionId);
    const arrived = page.getByTestId('purchase-arrived');
    await arrived.waitFor();
    await waitForBalance(page, 35);
    expect(await arrived.textContent()).toContain('30 credits added');
    expect(await arrived.textContent()).toContain('35');
    await checkPage(page, 'billing-success');

    // The ledger lists the purchase.
    await page.getByRole('link', { name: 'See your history' }).click();
    await page.getByRole('cell', { name: '+30' }).waitFor();

    await page.goto('/billing/cancel');
    await page.getByRole('heading', { name: 'Payment cancelled' }).waitFor();
    await checkPage(page, 'billing-cancel');
    expect(problems).toEqual([]);
    await context.close();
  });
});
