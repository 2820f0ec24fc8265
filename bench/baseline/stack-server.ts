/**
 * The app's middleware stack rebuilt one layer at a time, to price each layer (the "middleware cost" table):
 * STACK=n serves the real course and question routes behind the caller lookup plus the first n of the app's other
 * middlewares, in the app's order (src/app.ts). Same config, database, logger and metrics as the real server.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { createAiProvider } from '../../src/ai/create-provider.js';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/connection.js';
import { coursesRoutes } from '../../src/exam/courses/courses.routes.js';
import { questionsRoutes } from '../../src/exam/questions/questions.routes.js';
import { identifyCaller } from '../../src/platform/auth/auth.middleware.js';
import { systemClock } from '../../src/platform/clock.js';
import type { AppEnv } from '../../src/platform/context.js';
import { serviceDeps } from '../../src/platform/deps.js';
import { clientAddress } from '../../src/platform/http/client-ip.js';
import { errorHandler, notFoundHandler } from '../../src/platform/http/error-handler.js';
import { corsAllowlist, limitBody, requestTimeout, securityHeaders } from '../../src/platform/http/hardening.js';
import { presetOnServerResponse } from '../../src/platform/http/node-preset-header.js';
import { requestId } from '../../src/platform/http/request-id.js';
import { createRouter } from '../../src/platform/http/router.js';
import { createNodeLogger } from '../../src/platform/node-logger.js';
import { createPrometheusMetrics } from '../../src/platform/observability/prometheus.js';
import { observeRequests } from '../../src/platform/observability/request-log.js';

const config = loadConfig();
const logger = createNodeLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
const database = connectDatabase(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
const metrics = createPrometheusMetrics();
const deps = serviceDeps({
  database,
  config,
  clock: systemClock,
  logger,
  random: Math.random,
  ai: createAiProvider(config.ai),
  templates: new Map(),
  metrics,
});

/** The app's middlewares before the caller lookup, in its order. */
const LAYERS: Array<[string, MiddlewareHandler<AppEnv>]> = [
  ['request id', requestId(presetOnServerResponse)],
  [
    'client address',
    async (c, next) => {
      c.set('clientIp', clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), 0));
      await next();
    },
  ],
  ['request log + metrics', observeRequests({ logger, metrics })],
  ['security headers', securityHeaders(presetOnServerResponse)],
  ['CORS', corsAllowlist(config.CORS_ORIGINS, presetOnServerResponse)],
  ['body limit', limitBody(config.BODY_LIMIT_BYTES)],
  ['request timeout', requestTimeout(config.REQUEST_TIMEOUT_MS)],
];

const app = createRouter();
for (const [, layer] of LAYERS.slice(0, Number(process.env.STACK ?? LAYERS.length))) app.use('*', layer);
app.use('/api/*', identifyCaller(deps));
app.onError(errorHandler(logger));
app.notFound(notFoundHandler);
app.get('/health', (c) => c.json({ status: 'ok' }));
app.get('/layers', (c) => c.json({ layers: LAYERS.map(([name]) => name) }));
app.route('/api/courses', coursesRoutes(deps));
app.route('/api/questions', questionsRoutes(deps));

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: '127.0.0.1' });
const stop = () => {
  server.close();
  void database.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
