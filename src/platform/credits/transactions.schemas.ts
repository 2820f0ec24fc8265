import { z } from '@hono/zod-openapi';

export const transactionSchema = z
  .object({
    id: z.string(),
    type: z.string().openapi({
      description: 'signup_bonus, monthly_reset, credit_purchase, plan_credits, unlock_question, admin_grant, ...',
      example: 'credit_purchase',
    }),
    amount: z.number().int().openapi({ description: 'Credits added (positive) or spent (negative)', example: 30 }),
    description: z.string().nullable(),
    balanceAfter: z.number().int(),
    stripeReference: z.string().nullable().openapi({
      description: 'The Stripe checkout session (cs_...) or invoice (in_...) a grant came from; null otherwise',
      example: 'cs_test_a1b2c3',
    }),
    createdAt: z.string(),
  })
  .openapi('CreditTransaction');

export const transactionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const transactionsPageSchema = z
  .object({
    transactions: z.array(transactionSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as cursor for the next (older) page' }),
  })
  .openapi('CreditTransactionsPage');

export type CreditTransaction = z.infer<typeof transactionSchema>;
