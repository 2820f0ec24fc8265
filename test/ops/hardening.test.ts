import { request as httpRequest } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/platform/context.js';
import { clientAddress } from '../../src/platform/http/client-ip.js';
import { errorHandler } from '../../src/platform/http/error-handler.js';
import { requestTimeout } from '../../src/platform/http/hardening.js';
import { presetOnServerResponse } from '../../src/platform/http/node-preset-header.js';
import { requestId } from '../../src/platform/http/request-id.js';
import { expensiveRouteLimit } from '../../src/platform/limits/expensive-routes.js';
import type { RateLimitStore } from '../../src/platform/limits/rate-limit.middleware.js';
import { pingRedis, redisRateLimitStore } from '../../src/platform/limits/redis-store.js';
import { memoryLogger, silentLogger } from '../../src/platform/logger.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { listen } from '../support/http-server.js';
import { createTestApp, testConfig } from '../support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A tiny app with the production error handling, for middleware that needs a route of its own. */
function tinyApp(setup: (app: Hono<AppEnv>) => void) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.onError(errorHandler(silentLogger));
  setup(app);
  return app;
}

describe.each(dialects)('HTTP hardening on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database.destroy());

  it('refuses a body over BODY_LIMIT_BYTES with 413 in the error envelope, by length or while streaming', async () => {
    const t = createTestApp(database, { config: { BODY_LIMIT_BYTES: 2048 } });
    const big = { email: 'big@example.com', password: 'x'.repeat(4096) };
    const res = await t.call('POST', '/api/auth/register', { body: big });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: 'payload_too_large', details: { limitBytes: 2048 } });
    expect(res.json.error.requestId).toBe(res.headers.get('x-request-id'));

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        controller.close();
      },
    });
    const streamed = await t.app.request('/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');

    const small = await t.call('POST', '/api/auth/register', {
      body: { email: 'small@example.com', password: 'long enough pw' },
    });
    expect(small.status).toBe(201);
  });

  it('limits bodies on a real socket too: by Content-Length before reading, and a chunked body while reading', async () => {
    const t = createTestApp(database, { config: { BODY_LIMIT_BYTES: 2048 } });
    const server = await listen(t.app);
    try {
      const post = (body: string, headers: Record<string, string>) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpRequest(`${server.url}/api/auth/register`, { method: 'POST', headers }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          });
          req.on('error', reject);
          req.end(body);
        });
      const big = JSON.stringify({ email: 'sock@example.com', password: 'x'.repeat(4096) });
      const byLength = await post(big, { 'content-type': 'application/json', 'content-length': String(big.length) });
      expect(byLength.status).toBe(413);
      expect(JSON.parse(byLength.body).error.code).toBe('payload_too_large');
      const chunked = await post(big, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      expect(chunked.status).toBe(413);
      const fine = JSON.stringify({ email: 'sock@example.com', password: 'long enough pw' });
      expect((await post(fine, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })).status).toBe(
        201,
      );
      const read = await fetch(`${server.url}/health`);
      expect(read.status).toBe(200);
      expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await server.close();
    }
  });

  it('tells caches that answers vary by Origin when CORS is on, and sends no CORS headers without an Origin', async () => {
    const on = createTestApp(database, { config: { CORS_ORIGINS: ['https://app.example.com'] } });
    const plain = await on.call('GET', '/health');
    expect(plain.headers.get('vary')).toBe('Origin');
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    expect(plain.headers.get('access-control-expose-headers')).toBeNull();
    const cross = await on.call('GET', '/health', { headers: { origin: 'https://app.example.com' } });
    expect(cross.headers.get('vary')).toContain('Origin');
    const off = createTestApp(database);
    expect((await off.call('GET', '/health')).headers.get('vary')).toBeNull();
  });

  it('allows cross-origin calls only from CORS_ORIGINS', async () => {
    const t = createTestApp(database, { config: { CORS_ORIGINS: ['https://app.example.com'] } });
    const allowed = await t.call('GET', '/health', { headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('Retry-After');

    const denied = await t.call('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await t.call('OPTIONS', '/api/auth/login', {
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const badPreflight = await t.call('OPTIONS', '/api/auth/login', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(badPreflight.headers.get('access-control-allow-origin')).toBeNull();

    const none = createTestApp(database); // the default: no cross-origin access at all
    const res = await none.call('GET', '/health', { headers: { origin: 'https://app.example.com' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers on answers and errors alike', async () => {
    const t = createTestApp(database);
    for (const res of [await t.call('GET', '/health'), await t.call('GET', '/api/auth/me')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });

  it.each([
    ['as main.ts serves it (PresetHeadersResponse)', false],
    ["on Node's own ServerResponse (setHeader)", true],
  ])('sends them once per response on Node, %s: answers, errors, 404', async (_, plain) => {
    const t = createTestApp(database, {
      config: { CORS_ORIGINS: ['https://app.example.com'] },
      app: { presetHeader: presetOnServerResponse },
    });
    const server = await listen(t.app, { plain });
    try {
      for (const [path, status] of [
        ['/health', 200],
        ['/api/auth/me', 401],
        ['/api/no-such-route', 404],
      ] as const) {
        const res = await fetch(`${server.url}${path}`, { headers: { 'x-request-id': `sock-${status}` } });
        expect(res.status).toBe(status);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
        expect(res.headers.get('vary')).toBe('Origin');
        expect(res.headers.get('x-request-id')).toBe(`sock-${status}`);
        expect(res.headers.get('content-type')).toContain('application/json');
        const body = (await res.json()) as { error?: { requestId: string } };
        if (status !== 200) expect(body.error?.requestId).toBe(`sock-${status}`);
      }
    } finally {
      await server.close();
    }
  });

  it('limits register and login per IP (429 with Retry-After), not other addresses, until the window ends', async () => {
    const config = { AUTH_RATE_LIMIT_PER_MINUTE: 3 };
    const t = createTestApp(database, { config, clientIp: '198.51.100.1' });
    t.clock.set(new Date('2026-03-02T10:00:15Z'));
    const login = (app = t) =>
      app.call('POST', '/api/auth/login', { body: { email: 'who@example.com', password: 'wrong password' } });

    expect(
      (await t.call('POST', '/api/auth/register', { body: { email: 'rl@example.com', password: 'long enough pw' } }))
        .status,
    ).toBe(201);
    expect((await login()).status).toBe(401);
    const third = await login();
    expect(third.status).toBe(401);
    expect(third.headers.get('ratelimit-remaining')).toBe('0');

    const limited = await login();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(limited.headers.get('ratelimit-limit')).toBe('3');
    expect(limited.json.error).toMatchObject({ code: 'rate_limited', details: { limit: 3, windowSeconds: 60 } });
    expect(limited.json.error.requestId).toEqual(expect.any(String));

    const elsewhere = createTestApp(database, { config, clientIp: '198.51.100.2', clock: t.clock });
    expect((await login(elsewhere)).status).toBe(401);

    t.clock.advance(45_000);
    expect((await login()).status).toBe(401);
  });

  it('counts in the database, so the limit holds across app instances (processes)', async () => {
    const config = { AUTH_RATE_LIMIT_PER_MINUTE: 3 };
    const a = createTestApp(database, { config, clientIp: '198.51.100.9' });
    const b = createTestApp(database, { config, clientIp: '198.51.100.9', clock: a.clock });
    a.clock.set(new Date('2026-03-02T11:00:00Z'));
    const body = { email: 'who@example.com', password: 'wrong password' };
    const statuses = [];
    for (const app of [a, b, a, b, a]) statuses.push((await app.call('POST', '/api/auth/login', { body })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('limits expensive routes per user and, over all of them, per IP', async () => {
    const deps = {
      db: database.handle.db,
      clock: { now: () => new Date('2026-03-02T12:00:00Z') },
      logger: silentLogger,
      config: testConfig({ RATE_LIMIT_EXPENSIVE_PER_MINUTE: 2, RATE_LIMIT_PER_MINUTE: 4 }),
    };
    const app = tinyApp((app) => {
      app.use('*', async (c, next) => {
        c.set('clientIp', '192.0.2.50');
        const id = c.req.header('x-user');
        c.set('user', id ? { id, email: `${id}@example.com`, name: null, role: 'user' } : undefined);
        await next();
      });
      app.post('/generate', expensiveRouteLimit(deps as never, `gen-${dialect}`), (c) => c.json({ ok: true }));
    });
    const as = (user: string) => app.request('/generate', { method: 'POST', headers: { 'x-user': user } });
    expect((await as('u1')).status).toBe(200);
    expect((await as('u1')).status).toBe(200);
    const perUser = await as('u1');
    expect(perUser.status).toBe(429);
    expect(perUser.headers.get('retry-after')).toBe('60');
    // u1's refused request counted for the address too: u2's first is the address's fourth.
    const fourth = await as('u2');
    expect(fourth.status).toBe(200);
    expect(fourth.headers.get('ratelimit-remaining')).toBe('0'); // the address's limit is the tighter one now
    expect((await as('u2')).status).toBe(429); // the address is over its limit, though u2 is not
  });

  it('lets requests through when the counting store fails, with a warning', async () => {
    const logger = memoryLogger();
    const broken: RateLimitStore = {
      kind: 'broken',
      hit: () => Promise.reject(new Error('connection refused')),
    };
    const t = createTestApp(database, {
      config: { AUTH_RATE_LIMIT_PER_MINUTE: 1 },
      logger,
      app: { rateLimitStore: broken },
    });
    const body = { email: 'who@example.com', password: 'wrong password' };
    expect((await t.call('POST', '/api/auth/login', { body })).status).toBe(401);
    expect((await t.call('POST', '/api/auth/login', { body })).status).toBe(401);
    expect(logger.entries.some((e) => e.msg === 'rate limit store failed; request let through')).toBe(true);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.CI === 'true' && !redisUrl)
  throw new Error('CI must test the Redis rate-limit store: set TEST_REDIS_URL');

describe('Redis rate-limit store', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    if (redisUrl) await pingRedis(redisUrl); // configured but unreachable is a failure, not a skip
  });
  afterAll(async () => database.destroy());

  it.skipIf(!redisUrl)('counts across two app instances with their own connections', async () => {
    const prefix = `pathwise-test:${crypto.randomUUID()}:`;
    const storeA = redisRateLimitStore(redisUrl ?? '', { prefix });
    const storeB = redisRateLimitStore(redisUrl ?? '', { prefix });
    try {
      await Promise.all([storeA.ready(), storeB.ready()]);
      const config = { AUTH_RATE_LIMIT_PER_MINUTE: 3 };
      const a = createTestApp(database, { config, clientIp: '198.51.100.77', app: { rateLimitStore: storeA } });
      const b = createTestApp(database, {
        config,
        clientIp: '198.51.100.77',
        clock: a.clock,
        app: { rateLimitStore: storeB },
      });
      const body = { email: 'who@example.com', password: 'wrong password' };
      const statuses = [];
      for (const app of [a, b, b, a]) statuses.push((await app.call('POST', '/api/auth/login', { body })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Nothing was counted in the database: the store replaced it.
      const rows = await database.handle.db
        .selectFrom('rate_limit_buckets')
        .selectAll()
        .where('key', 'like', 'rl:auth:%')
        .execute();
      expect(rows).toEqual([]);
      // The window's key expires by itself shortly after the window.
      const window = Math.floor(a.clock.now().getTime() / 60_000) * 60_000;
      const ttl = await pttl(redisUrl ?? '', `${prefix}rl:auth:ip:198.51.100.77:${window}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(61_000);
    } finally {
      await storeA.close();
      await storeB.close();
    }
  });
});

async function pttl(url: string, key: string): Promise<number> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true });
  await client.connect();
  try {
    return await client.pttl(key);
  } finally {
    client.disconnect();
  }
}

describe('request timeout', () => {
  const app = tinyApp((app) => {
    app.use('*', requestTimeout(100, { skip: (c) => c.req.path === '/stream' }));
    app.get('/slow', async (c) => {
      await sleep(400);
      return c.json({ late: true });
    });
    app.get('/fast', (c) => c.json({ ok: true }));
    app.get('/stream', async (c) => {
      await sleep(250);
      return c.json({ streamed: true });
    });
  });

  it('answers 504 in the error envelope when a handler is too slow', async () => {
    const started = Date.now();
    const res = await app.request('/slow');
    expect(Date.now() - started).toBeLessThan(350);
    expect(res.status).toBe(504);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('request_timeout');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('leaves fast requests and skipped (streaming) routes alone', async () => {
    expect((await app.request('/fast')).status).toBe(200);
    expect((await app.request('/stream')).status).toBe(200);
  });
});

describe('client address', () => {
  it('uses the socket unless proxies are trusted, then counts hops from the right', () => {
    expect(clientAddress('10.0.0.5', '203.0.113.9', 0)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', 'forged, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', 'forged, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', undefined, 1)).toBe('10.0.0.5');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });
});
