import { createRoute } from '@hono/zod-openapi';
import { currentUser, requireUser } from '../auth/auth.middleware.js';
import type { ServiceDeps } from '../deps.js';
import { bearerSecurity, errorsFor, jsonContent } from '../http/openapi-helpers.js';
import { createRouter } from '../http/router.js';
import { transactionsPageSchema, transactionsQuerySchema } from './transactions.schemas.js';
import { listTransactions } from './transactions.service.js';

const transactions = createRoute({
  method: 'get',
  path: '/transactions',
  tags: ['Credits'],
  summary: 'The credit ledger: every grant, purchase, reset and spend, newest first',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { query: transactionsQuerySchema },
  responses: {
    200: jsonContent(transactionsPageSchema, 'One page; pass nextCursor as cursor for the next'),
    ...errorsFor({ auth: true }),
  },
});

export function transactionsRoutes(deps: ServiceDeps) {
  return createRouter().openapi(transactions, async (c) => {
    const query = c.req.valid('query');
    return c.json(await listTransactions(deps, { userId: currentUser(c).id, ...query }), 200);
  });
}
