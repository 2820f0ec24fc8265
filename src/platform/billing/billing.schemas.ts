import { z } from '@hono/zod-openapi';
import { packIds, planIds } from './catalog.js';

export const catalogSchema = z
  .object({
    packs: z.array(
      z.object({
        id: z.string().openapi({ example: 'credits_30' }),
        name: z.string(),
        credits: z.number().int(),
        price: z.number().int().openapi({ description: "In the currency's smallest unit (cents)", example: 1299 }),
        currency: z.string().openapi({ example: 'usd' }),
      }),
    ),
    plans: z.array(
      z.object({
        id: z.enum(planIds),
        name: z.string(),
        monthlyCredits: z.number().int().nullable().openapi({ description: 'null for the unlimited plan' }),
        unlimited: z.boolean(),
        price: z.number().int().openapi({ description: "Per month, in the currency's smallest unit", example: 999 }),
        currency: z.string(),
        interval: z.literal('month'),
      }),
    ),
  })
  .openapi('BillingCatalog');

export const purchaseBodySchema = z
  .object({
    pack: z
      .enum(packIds)
      .optional()
      .openapi({ description: 'A credit pack id from /api/credits/catalog', example: 'credits_30' }),
    plan: z
      .enum(planIds)
      .optional()
      .openapi({ description: 'A plan id from /api/credits/catalog', example: 'starter' }),
  })
  .superRefine((body, ctx) => {
    if (body.pack === undefined && body.plan === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pack'], message: 'send a pack id or a plan id' });
    }
    if (body.pack !== undefined && body.plan !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['plan'], message: 'send a pack id or a plan id, not both' });
    }
  })
  .openapi('PurchaseRequest');

export const purchaseHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 letters, digits or ._:-')
    .optional()
    .openapi({ description: 'Optional: the same key returns the same checkout session (e.g. one per button press)' }),
});

export const checkoutSchema = z
  .object({
    checkoutUrl: z.string().openapi({ description: "Stripe Checkout's hosted page: send the buyer there" }),
    sessionId: z.string().openapi({ example: 'cs_test_a1b2c3' }),
  })
  .openapi('Checkout');

export const webhookResponseSchema = z
  .object({
    received: z.literal(true),
    outcome: z.enum(['processed', 'duplicate', 'ignored']).openapi({
      description: 'processed: applied now; duplicate: this event was applied before; ignored: a type we do not handle',
    }),
  })
  .openapi('StripeWebhookAck');

export const webhookHeadersSchema = z.object({
  'stripe-signature': z.string().optional().openapi({
    description: 'Set by Stripe: `t=<timestamp>,v1=<HMAC-SHA256 of the raw body>`; a missing or bad one is 400',
  }),
});
