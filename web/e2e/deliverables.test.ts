import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineProvider } from '../../src/ai/offline.js';
import { commands } from '../../src/cli/commands.js';
import { sampleProfile } from '../../test/support/coach-fixtures.js';
import { postSse } from '../../test/support/sse-client.js';
import { CHROMIUM, checkPage, launchBrowser, openPage } from './support/browser.js';
import { signUp } from './support/flows.js';
import { type AppServer, startAppServer } from './support/server.js';

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser tests: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

const base = '/api/v1/monetization';
const SALES_PAGE = 'Write the founding-member sales page';

/** The session token the page signed in with: the test prepares the creator's project through the API with it. */
const pageToken = async (page: Page) => (await page.evaluate(() => localStorage.getItem('pathwise.session'))) ?? '';

/** Focuses a control and presses a key on it, as a keyboard user would after tabbing there. */
async function press(page: Page, role: 'button' | 'link', name: string | RegExp, key = 'Enter') {
  const control = page.getByRole(role, { name, exact: typeof name === 'string' });
  await control.focus();
  await page.keyboard.press(key);
}

/**
 * Records the length of the draft's text at every change of the page while a draft streams, to show that it arrives
 * in pieces rather than all at once.
 */
async function watchDraftArriving(page: Page) {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { draftLengths: number[] }).draftLengths = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="draft-document"]')?.textContent ?? '';
      if (text.length > 0 && seen.at(-1) !== text.length) seen.push(text.length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { draftLengths: number[] }).draftLengths);
}

describe.skipIf(!existsSync(CHROMIUM))('deliverables and the usage page in Chromium', { timeout: 240_000 }, () => {
  let server: AppServer;
  let browser: Browser;
  let creator: { email: string; token: string; projectId: string } | undefined;

  beforeAll(async () => {
    // The offline coach, paced like a model (a pause between word groups), so a draft is seen arriving and stopped.
    [server, browser] = await Promise.all([
      startAppServer({ ai: new OfflineProvider({ chunkDelayMs: 25 }) }),
      launchBrowser(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a creator streams, stops, edits, copies and exports a draft, by keyboard alone', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const { email } = await signUp(page, 'Maya');
    const token = await pageToken(page);
    expect((await server.t.call('POST', `${base}/profile`, { token, body: sampleProfile })).status).toBe(201);
    const created = await server.t.call('POST', `${base}/projects`, {
      token,
      body: { opportunityId: 'premium-community' },
    });
    expect(created.status).toBe(201);
    const projectId: string = created.json.project.id;
    // A decision made in the chat, which the draft is to use.
    const chat = await postSse(`${server.url}${base}/projects/${projectId}/chat`, {
      token,
      body: { message: "I'll charge $39/month." },
    });
    expect(chat.events.at(-1)?.event).toBe('done');
    creator = { email, token, projectId };

    // The list: every document task of the plan, none drafted yet.
    await page.goto(`/coach/projects/${projectId}/deliverables`);
    await page.getByRole('heading', { name: 'Deliverables', level: 1 }).waitFor();
    const cards = page.locator('.deliverable-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(5);
    expect(await page.getByText('Not drafted yet').count()).toBe(5);
    await checkPage(page, 'coach-deliverables-empty');

    await press(page, 'link', SALES_PAGE);
    await page.getByRole('heading', { name: SALES_PAGE, level: 1 }).waitFor();
    await page.getByText('Nothing drafted yet').waitFor();
    await checkPage(page, 'coach-deliverable-empty');

    // Stream the first draft and watch it arrive.
    const lengths = await watchDraftArriving(page);
    await press(page, 'button', 'Draft it with the coach');
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
    const shown = page.getByTestId('draft-document');
    const drafted = (await shown.textContent()) ?? '';
    expect(drafted).toContain('Membership is $39/month.');
    expect(drafted).not.toContain('**'); // Markdown rendered, not shown as marks
    expect(await shown.locator('h2').first().textContent()).toBe('Premium Community');
    const painted = await lengths();
    expect(painted.filter((n) => n < drafted.length).length, `lengths seen: ${painted.join(', ')}`).toBeGreaterThan(2);

    // A second draft, stopped mid-stream with the same button (focus stays on it): what arrived is kept.
    await press(page, 'button', 'Draft again');
    await page.getByRole('heading', { name: 'Drafting version 2…' }).waitFor();
    await page.getByTestId('draft-document').getByRole('heading').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stop');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Stopped.' }).waitFor();
    const stoppedVersion = page.getByRole('button', { name: /^Version 2/ });
    await stoppedVersion.filter({ hasText: 'stopped early' }).waitFor();
    const kept = await server.t.call('GET', `${base}/projects/${projectId}/drafts?taskId=write-sales-page`, { token });
    const partial = kept.json.drafts.find((d: { version: number }) => d.version === 2);
    expect(partial.status).toBe('incomplete');
    expect(partial.content.length).toBeGreaterThan(0);
    expect(partial.content.length).toBeLessThan(kept.json.drafts[1].content.length);

    // Edit version 1: the edit is saved as version 3, version 1 stays as it was.
    await press(page, 'button', /^Version 1/);
    await page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
    await press(page, 'button', 'Edit');
    const editor = page.getByLabel('Your version (Markdown)');
    await editor.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('draft-editor');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(
      '\n\nWritten by Maya, for her first 100 members.\n\n<img src=x onerror="window.pwned=1"> [Join](javascript:window.pwned=2)',
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save as a new version');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved as version 3. Version 1 is unchanged.' }).waitFor();
    await page.getByRole('heading', { name: 'Version 3', exact: true }).waitFor();
    expect(await shown.textContent()).toContain('Written by Maya, for her first 100 members.');
    // HTML in a draft is shown as text, and only web links become links.
    expect(await shown.textContent()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await shown.locator('img, script, [onerror]').count()).toBe(0);
    expect(await shown.getByRole('link').count()).toBe(0);
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
    await page.getByRole('button', { name: /^Version 3 your edit of version 1/ }).waitFor();
    await checkPage(page, 'coach-deliverable');

    // Copy: the Markdown of the version shown.
    await press(page, 'button', 'Copy');
    await page.getByRole('status').filter({ hasText: 'Copied to the clipboard' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^# Premium Community\n/);
    expect(copied).toContain('Written by Maya, for her first 100 members.');

    // Export: a Markdown file with the plan, the decision and the latest draft (the edit).
    const download = page.waitForEvent('download');
    await press(page, 'button', 'Export project (Markdown)');
    const file = await download;
    expect(file.suggestedFilename()).toBe('Premium-Community.md');
    const exported = readFileSync((await file.path()) ?? '', 'utf8');
    expect(exported).toMatch(/^# Premium Community\n/);
    expect(exported).toContain('## Plan');
    expect(exported).toContain(`- [ ] ${SALES_PAGE}`);
    expect(exported).toContain('- **pricing**: $39/month');
    expect(exported).toContain(`### ${SALES_PAGE} (version 3, edited)`);
    expect(exported).toContain('Written by Maya, for her first 100 members.');

    // Back on the list, the card shows the latest version.
    await press(page, 'link', '← All deliverables');
    const card = page.locator('.deliverable-card').filter({ hasText: SALES_PAGE });
    await card.getByText('Version 3 · your edit of version 1').waitFor();
    expect(await card.textContent()).toContain('3 versions');
    expect(await page.getByText('Not drafted yet').count()).toBe(4);
    await checkPage(page, 'coach-deliverables');

    // Not an operator: the usage page says so, and the header has no Admin link.
    await page.goto('/admin/usage');
    await page.getByRole('heading', { name: 'This page is for operators' }).waitFor();
    expect(await page.getByText(email).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await checkPage(page, 'admin-usage-forbidden');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an operator made with create-admin sees the usage just made; a visitor is sent to log in', async () => {
    expect(creator, 'the creator test runs first').toBeDefined();
    const { page, context, problems } = await openPage(browser, server.url);
    // The browser's today is the server's (its clock is a test clock), so "the last 30 days" are the same days.
    await page.clock.setFixedTime(server.t.clock.now());
    const { email } = await signUp(page, 'Olu');
    const out: string[] = [];
    const code = await commands['create-admin']?.run({
      config: { ...server.t.config, DATABASE_URL: server.database.url },
      values: {},
      positionals: [email],
      out: (line) => out.push(line),
    });
    expect(code).toBe(0);
    expect(out).toEqual([`${email} is now an administrator.`]);

    await page.reload();
    await press(page, 'link', 'Admin');
    await page.getByRole('heading', { name: 'AI usage', level: 1 }).waitFor();
    const expected = (await server.t.call('GET', `${base}/admin/usage`, { token: await pageToken(page) })).json.usage;
    // The chat turn and the two drafts (one stopped) of the creator above.
    expect(expected.totals.calls).toBe(3);
    const totals = page.locator('.usage-totals');
    await totals.getByText('AI calls').waitFor();
    expect(await totals.locator('div').filter({ hasText: 'AI calls' }).locator('dd').textContent()).toBe('3');
    expect(await page.getByTestId('total-cost').textContent()).toBe('$0.00');
    const users = page.getByRole('region', { name: 'Top users' });
    expect(await users.getByRole('row', { name: new RegExp(creator?.email ?? '') }).textContent()).toContain('3');
    await page
      .getByRole('region', { name: 'By model' })
      .getByRole('rowheader', { name: /offline-coach/ })
      .waitFor();
    await page.getByText('No day in this range went over the daily alert threshold of $10.00.').waitFor();
    // One bar per day of the range, and the day with usage in the table behind the chart.
    expect(await page.locator('.usage-chart .ct-bar').count()).toBe(30);
    await page.getByText('Show the days as a table').click();
    await page.getByRole('rowheader', { name: 'Nov 23, 2026' }).waitFor();
    await checkPage(page, 'admin-usage');

    // A range without usage.
    await press(page, 'button', 'Last 7 days');
    await page.waitForURL(/from=2026-11-17&to=2026-11-23/);
    await page.goto('/admin/usage?from=2026-10-01&to=2026-10-31');
    await page.getByText('No AI usage from').waitFor();
    expect(await page.getByTestId('total-cost').textContent()).toBe('$0.00');
    await checkPage(page, 'admin-usage-empty');
    expect(problems).toEqual([]);
    await context.close();

    const visitor = await openPage(browser, server.url);
    await visitor.page.goto('/admin/usage');
    await visitor.page.waitForURL(/\/login\?next=%2Fadmin%2Fusage$/);
    await visitor.context.close();
  });

  it('a creator at the daily limit is told in words when drafting is possible again', async () => {
    const limited = await startAppServer({ config: { MONETIZATION_DAILY_MESSAGE_LIMIT: 1 } });
    try {
      const { page, context, problems } = await openPage(browser, limited.url, 'phone');
      await signUp(page, 'Ines');
      const token = await pageToken(page);
      await limited.t.call('POST', `${base}/profile`, { token, body: sampleProfile });
      const created = await limited.t.call('POST', `${base}/projects`, {
        token,
        body: { opportunityId: 'premium-community' },
      });
      await page.goto(`/coach/projects/${created.json.project.id}/deliverables/write-presale-email-sequence`);
      await press(page, 'button', 'Draft it with the coach');
      await page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
      await press(page, 'button', 'Draft again');
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      const resetAt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date('2026-11-24T00:00:00Z'),
      );
      expect(await refusal.textContent()).toBe(
        `You have reached today's limit of 1 coach message or draft (chat and drafts share it). You can draft again from ${resetAt}; meanwhile your drafts stay here to edit, copy and export.`,
      );
      // The version drafted before the limit is still there to work with.
      await page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
      expect(await page.getByTestId('draft-document').textContent()).toContain('Launch emails: Premium Community');
      await checkPage(page, 'coach-deliverable-limit');
      // Editing costs no message: still possible at the limit (Ctrl+Enter saves from the editor).
      await press(page, 'button', 'Edit');
      await page.getByLabel('Your version (Markdown)').waitFor();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n\nP.S. Reply with your biggest question.');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();
      expect(await page.getByTestId('draft-document').textContent()).toContain(
        'P.S. Reply with your biggest question.',
      );
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await limited.close();
    }
  });
});
