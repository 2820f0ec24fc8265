import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWebAssets } from '../../src/platform/web/node-web-assets.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const INDEX = '<!doctype html><html lang="en"><title>Pathwise</title><div id="root"></div></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

/** A build like vite's: index.html, a hashed script, a public file, and Workers' _headers (not content). */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'pathwise-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'index-AbC123.js'), SCRIPT);
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, '_headers'), '/assets/*\n  Cache-Control: immutable\n');
  return root;
}

describe.each(dialects)('the web app served by the API server on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let root: string;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    root = fakeBuild();
    const webAssets = loadWebAssets(root);
    if (!webAssets) throw new Error('the fake build was not read');
    t = createTestApp(database, { app: { webAssets } });
  });
  afterAll(async () => {
    await database.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / and every client route with index.html, never cached', async () => {
    for (const path of ['/', '/courses/calc2', '/questions/q-1?from=bank', '/billing/success?session_id=cs_1']) {
      const res = await t.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.text).toBe(INDEX);
    }
  });

  it('serves hashed assets for a year, immutable, gzipped when asked, 304 on a matching ETag', async () => {
    const plain = await t.call('GET', '/assets/index-AbC123.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.text).toBe(SCRIPT);
    expect(plain.headers.get('content-encoding')).toBeNull();

    const res = await t.app.request('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const gzipped = new Uint8Array(await res.arrayBuffer());
    expect(gzipped.byteLength).toBeLessThan(SCRIPT.length);
    expect(gunzipSync(gzipped).toString()).toBe(SCRIPT);

    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await t.call('GET', '/assets/index-AbC123.js', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('answers a missing file with the JSON 404, not the app', async () => {
    for (const path of ['/assets/index-gone.js', '/nope.png', '/assets/']) {
      const res = await t.call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
    // Workers' settings file is not content: /_headers is just a client route the app calls not found.
    expect((await t.call('GET', '/_headers')).text).toBe(INDEX);
  });

  it('serves public files revalidated (their names carry no hash)', async () => {
    const res = await t.call('GET', '/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('leaves the server its own paths: API, docs, OpenAPI, probes and metrics keep their answers', async () => {
    const unknownApi = await t.call('GET', '/api/nope');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.json.error).toMatchObject({ code: 'not_found', message: 'No route for GET /api/nope' });
    expect((await t.call('GET', '/api')).json.error.code).toBe('not_found');
    expect((await t.call('GET', '/docs/nope')).json.error.code).toBe('not_found');
    expect((await t.call('GET', '/health')).json.status).toBe('ok');
    expect((await t.call('GET', '/openapi.json')).json.openapi).toBe('3.1.0');
    expect((await t.call('GET', '/api/courses')).json.courses).toEqual([]);
    expect((await t.call('GET', '/docs')).headers.get('content-type')).toContain('text/html');
    expect((await t.call('GET', '/docs')).text).not.toBe(INDEX);
    expect((await t.call('GET', '/metrics')).text).not.toBe(INDEX);
    // Only GET and HEAD load the app: a POST to an app path or an unknown API path is still the JSON 404, and a
    // wrong method on an API path still answers 405 with the route's own methods.
    expect((await t.call('POST', '/courses/calc2')).json.error.code).toBe('not_found');
    expect((await t.call('POST', '/api/nope')).json.error.code).toBe('not_found');
    const wrongMethod = await t.call('DELETE', '/api/courses');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await t.app.request('/courses/calc2', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(INDEX.length));
    expect(await res.text()).toBe('');
  });
});

describe('loadWebAssets', () => {
  it('is undefined without a build, so the API serves alone', () => {
    const empty = mkdtempSync(join(tmpdir(), 'pathwise-web-'));
    expect(loadWebAssets(empty)).toBeUndefined();
    rmSync(empty, { recursive: true, force: true });
  });
});
