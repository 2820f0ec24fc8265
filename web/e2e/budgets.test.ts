import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchBrowser } from './support/browser.js';
import { BUDGET_PAGES, BUDGETS, type FirstLoad, measureFirstLoad } from './support/budgets.js';
import { type AppServer, startAppServer } from './support/server.js';

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser tests: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

const results = fileURLToPath(new URL('../../test-results/web/', import.meta.url));

/**
 * The first load of the home and course pages: the JavaScript fetched before the page is idle stays within the gzip
 * budget (a size, so asserted here). Largest Contentful Paint is measured and written to test-results/web/budgets.json
 * but not asserted: timings are `npm run bench`'s to report (bench/scenarios/web.ts).
 */
describe.skipIf(!existsSync(CHROMIUM))('first-load budgets in Chromium', { timeout: 180_000 }, () => {
  let server: AppServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the JavaScript of the first load of the home and course pages within 150 KB gzip', async () => {
    const measured: Record<string, FirstLoad> = {};
    for (const { name, path, ready } of BUDGET_PAGES) {
      const load = await measureFirstLoad(browser, server.url, path, ready);
      measured[name] = load;
      expect(load.scripts.length, `${path} fetched no script`).toBeGreaterThan(0);
      // Math, the math field and the charts are loaded on demand, never in a first load.
      expect(load.scripts.map((s) => s.url).join(' '), path).not.toMatch(/katex|mathlive|chartist/i);
      expect(load.jsGzipBytes, `${path}: ${JSON.stringify(load.scripts)}`).toBeLessThanOrEqual(
        BUDGETS.firstLoadJsGzipBytes,
      );
      expect(load.lcpMs, `${path}: Chromium reported no Largest Contentful Paint`).toBeGreaterThan(0);
    }
    mkdirSync(results, { recursive: true });
    writeFileSync(`${results}budgets.json`, `${JSON.stringify({ budgets: BUDGETS, measured }, null, 2)}\n`);
  });
});
