import { presetOnServerResponse } from '/work/main/src/platform/http/node-preset-header.ts';
import { createTestDatabase } from '/work/main/test/support/databases.ts';
import { createTestApp, testConfig } from '/work/main/test/support/test-app.ts';
import { seedDemoContent } from '/work/main/src/exam/ingest/seed-demo.ts';
import { createPrometheusMetrics } from '/work/main/src/platform/observability/prometheus.ts';
import { Hono } from '/work/main/node_modules/hono/dist/index.js';
import { openStore } from '/work/main/bench/baseline/store.ts';
import { topics } from '/work/main/bench/baseline/handlers.ts';
import { serviceDeps } from '/work/main/src/platform/deps.ts';
import { createRouter } from '/work/main/src/platform/http/router.ts';
import { coursesRoutes } from '/work/main/src/exam/courses/courses.routes.ts';
import { questionsRoutes } from '/work/main/src/exam/questions/questions.routes.ts';
import { identifyCaller } from '/work/main/src/platform/auth/auth.middleware.ts';
import { errorHandler, notFoundHandler } from '/work/main/src/platform/http/error-handler.ts';
import { corsAllowlist, limitBody, requestTimeout, securityHeaders } from '/work/main/src/platform/http/hardening.ts';
import { requestId } from '/work/main/src/platform/http/request-id.ts';
import { observeRequests } from '/work/main/src/platform/observability/request-log.ts';
import { silentLogger } from '/work/main/src/platform/logger.ts';
import { systemClock } from '/work/main/src/platform/clock.ts';
import { createAiProvider } from '/work/main/src/ai/create-provider.ts';

const db = await createTestDatabase('sqlite');
const metrics = createPrometheusMetrics();
const t = createTestApp(db, { app: { metrics, presetHeader: presetOnServerResponse } });
await seedDemoContent(db.handle.db, new Date());
const { token } = await t.register();
const headers = { authorization: `Bearer ${token}`, host: 'localhost' };
const url = 'http://localhost/api/courses/calc2/topics';

const store = openStore(db.url);
const bare = new Hono();
bare.get('/api/courses/:id/topics', async (c) => { const r = await topics(store, c.req.param('id'), c.req.header('authorization')); return c.json(r.body as object, r.status as 200); });

const config = testConfig();
const deps = serviceDeps({ database: db.handle, config, clock: systemClock, logger: silentLogger, random: Math.random, ai: createAiProvider(config.ai), templates: new Map(), metrics });
const layers: Array<[string, any]> = [
  ['request id', requestId(presetOnServerResponse)],
  ['client ip', async (c: any, next: any) => { c.set('clientIp', 'x'); await next(); }],
  ['observe', observeRequests({ logger: silentLogger, metrics })],
  ['security', securityHeaders(presetOnServerResponse)],
  ['cors', corsAllowlist([])],
  ['body', limitBody(1 << 20)],
  ['timeout', requestTimeout(30000)],
];
function stack(n: number) {
  const app = createRouter();
  for (const [, l] of layers.slice(0, n)) app.use('*', l);
  app.use('/api/*', identifyCaller(deps));
  app.onError(errorHandler(silentLogger));
  app.notFound(notFoundHandler);
  app.route('/api/courses', coursesRoutes(deps));
  app.route('/api/questions', questionsRoutes(deps));
  return app;
}
import { getRequestListener } from '/work/main/node_modules/@hono/node-server/dist/index.mjs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
const rawHeaders = ['Host', 'localhost:3000', 'Authorization', `Bearer ${token}`, 'Connection', 'keep-alive'];
function fake() {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET'; req.url = '/api/courses/calc2/topics'; req.httpVersion = '1.1';
  req.headers = { host: 'localhost:3000', authorization: `Bearer ${token}`, connection: 'keep-alive' };
  req.rawHeaders = rawHeaders; req.complete = true; req.push(null);
  const res = new ServerResponse(req);
  return [req, res] as const;
}
async function time(name: string, app: { fetch: any }, n = 15000) {
  const listener = getRequestListener(app.fetch);
  const once = async () => { const [req, res] = fake(); await listener(req, res); if (res.statusCode !== 200) throw new Error(name + ' ' + res.statusCode); };
  for (let i = 0; i < 3000; i++) await once();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await once();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}
const only = process.env.ONLY ?? 'createApp';
const app = only === 'bare' ? bare : t.app;
const us = await time(only, app, Number(process.env.N ?? 60000));
console.log(only, us.toFixed(1), 'us cpu');
await db.destroy();
