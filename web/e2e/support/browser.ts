import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
const screenshots = fileURLToPath(new URL('../../../test-results/web/', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

/**
 * A page that records what went wrong: uncaught errors, console errors, and any request that leaves our server
 * (refused: the app loads nothing from outside, and there is no network here anyway).
 */
export async function openPage(browser: Browser, baseUrl: string, viewport: keyof typeof VIEWPORTS = 'desktop') {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], baseURL: baseUrl });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The API's expected 4xx answers show as failed loads; everything else the app logs as an error is a problem.
    if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())
    ) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push(`outside request: ${url}`);
    return route.abort();
  });
  return { page, context, problems };
}

/** axe-core, injected from the package, on the page as it is now: serious and critical violations, by rule. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * What every page of the run goes through: axe (0 serious or critical), no horizontal scrolling at 390 px, and a
 * screenshot at 390×844 and 1280×800 into test-results/web/ (git-ignored) to look at.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  mkdirSync(screenshots, { recursive: true });
  const original = page.viewportSize() ?? VIEWPORTS.desktop;
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    if (label === 'phone') {
      // clientWidth leaves out a vertical scrollbar, so content as wide as the window still counts as overflowing.
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `horizontal scroll on ${name} at 390 px`).toBeLessThanOrEqual(clientWidth);
    }
    await page.screenshot({ path: `${screenshots}${name}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize(original);
}
