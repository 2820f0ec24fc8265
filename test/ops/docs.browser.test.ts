import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scalarStandaloneScript } from '../../src/platform/node-assets.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { listen } from '../support/http-server.js';
import { createTestApp } from '../support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const screenshot = fileURLToPath(new URL('../../test-results/docs.png', import.meta.url));
if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser test: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

// A real browser renders /docs from our own server, offline: the page's script comes from /docs/scalar.js.
describe.skipIf(!existsSync(CHROMIUM))('the API reference at /docs in headless Chromium', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const t = createTestApp(database, { app: { apiReferenceScript: scalarStandaloneScript() } });
    server = await listen(t.app);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('lists the Exam Prep and Creator Coach operations, loading nothing from outside', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const outside: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // No network here, and none wanted: anything not served by us is recorded and refused.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      outside.push(url);
      return route.abort();
    });

    const res = await page.goto(`${server.url}/docs`);
    expect(res?.status()).toBe(200);
    // The sidebar lists the tags; opening one lists its operations by summary, as a reader would click through.
    await page.getByText('Exam Prep: questions', { exact: true }).first().click({ timeout: 60_000 });
    await page.getByText('Creator Coach: chat', { exact: true }).first().click();
    const examPrep = page.getByText('Browse the question bank', { exact: false }).first();
    const coach = page.getByText('Send a message; the reply streams as Server-Sent Events', { exact: false }).first();
    await examPrep.waitFor({ state: 'visible', timeout: 30_000 });
    await coach.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(page.getByText('text/event-stream', { exact: false }).first().isVisible()).resolves.toBe(true);

    mkdirSync(fileURLToPath(new URL('../../test-results/', import.meta.url)), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: false });
    expect(existsSync(screenshot)).toBe(true);
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
