import { currentUser, signedInRoute } from '../auth/auth.middleware.js';
import type { ServiceDeps } from '../deps.js';
import { jsonResponses } from '../http/openapi-helpers.js';
import { createRouter } from '../http/router.js';
import { transactionsPageSchema, transactionsQuerySchema } from './transactions.schemas.js';
import { listTransactions } from './transactions.service.js';

const transactions = signedInRoute({
  method: 'get',
  path: '/transactions',
  tags: ['Credits'],
  summary: 'The credit ledger: every grant, purchase, reset and spend, newest first',
  request: { query: transactionsQuerySchema },
  responses: jsonResponses(200, transactionsPageSchema, 'One page; pass nextCursor as cursor for the next'),
});

export function transactionsRoutes(deps: ServiceDeps) {
  return createRouter().openapi(transactions, async (c) => {
    const query = c.req.valid('query');
    return c.json(await listTransactions(deps, { userId: currentUser(c).id, ...query }), 200);
  });
}
