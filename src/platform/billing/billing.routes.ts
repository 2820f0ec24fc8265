import { createRoute } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../auth/auth.middleware.js';
import type { ServiceDeps } from '../deps.js';
import { jsonBody, jsonResponses } from '../http/openapi-helpers.js';
import { createRouter } from '../http/router.js';
import {
  catalogSchema,
  checkoutSchema,
  purchaseBodySchema,
  purchaseHeadersSchema,
  webhookHeadersSchema,
  webhookResponseSchema,
} from './billing.schemas.js';
import { createCheckout, getCatalog } from './checkout.service.js';
import { createStripeClient, type StripeClient } from './stripe-client.js';
import { handleStripeWebhook } from './webhooks.service.js';

const tags = ['Billing'];

const catalog = createRoute({
  method: 'get',
  path: '/catalog',
  tags,
  summary: 'Credit packs and plans with their prices',
  responses: jsonResponses(200, catalogSchema, 'What can be bought'),
});

const purchase = signedInRoute({
  method: 'post',
  path: '/purchase',
  tags,
  summary: 'Start a Stripe Checkout for a credit pack (one-off) or a plan (monthly subscription)',
  description:
    'Credits arrive when Stripe confirms the payment through the webhook, not when this returns. ' +
    'Answers 503 `billing_not_configured` when the server has no Stripe key.',
  request: { headers: purchaseHeadersSchema, body: jsonBody(purchaseBodySchema) },
  responses: jsonResponses(200, checkoutSchema, 'The Checkout page to send the buyer to', [409, 503]),
});

const webhook = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Stripe webhook (called by Stripe, signed with STRIPE_WEBHOOK_SECRET)',
  description:
    'Verifies the `Stripe-Signature` header on the raw body, then applies checkout.session.completed, ' +
    'checkout.session.async_payment_succeeded, invoice.paid, customer.subscription.updated and ' +
    'customer.subscription.deleted exactly once per event; other event types are acknowledged and ignored.',
  // Only the header is declared: the body stays unparsed until its signature has been checked.
  request: { headers: webhookHeadersSchema },
  responses: jsonResponses(200, webhookResponseSchema, 'Received', [400, 503]),
});

/** `/api/credits/catalog` and `/api/credits/purchase`. */
export function billingRoutes(deps: ServiceDeps, options: { stripe?: StripeClient } = {}) {
  const billing = { ...deps, stripe: options.stripe ?? createStripeClient(deps.config) };
  return createRouter()
    .openapi(catalog, (c) => c.json(getCatalog(), 200))
    .openapi(purchase, async (c) => {
      const body = c.req.valid('json');
      const headers = c.req.valid('header');
      const input = { userId: currentUser(c).id, ...body, idempotencyKey: headers['idempotency-key'] };
      return c.json(await createCheckout(billing, input), 200);
    });
}

/** `/api/webhooks/stripe`: reads the raw body, since the signature covers the exact bytes Stripe sent. */
export function stripeWebhookRoutes(deps: ServiceDeps) {
  return createRouter().openapi(webhook, async (c) => {
    const payload = await c.req.text();
    const signature = c.req.valid('header')['stripe-signature'];
    return c.json(await handleStripeWebhook(deps, { payload, signature }), 200);
  });
}
