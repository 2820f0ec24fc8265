import { z } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../auth/auth.middleware.js';
import type { ServiceDeps } from '../deps.js';
import { jsonResponses } from '../http/openapi-helpers.js';
import { createRouter } from '../http/router.js';
import { getBalance } from './credits.service.js';

const balanceSchema = z
  .object({
    credits: z.number().int(),
    plan: z.enum(['free', 'starter', 'unlimited']),
    monthlyCredits: z.number().int(),
    creditsResetAt: z.string().nullable().openapi({ description: 'When the monthly credits are next restored' }),
  })
  .openapi('Balance');

const balance = signedInRoute({
  method: 'get',
  path: '/balance',
  tags: ['Credits'],
  summary: 'Credit balance and plan',
  responses: jsonResponses(200, balanceSchema, 'The balance'),
});

export function creditsRoutes(deps: ServiceDeps) {
  return createRouter().openapi(balance, async (c) => c.json(await getBalance(deps, currentUser(c).id), 200));
}
