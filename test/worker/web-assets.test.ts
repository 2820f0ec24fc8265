import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtWebApp } from '../../web/e2e/support/build.js';
import { startWorker, type WorkerTest } from './harness.js';

// wrangler.toml's [assets]: the same build the Node server serves, here as Workers static assets.
describe('the web app on Workers static assets', () => {
  let w: WorkerTest;
  let build: string;
  let index: string;
  let script: string | undefined;
  beforeAll(async () => {
    // The run's own web build stands in for dist/web, which a test run need not have.
    build = await builtWebApp();
    index = readFileSync(join(build, 'index.html'), 'utf8');
    script = readdirSync(join(build, 'assets')).find((f) => f.endsWith('.js'));
    w = await startWorker({ assets: build });
  });
  afterAll(async () => w?.close());

  it('answers / and client routes with index.html, revalidated', async () => {
    for (const path of ['/', '/courses/calc2']) {
      const res = await fetch(`${w.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(index);
      // _headers says no-cache for /; Workers' own default for the fallback (max-age=0, must-revalidate) means the same.
      expect(res.headers.get('cache-control'), path).toMatch(/^(no-cache|public, max-age=0, must-revalidate)$/);
    }
  });

  it('serves a hashed asset cached for a year', async () => {
    expect(script).toBeDefined();
    const res = await fetch(`${w.url}/assets/${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(readFileSync(join(build, 'assets', script ?? ''), 'utf8'));
  });

  it('leaves the API its own answers and JSON 404', async () => {
    expect((await w.call('GET', '/health')).json.status).toBe('ok');
    const res = await w.call('GET', '/api/nope', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
    expect((await w.call('GET', '/openapi.json')).json.openapi).toBe('3.1.0');
  });
});
