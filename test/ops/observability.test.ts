import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiProvider } from '../../src/ai/create-provider.js';
import { emptyUsage } from '../../src/ai/provider.js';
import { recordAiUsage } from '../../src/coach/usage/usage.service.js';
import type { ServiceDeps } from '../../src/platform/deps.js';
import { silentLogger } from '../../src/platform/logger.js';
import { Lifecycle, trackStream } from '../../src/platform/observability/lifecycle.js';
import { createPrometheusMetrics } from '../../src/platform/observability/prometheus.js';
import { capturedLogs } from '../support/captured-logs.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The value of one series in a Prometheus exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(dialects)('health, readiness, metrics and logs on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let metrics: ReturnType<typeof createPrometheusMetrics>;
  let lifecycle: Lifecycle;
  let logs: ReturnType<typeof capturedLogs>;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    metrics = createPrometheusMetrics({ defaultMetrics: false });
    lifecycle = new Lifecycle();
    logs = capturedLogs();
    t = createTestApp(database, { logger: logs.logger, app: { metrics, lifecycle } });
    await t.seedFixture({ id: 'obs', exams: 4, topics: 3 });
  });
  afterAll(async () => database.destroy());

  it('/health reports version, uptime and the AI provider without touching the database', async () => {
    t.clock.advance(90_000);
    const res = await t.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'ok',
      version: '0.1.0',
      uptimeSeconds: 90,
      database: dialect,
      ai: { provider: 'offline', model: 'offline-coach', offline: true },
    });
  });

  it('/ready is 200 with current migrations, 503 while draining', async () => {
    const res = await t.call('GET', '/ready');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'current' } });

    const draining = new Lifecycle();
    draining.startDraining();
    const other = createTestApp(database, { app: { lifecycle: draining } });
    const during = await other.call('GET', '/ready');
    expect(during.status).toBe(503);
    expect(during.json.status).toBe('draining');
  });

  it('/ready is 503 when migrations are pending or the database is gone', async () => {
    const fresh = await createTestDatabase(dialect, { migrate: false });
    try {
      const res = await createTestApp(fresh).call('GET', '/ready');
      expect(res.status).toBe(503);
      expect(res.json.status).toBe('migrations_pending');
    } finally {
      await fresh.destroy();
    }
    const gone = await createTestDatabase(dialect);
    const app = createTestApp(gone);
    await gone.destroy();
    const res = await app.call('GET', '/ready');
    expect(res.status).toBe(503);
    expect(res.json).toEqual({
      status: 'database_unreachable',
      checks: { database: 'unreachable', migrations: 'unknown' },
    });
  });

  it('accepts a safe X-Request-Id, generates one otherwise, and echoes it on errors too', async () => {
    const given = await t.call('GET', '/health', { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const made = await t.call('GET', '/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await t.call('GET', '/api/questions/missing', { headers: { 'x-request-id': 'bad id; forged=1' } });
    const id = unsafe.headers.get('x-request-id');
    // A fresh UUID replaces the unsafe value (its hex may well spell "bad", so compare the shape, not the letters).
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(unsafe.json.error.requestId).toBe(id);
  });

  it('counts requests by matched route pattern, never the raw path', async () => {
    const own = createTestApp(database, { app: { metrics: createPrometheusMetrics({ defaultMetrics: false }) } });
    await own.call('GET', '/api/questions/obs-exam-0-q1');
    await own.call('GET', '/api/questions/obs-exam-1-q1');
    await own.call('GET', '/api/questions/nope');
    await own.call('GET', '/no/such/route');
    const res = await own.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const route = '/api/questions/:id';
    expect(sample(res.text, `http_requests_total{method="GET",route="${route}",status="200"}`)).toBe(2);
    expect(sample(res.text, `http_requests_total{method="GET",route="${route}",status="404"}`)).toBe(1);
    expect(sample(res.text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(res.text).toContain(`http_request_duration_seconds_count{method="GET",route="${route}",status="200"} 2`);
    expect(res.text).not.toContain('obs-exam-0-q1');

    // The counter is read from the histogram at each scrape: scraping again neither doubles it nor loses a series.
    await own.call('GET', '/api/questions/obs-exam-0-q1');
    const again = await own.call('GET', '/metrics');
    expect(sample(again.text, `http_requests_total{method="GET",route="${route}",status="200"}`)).toBe(3);
    expect(sample(again.text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(again.text, 'http_requests_total{method="GET",route="/metrics",status="200"}')).toBe(1);
  });

  it('counts credits spent once the charge committed', async () => {
    const { token } = await t.register();
    const before = sample((await t.call('GET', '/metrics')).text, 'credits_spent_total{type="unlock_analysis"}') ?? 0;
    expect((await t.call('GET', '/api/courses/obs/analysis', { token })).json.charged).toBe(2);
    await t.call('GET', '/api/courses/obs/analysis', { token }); // already unlocked: free
    const after = sample((await t.call('GET', '/metrics')).text, 'credits_spent_total{type="unlock_analysis"}');
    expect(after).toBe(before + 2);
  });

  it('counts AI tokens and cost by model when usage is recorded', async () => {
    const { user } = await t.register();
    const deps: ServiceDeps = {
      db: t.db,
      atomic: t.atomic,
      instanceId: 'observability',
      config: t.config,
      clock: t.clock,
      logger: silentLogger,
      random: Math.random,
      ai: createAiProvider(t.config.ai),
      templates: new Map(),
      metrics,
    };
    await recordAiUsage(deps, {
      userId: user.id,
      projectId: null,
      messageId: null,
      provider: 'anthropic',
      model: 'claude-sonnet-5-5',
      usage: { ...emptyUsage(), inputTokens: 1200, outputTokens: 300, cacheReadTokens: 5000 },
      costMicros: 6500,
      status: 'complete',
      durationMs: 900,
    });
    const text = (await t.call('GET', '/metrics')).text;
    expect(sample(text, 'ai_tokens_total{model="claude-sonnet-5-5",kind="input"}')).toBe(1200);
    expect(sample(text, 'ai_tokens_total{model="claude-sonnet-5-5",kind="output"}')).toBe(300);
    expect(sample(text, 'ai_tokens_total{model="claude-sonnet-5-5",kind="cache_read"}')).toBe(5000);
    expect(sample(text, 'ai_cost_usd_total{model="claude-sonnet-5-5"}')).toBeCloseTo(0.0065, 9);
  });

  it('shows open chat streams in a gauge and to the shutdown logic', async () => {
    const end = trackStream({ metrics, lifecycle });
    expect(sample((await t.call('GET', '/metrics')).text, 'chat_streams_open')).toBe(1);
    expect(lifecycle.active).toBe(1);
    const idle = lifecycle.whenIdle(1000);
    end();
    end(); // idempotent
    expect(await idle).toBe(true);
    expect(sample((await t.call('GET', '/metrics')).text, 'chat_streams_open')).toBe(0);
  });

  it('guards /metrics with METRICS_TOKEN when set, and answers 404 without a metrics backend', async () => {
    const guarded = createTestApp(database, { config: { METRICS_TOKEN: 's3cret-scrape' }, app: { metrics } });
    const denied = await guarded.call('GET', '/metrics');
    expect(denied.status).toBe(401);
    expect(denied.json.error.code).toBe('unauthorized');
    expect((await guarded.call('GET', '/metrics', { token: 'wrong' })).status).toBe(401);
    expect((await guarded.call('GET', '/metrics', { token: 's3cret-scrape' })).status).toBe(200);
    const none = await createTestApp(database).call('GET', '/metrics');
    expect(none.status).toBe(404);
  });

  it('logs one JSON line per request with request id, route, status and duration, and no secrets', async () => {
    const password = 'hunter2-very-secret';
    const { token } = await t.register({ password });
    await t.call('POST', '/api/auth/login', { body: { email: 'nobody@example.com', password } });
    await t.call('GET', '/api/auth/me', { token, headers: { 'x-request-id': 'trace-me-1' } });
    const line = logs.entries().find((e) => e.requestId === 'trace-me-1');
    expect(line).toMatchObject({
      msg: 'request',
      level: 30,
      method: 'GET',
      path: '/api/auth/me',
      route: '/api/auth/me',
      status: 200,
    });
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(line?.userId).toEqual(expect.any(String));
    const all = logs.lines.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain(token);

    // Anything logged under a secret's name is redacted, wherever a caller puts it.
    logs.logger.info(
      { token, password, headers: { authorization: `Bearer ${token}` }, user: { apiKey: 'sk-live-x' } },
      'x',
    );
    const redacted = logs.lines.at(-1) ?? '';
    expect(redacted).not.toContain(token);
    expect(redacted).not.toContain('sk-live-x');
    expect(redacted).toContain('[redacted]');
  });

  it('writes request lines by level: none at warn, answers but not probes at info', async () => {
    const atWarn = capturedLogs('warn');
    const quiet = createTestApp(database, { logger: atWarn.logger });
    expect((await quiet.call('GET', '/api/courses')).status).toBe(200);
    expect((await quiet.call('GET', '/api/no-such-route')).status).toBe(404);
    expect(atWarn.lines).toEqual([]);

    const atInfo = capturedLogs('info');
    const normal = createTestApp(database, { logger: atInfo.logger });
    await normal.call('GET', '/health');
    await normal.call('GET', '/api/courses', { headers: { 'x-request-id': 'info-level-1' } });
    expect(atInfo.entries().map((e) => [e.msg, e.route, e.requestId])).toEqual([
      ['request', '/api/courses', 'info-level-1'],
    ]);
  });
});

describe('the OpenAPI document', () => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    t = createTestApp(database);
  });
  afterAll(async () => database.destroy());

  it('is OpenAPI 3.1 with every route, bearer auth, the error envelope and the SSE chat stream', async () => {
    const res = await t.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));

    const undocumented = new Set(['/openapi.json', '/docs', '/docs/scalar.js']);
    const missing: string[] = [];
    for (const route of t.app.routes) {
      if (route.method === 'ALL' || undocumented.has(route.path)) continue;
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      if (!doc.paths[path]?.[route.method.toLowerCase()]) missing.push(`${route.method} ${path}`);
    }
    expect(missing).toEqual([]);

    for (const [path, operations] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(
      doc.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        if (path === '/health' || path === '/ready') continue;
        expect(Object.keys(operation.responses), `${method} ${path} documents its errors`).toContain('500');
      }
    }

    const chat = doc.paths['/api/v1/monetization/projects/{id}/chat'].post;
    expect(Object.keys(chat.responses['200'].content)).toEqual(['text/event-stream']);
    expect(chat.description).toContain('`delta`');
    expect(chat.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/health'].get.tags).toEqual(['Operations']);
    expect(doc.paths['/metrics'].get.security).toEqual([{ metricsToken: [] }]);
  });
});
