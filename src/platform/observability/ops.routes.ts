import { createRoute, z } from '@hono/zod-openapi';
import type { AiProvider } from '../../ai/provider.js';
import type { DatabaseHandle } from '../../db/connection.js';
import { migrationsAreCurrent } from '../../db/migrate.js';
import type { Clock } from '../clock.js';
import { AppError } from '../http/errors.js';
import { errorsFor, jsonContent } from '../http/openapi-helpers.js';
import { createRouter } from '../http/router.js';
import type { Lifecycle } from './lifecycle.js';
import type { Metrics } from './metrics.js';

const healthSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string().openapi({ example: '0.1.0' }),
    uptimeSeconds: z.number().int(),
    database: z.enum(['sqlite', 'postgres', 'd1']),
    ai: z.object({
      provider: z.enum(['anthropic', 'openai', 'offline']),
      model: z.string(),
      offline: z.boolean(),
      description: z.string(),
    }),
  })
  .openapi('Health');

const readySchema = z
  .object({
    status: z.enum(['ready', 'migrations_pending', 'content_incomplete', 'database_unreachable', 'draining']),
    checks: z.object({
      database: z.enum(['ok', 'unreachable', 'skipped']),
      migrations: z.enum(['current', 'pending', 'unknown']),
      content: z
        .object({ missingCourses: z.array(z.string()) })
        .optional()
        .openapi({ description: 'Only when the catalogue lacks a course it must hold' }),
    }),
  })
  .openapi('Readiness');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness: version, uptime and the AI provider in use',
  description: 'Answers 200 while the process runs; it does not touch the database (see /ready).',
  responses: { 200: jsonContent(healthSchema, 'The process is alive') },
});

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['Operations'],
  summary: 'Readiness: the database answers, its migrations are current and the catalogue is whole',
  description: 'A load balancer sends traffic only while this answers 200. It answers 503 during a graceful shutdown.',
  responses: {
    200: jsonContent(readySchema, 'Ready for traffic'),
    503: jsonContent(readySchema, 'Not ready: `status` says why'),
  },
});

const metrics = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['Operations'],
  summary: 'Prometheus metrics',
  description:
    'Prometheus text format: `http_requests_total` and `http_request_duration_seconds` by method, route pattern and ' +
    'status; `ai_tokens_total` by model and kind; `ai_cost_usd_total` by model; `credits_spent_total`; ' +
    '`chat_streams_open`; Node process metrics. Keep it inside your network, or set METRICS_TOKEN and scrape with ' +
    '`Authorization: Bearer <METRICS_TOKEN>`.',
  security: [{ metricsToken: [] }],
  responses: {
    200: { description: 'The metrics', content: { 'text/plain': { schema: z.string() } } },
    ...errorsFor({ auth: true, extra: [404] }),
  },
});

export interface OpsDeps {
  version: string;
  startedAt: Date;
  clock: Clock;
  database: DatabaseHandle;
  ai: AiProvider;
  metrics?: Metrics | undefined;
  lifecycle?: Lifecycle | undefined;
  /** When set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
  /** The courses the catalogue must hold and lacks: a half-seeded catalogue is not ready (503 `content_incomplete`). */
  missingCourses?: (() => Promise<string[]>) | undefined;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Compares digests of both strings so the time taken does not reveal how much of the token matched. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** /health, /ready and /metrics: documented in the OpenAPI document like every other route. */
export function opsRoutes(deps: OpsDeps) {
  return createRouter()
    .openapi(health, (c) =>
      c.json(
        {
          status: 'ok' as const,
          version: deps.version,
          uptimeSeconds: Math.max(0, Math.round((deps.clock.now().getTime() - deps.startedAt.getTime()) / 1000)),
          database: deps.database.dialect,
          ai: deps.ai.describe(),
        },
        200,
      ),
    )
    .openapi(ready, async (c) => {
      if (deps.lifecycle?.draining) {
        return c.json(
          { status: 'draining' as const, checks: { database: 'skipped' as const, migrations: 'unknown' as const } },
          503,
        );
      }
      try {
        const current = await migrationsAreCurrent(deps.database.db, deps.database.schema);
        const missingCourses = current && deps.missingCourses ? await deps.missingCourses() : [];
        if (missingCourses.length > 0) {
          return c.json(
            {
              status: 'content_incomplete' as const,
              checks: { database: 'ok' as const, migrations: 'current' as const, content: { missingCourses } },
            },
            503,
          );
        }
        return current
          ? c.json(
              { status: 'ready' as const, checks: { database: 'ok' as const, migrations: 'current' as const } },
              200,
            )
          : c.json(
              {
                status: 'migrations_pending' as const,
                checks: { database: 'ok' as const, migrations: 'pending' as const },
              },
              503,
            );
      } catch {
        return c.json(
          {
            status: 'database_unreachable' as const,
            checks: { database: 'unreachable' as const, migrations: 'unknown' as const },
          },
          503,
        );
      }
    })
    .openapi(metrics, async (c) => {
      if (deps.metricsToken) {
        const match = c.req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i);
        if (!match?.[1] || !(await sameSecret(match[1], deps.metricsToken))) {
          throw new AppError('unauthorized', 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>', {
            headers: { 'WWW-Authenticate': 'Bearer' },
          });
        }
      }
      const rendered = await deps.metrics?.render?.();
      if (!rendered) throw new AppError('not_found', 'Metrics are not enabled in this deployment');
      c.header('Content-Type', rendered.contentType);
      c.header('Cache-Control', 'no-store');
      return c.body(rendered.body, 200) as never;
    });
}
