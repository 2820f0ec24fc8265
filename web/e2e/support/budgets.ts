import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

/** The issue's budgets for the first load of the home and course pages (docs/PERFORMANCE.md, web section). */
export const BUDGETS = {
  firstLoadJsGzipBytes: 150 * 1024,
  largestContentfulPaintMs: 1000,
  /** A hashed asset served by the app over the same file served by a bare node:http server. */
  staticAssetRatio: 0.85,
} as const;

/** The pages measured, and what shows that each has rendered its content. */
export const BUDGET_PAGES = [
  { name: 'home', path: '/', ready: 'Calculus II' },
  { name: 'course', path: '/courses/calc2', ready: 'Topics' },
] as const;

export interface FirstLoad {
  path: string;
  /** Every script the browser fetched before the page was idle, with its size as fetched and gzipped. */
  scripts: { url: string; bytes: number; gzipBytes: number }[];
  jsGzipBytes: number;
  /** The last Largest Contentful Paint candidate Chromium reported, ms after navigation start. */
  lcpMs: number;
  /** The element it painted, as `tag.firstClass`. */
  lcpElement: string;
}

/**
 * Opens `path` in a fresh context (empty cache, no session), waits until the network is idle and `ready` text shows,
 * and reports the JavaScript it fetched (gzip-sized here, whatever the server sent) and the Largest Contentful Paint
 * from Chromium's PerformanceObserver.
 */
export async function measureFirstLoad(browser: Browser, baseUrl: string, path: string, ready: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: baseUrl });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const state = window as unknown as { __lcp: number; __lcpElement: string };
      state.__lcp = -1;
      state.__lcpElement = '';
      new PerformanceObserver((list) => {
        const last = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element | null }) | undefined;
        if (!last) return;
        state.__lcp = last.startTime;
        const element = last.element;
        state.__lcpElement = element
          ? `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`
          : '';
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const pending: Promise<FirstLoad['scripts'][number] | undefined>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      const url = response.url();
      if (type !== 'script' && !url.endsWith('.js')) return;
      pending.push(
        response
          .body()
          .then((body) => ({
            url: new URL(url).pathname,
            bytes: body.byteLength,
            gzipBytes: gzipSync(body).byteLength,
          }))
          .catch(() => undefined),
      );
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    await page.getByText(ready, { exact: true }).first().waitFor();
    const { lcpMs, lcpElement } = await page.evaluate(() => {
      const state = window as unknown as { __lcp: number; __lcpElement: string };
      return { lcpMs: state.__lcp, lcpElement: state.__lcpElement };
    });
    const scripts = (await Promise.all(pending)).filter((s) => s !== undefined);
    return {
      path,
      scripts,
      jsGzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
      lcpMs: Math.round(lcpMs * 10) / 10,
      lcpElement,
    } satisfies FirstLoad;
  } finally {
    await context.close();
  }
}
