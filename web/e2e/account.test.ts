import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../test/support/smtp-sink.js';
import { CHROMIUM, checkPage, launchBrowser, openPage } from './support/browser.js';
import { tabTo, typeInto } from './support/keyboard.js';
import { type AppServer, startAppServer } from './support/server.js';

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser tests: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/**
 * The account pages in Chromium, by keyboard alone once a page is open: sessions, password change, the reset link
 * mailed over SMTP (a local sink) and opened in the browser, and deleting the account.
 */
describe.skipIf(!existsSync(CHROMIUM))('the account in Chromium, by keyboard', { timeout: 240_000 }, () => {
  let server: AppServer;
  let browser: Browser;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    [server, browser] = await Promise.all([
      startAppServer({ config: { SMTP_URL: sink.url, MAIL_FROM: 'Pathwise <no-reply@pathwise.test>' } }),
      launchBrowser(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  /** A session started elsewhere (another browser), through the API: its token. */
  async function loginElsewhere(email: string, password: string): Promise<string> {
    const res = await server.t.call('POST', '/api/auth/login', {
      body: { email, password },
      headers: { 'user-agent': FIREFOX_ON_LINUX },
    });
    expect(res.status, res.text).toBe(200);
    return res.json.token as string;
  }
  const stillValid = async (token: string) => (await server.t.call('GET', '/api/auth/me', { token })).status === 200;

  /** Signs up by keyboard alone: Tab from the top of the sign-up page through the form. */
  async function signUpByKeyboard(page: Page, email: string, password: string) {
    await page.goto('/signup');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await typeInto(page, page.getByLabel('Name (optional)'), 'Ada');
    await typeInto(page, page.getByLabel('Email'), email);
    await typeInto(page, page.getByLabel('Password'), password);
    await page.keyboard.press('Enter');
    await page.getByTestId('header-balance').waitFor();
  }

  async function logInByKeyboard(page: Page, email: string, password: string) {
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await typeInto(page, page.getByLabel('Email'), email);
    await typeInto(page, page.getByLabel('Password'), password);
    await page.keyboard.press('Enter');
    await page.getByTestId('header-balance').waitFor();
  }

  async function openAccountByKeyboard(page: Page) {
    await tabTo(page, page.getByRole('link', { name: /, your account$/ }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await page.getByTestId('session').first().waitFor();
  }

  it('lists and revokes sessions, changes the password, resets it by mail, and deletes the account', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    const email = `student-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const first = 'correct horse battery';
    await signUpByKeyboard(page, email, first);
    const session = (await page.evaluate(() => localStorage.getItem('pathwise.session'))) ?? '';
    const formerId = (await server.t.call('GET', '/api/auth/me', { token: session })).json.user.id as string;

    // Sessions: this browser and a Firefox elsewhere; logging the other one out ends it on the server.
    const firefox = await loginElsewhere(email, first);
    await openAccountByKeyboard(page);
    await expect.poll(() => page.getByTestId('session').count()).toBe(2);
    expect(await page.getByTestId('account-email').textContent()).toBe(email);
    const thisDevice = page.getByTestId('session').filter({ hasText: 'This device' });
    expect(await thisDevice.count()).toBe(1);
    expect(await thisDevice.getByRole('button').count()).toBe(0);
    await checkPage(page, 'account');
    await tabTo(page, page.getByRole('button', { name: /^Log out Firefox on Linux, logged in / }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('session').count()).toBe(1);
    expect(await stillValid(firefox)).toBe(false);

    // Change the password: every other session ends, this one stays.
    const other = await loginElsewhere(email, first);
    await page.reload();
    await page.getByTestId('session').nth(1).waitFor();
    const second = 'a second horse battery';
    await typeInto(page, page.getByLabel('Current password'), 'not my password');
    await typeInto(page, page.getByLabel('New password'), second);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'This is not your current password.' }).waitFor();
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'account-password-wrong');
    await typeInto(page, page.getByLabel('Current password'), first);
    await typeInto(page, page.getByLabel('New password'), second);
    await page.keyboard.press('Enter');
    await page.getByTestId('password-changed').waitFor();
    expect(await page.getByTestId('password-changed').textContent()).toContain('Every other session was logged out');
    await expect.poll(() => page.getByTestId('session').count()).toBe(1);
    expect(await stillValid(other)).toBe(false);
    await checkPage(page, 'account-password-changed');

    // Log out, then "Forgot password?" from the log-in page, with the email typed there carried over.
    await tabTo(page, page.getByRole('button', { name: 'Log out on this device' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await typeInto(page, page.getByLabel('Email'), email);
    await tabTo(page, page.getByRole('link', { name: 'Forgot password?' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    await checkPage(page, 'forgot-password');
    await tabTo(page, page.getByRole('button', { name: 'Email me a reset link' }));
    await page.keyboard.press('Enter');
    const requested = page.getByTestId('reset-requested');
    await requested.waitFor();
    // The same words as for an email nobody has: the page tells no one which emails have accounts.
    const unknown = await server.t.call('POST', '/api/auth/password-reset', { body: { email: 'nobody@example.com' } });
    expect(await requested.textContent()).toBe(unknown.json.message);
    await checkPage(page, 'forgot-password-sent');

    // The mail, received over SMTP: its link is the app's own page.
    const mail = await sink.next();
    expect(mail.to).toEqual([email]);
    expect(mail.subject).toBe('Reset your Pathwise password');
    const link = /(http\S+\/reset-password\?token=\S+)/.exec(mail.text)?.[1] ?? '';
    expect(link.startsWith(`${server.url}/reset-password?token=`), mail.text).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await checkPage(page, 'reset-password');
    const third = 'a third horse battery';
    await typeInto(page, page.getByLabel('New password'), third);
    await page.keyboard.press('Enter');
    // Signed in by the reset, on the account page.
    await page.getByText('Your new password is set. You are logged in.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByTestId('header-balance').waitFor();

    // The link worked once.
    await page.goto(link);
    await typeInto(page, page.getByLabel('New password'), 'a fourth horse battery');
    await page.keyboard.press('Enter');
    await page.getByText('This reset link is invalid, expired or already used.').waitFor();
    await checkPage(page, 'reset-password-used');

    // The new password logs in, the old ones do not.
    await tabTo(page, page.getByRole('link', { name: 'Courses', exact: true }));
    await page.keyboard.press('Enter');
    await openAccountByKeyboard(page);
    await tabTo(page, page.getByRole('button', { name: 'Log out on this device' }));
    await page.keyboard.press('Enter');
    expect((await server.t.call('POST', '/api/auth/login', { body: { email, password: second } })).status).toBe(401);
    await logInByKeyboard(page, email, third);

    // Delete the account: a wrong password is refused and nothing is deleted.
    await openAccountByKeyboard(page);
    const deleteSection = page.getByRole('region', { name: 'Delete account' });
    await typeInto(page, deleteSection.getByLabel('Your password'), 'not my password');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.waitFor();
    // The confirmation starts on Cancel; Delete is one Shift+Tab away.
    await tabTo(page, dialog.getByRole('button', { name: 'Cancel' }), { limit: 0 });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await deleteSection.getByRole('alert').filter({ hasText: 'Nothing was deleted' }).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect(await deleteSection.getByLabel('Your password').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'account-delete-wrong-password');

    // Escape backs out of the confirmation; then the right password, confirmed, deletes it.
    await typeInto(page, deleteSection.getByLabel('Your password'), third);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Kept for accounting');
    await checkPage(page, 'account-delete-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await tabTo(page, deleteSection.getByRole('button', { name: 'Delete account…' }));
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your account is deleted' }).waitFor();
    expect(await page.getByTestId('header-balance').count()).toBe(0);
    await checkPage(page, 'account-deleted');
    expect((await server.t.call('POST', '/api/auth/login', { body: { email, password: third } })).status).toBe(401);

    // The email is free again, and the new account starts from nothing: a new id, its only ledger row the sign-up's.
    await signUpByKeyboard(page, email, 'a brand new horse battery');
    const token = (await page.evaluate(() => localStorage.getItem('pathwise.session'))) ?? '';
    const me = await server.t.call('GET', '/api/auth/me', { token });
    expect(me.json.user.email).toBe(email);
    expect(me.json.user.id).not.toBe(formerId);
    const ledger = await server.t.call('GET', '/api/credits/transactions', { token });
    expect(ledger.json.transactions.map((row: { type: string }) => row.type)).toEqual(['signup_bonus']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends a visitor without a session from /account to log in and back', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'phone');
    const { email, password } = await server.t.register();
    await page.goto('/account');
    await page.waitForURL((url) => url.pathname === '/login');
    await logInByKeyboard(page, email, password);
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
