import { createRoute, z } from '@hono/zod-openapi';
import { requireAdmin } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, errorsFor, jsonContent } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { buildUsageReport } from './usage.service.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD day');
const money = { costMicros: z.number().int(), costUsd: z.number() };
const tokens = { inputTokens: z.number().int(), outputTokens: z.number().int() };

const reportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    alertThresholdUsd: z.number().openapi({ description: 'The daily AI cost over which a cost alert fires' }),
    totals: z.object({ calls: z.number().int(), messages: z.number().int(), ...tokens, ...money }),
    days: z.array(
      z.object({
        day: z.string(),
        calls: z.number().int(),
        messages: z.number().int(),
        ...tokens,
        cacheReadTokens: z.number().int(),
        cacheWriteTokens: z.number().int(),
        ...money,
        alertFired: z.boolean(),
      }),
    ),
    models: z.array(
      z.object({ provider: z.string(), model: z.string(), calls: z.number().int(), ...tokens, ...money }),
    ),
    topUsers: z.array(
      z.object({ userId: z.string(), email: z.string(), calls: z.number().int(), ...tokens, ...money }),
    ),
    costAlerts: z.array(
      z.object({ day: z.string(), totalCostUsd: z.number(), thresholdUsd: z.number(), firedAt: z.string() }),
    ),
  })
  .openapi('UsageReport');

const usage = createRoute({
  method: 'get',
  path: '/admin/usage',
  tags: ['Creator Coach: admin'],
  summary: 'AI usage per day, per model and per user, with the daily cost alerts (admins only)',
  security: bearerSecurity,
  middleware: [requireAdmin] as const,
  request: { query: z.object({ from: day.optional(), to: day.optional() }) },
  responses: {
    200: jsonContent(z.object({ usage: reportSchema }), 'The report; totals equal the sum of the usage rows'),
    ...errorsFor({ auth: true, extra: [403] }),
  },
});

export function adminRoutes(deps: ServiceDeps) {
  return createRouter().openapi(usage, async (c) =>
    c.json({ usage: await buildUsageReport(deps, c.req.valid('query')) }, 200),
  );
}
