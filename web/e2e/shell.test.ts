import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, checkPage, launchBrowser, openPage } from './support/browser.js';
import { type AppServer, startAppServer } from './support/server.js';

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser tests: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

describe.skipIf(!existsSync(CHROMIUM))('the web app shell in Chromium', { timeout: 180_000 }, () => {
  let server: AppServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a visitor the catalogue at /, then signs up, logs out and logs in by keyboard alone', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Calculus II', exact: true }).waitFor();
    expect(await page.title()).toBe('Courses · Pathwise');
    await checkPage(page, 'catalogue-visitor');

    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await checkPage(page, 'signup');
    const email = `student-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await page.getByLabel('Name (optional)').focus();
    await page.keyboard.type('Ada');
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('correct horse battery');
    await page.keyboard.press('Enter');
    // Signed in: back on the catalogue, the header shows the balance and the name.
    await page.getByTestId('header-balance').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText('Ada', { exact: true }).waitFor();
    await checkPage(page, 'catalogue-student');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.getByTestId('header-balance').count()).toBe(0);
    await checkPage(page, 'login');
    await page.getByLabel('Email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    await checkPage(page, 'login-error');
    await page.getByLabel('Password').fill('');
    await page.getByLabel('Password').focus();
    await page.keyboard.type('correct horse battery');
    await page.keyboard.press('Enter');
    await page.getByTestId('header-balance').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends a 401 to log in, then back to the page the student was on', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    const { email, password } = await server.t.register();
    await page.goto('/');
    // A session the server no longer knows (expired, or revoked elsewhere).
    await page.evaluate(() => localStorage.setItem('pathwise.session', 'revoked-token'));
    await page.goto('/?from=shared-link');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?from=shared-link');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.search === '?from=shared-link');
    await page.getByTestId('header-balance').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers an unknown app path with the app and a "Page not found" page', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'phone');
    const res = await page.goto('/no/such/page');
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await checkPage(page, 'not-found');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a retry, not a blank page, when the server is unreachable, and recovers on retry', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    let down = true;
    await page.route('**/api/courses', (route) => (down ? route.abort('connectionrefused') : route.continue()));
    await page.goto('/');
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await checkPage(page, 'catalogue-offline');
    down = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('link', { name: 'Calculus II', exact: true }).waitFor();
    expect(problems.filter((p) => !p.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
    await context.close();
  });
});
