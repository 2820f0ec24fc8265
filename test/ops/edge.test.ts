import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/platform/context.js';
import { clientIp } from '../../src/platform/http/client-ip.js';
import { requestEdge } from '../../src/platform/http/edge.js';
import { errorHandler } from '../../src/platform/http/error-handler.js';
import { presetWithHono } from '../../src/platform/http/preset-header.js';
import { createPrometheusMetrics } from '../../src/platform/observability/prometheus.js';
import { requestObserver } from '../../src/platform/observability/request-log.js';
import { capturedLogs } from '../support/captured-logs.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The edge in front of a few routes, with the production error handler, a real logger and real metrics. */
function edgeApp() {
  let addressLookups = 0;
  const logs = capturedLogs();
  const metrics = createPrometheusMetrics({ defaultMetrics: false });
  const onError = errorHandler(logs.logger);
  const app = new Hono<AppEnv>();
  app.use(
    '*',
    requestEdge({
      presetHeader: presetWithHono,
      clientIp: () => {
        addressLookups++;
        return '198.51.100.7';
      },
      corsOrigins: ['https://app.example.com'],
      bodyLimitBytes: 64,
      timeoutMs: 100,
      skipTimeout: (c) => c.req.path === '/stream',
      onError,
      observe: requestObserver({ logger: logs.logger, metrics }),
      // Stands in for the caller lookup: waits a moment (or fails) when asked to, else returns nothing to wait for.
      beforeRoute: (c) => {
        const before = c.req.header('x-before');
        if (before === undefined) return undefined;
        if (before === 'fail') return Promise.reject(new Error('lookup failed'));
        return sleep(Number(before)).then(() => c.set('sessionId', `looked-up-${before}`));
      },
    }),
  );
  app.onError(onError);
  app.post('/echo', async (c) => c.json({ got: await c.req.json(), ip: clientIp(c), again: clientIp(c) }));
  app.get('/items/:id', (c) => c.json({ id: c.req.param('id'), sessionId: c.get('sessionId') ?? null }));
  app.get('/slow', async (c) => {
    await sleep(400);
    return c.json({ late: true });
  });
  app.get('/stream', async (c) => {
    await sleep(200);
    return c.json({ streamed: true });
  });
  // The request's own line (a 500 also gets the error handler's line with the stack).
  const lineOf = (requestId: string | null) =>
    logs.entries().find((e) => e.requestId === requestId && String(e.msg).startsWith('request'));
  return { app, metrics, lineOf, addressLookups: () => addressLookups };
}

describe('the request edge (request id, headers, CORS, body limit, timeout, log and metrics in one middleware)', () => {
  it('runs every concern on an answered request: id, client address, security headers, Vary, log line, metrics', async () => {
    const { app, metrics, lineOf, addressLookups } = edgeApp();
    expect((await app.request('/items/1')).status).toBe(200);
    expect(addressLookups()).toBe(0); // only looked up when a route asks
    const res = await app.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'edge-1' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { a: 1 }, ip: '198.51.100.7', again: '198.51.100.7' });
    expect(addressLookups()).toBe(1);
    expect(res.headers.get('x-request-id')).toBe('edge-1');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(lineOf('edge-1')).toMatchObject({ msg: 'request', route: '/echo', status: 200, method: 'POST' });
    const body = (await metrics.render()).body;
    expect(body).toContain('http_requests_total{method="POST",route="/echo",status="200"} 1');
  });

  it('a body over the limit is refused with 413 in the envelope, and still logged and counted under its route', async () => {
    const { app, metrics, lineOf } = edgeApp();
    const res = await app.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'edge-413' },
      body: JSON.stringify({ text: 'x'.repeat(200) }),
    });
    expect(res.status).toBe(413);
    const error = ((await res.json()) as { error: { code: string; requestId: string } }).error;
    expect(error).toMatchObject({ code: 'payload_too_large', requestId: 'edge-413' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(lineOf('edge-413')).toMatchObject({ route: '/echo', status: 413 });
    expect((await metrics.render()).body).toContain('http_requests_total{method="POST",route="/echo",status="413"} 1');
  });

  it('a handler over the time limit gets 504 in the envelope and is logged as 504; skipped routes are not bounded', async () => {
    const { app, lineOf } = edgeApp();
    const started = Date.now();
    const slow = await app.request('/slow', { headers: { 'x-request-id': 'edge-504' } });
    expect(Date.now() - started).toBeLessThan(350);
    expect(slow.status).toBe(504);
    expect(((await slow.json()) as { error: { code: string } }).error.code).toBe('request_timeout');
    expect(lineOf('edge-504')).toMatchObject({ route: '/slow', status: 504 });
    expect((await app.request('/stream')).status).toBe(200);
  });

  it('runs the work before the route first, inside the timeout, its failures in the envelope and the log', async () => {
    const { app, lineOf } = edgeApp();
    const looked = await app.request('/items/3', { headers: { 'x-before': '5' } });
    expect(await looked.json()).toEqual({ id: '3', sessionId: 'looked-up-5' });
    expect(await (await app.request('/items/4')).json()).toEqual({ id: '4', sessionId: null });

    const slow = await app.request('/items/5', { headers: { 'x-before': '400', 'x-request-id': 'edge-before-504' } });
    expect(slow.status).toBe(504);
    expect(lineOf('edge-before-504')).toMatchObject({ status: 504 });

    const failed = await app.request('/items/6', {
      headers: { 'x-before': 'fail', 'x-request-id': 'edge-before-500' },
    });
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('internal_error');
    expect(lineOf('edge-before-500')).toMatchObject({ route: '/items/:id', status: 500 });
  });

  it('answers a CORS preflight from an allowed origin itself, and refuses other origins their headers', async () => {
    const { app, lineOf } = edgeApp();
    const preflight = await app.request('/echo', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'x-request-id': 'edge-preflight',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(lineOf('edge-preflight')).toMatchObject({ status: 204 });

    const allowed = await app.request('/items/7', { headers: { origin: 'https://app.example.com' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const other = await app.request('/items/7', { headers: { origin: 'https://evil.example.net' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
