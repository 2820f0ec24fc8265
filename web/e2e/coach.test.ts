import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiProvider, resolveAiSettings } from '../../src/ai/create-provider.js';
import { countDailyMessage } from '../../src/coach/usage/limits.repo.js';
import { newSortableId } from '../../src/platform/ids.js';
import { type FakeAnthropic, startFakeAnthropic } from '../../test/fakes/anthropic-server.js';
import { CHROMIUM, checkPage, launchBrowser, openPage, VIEWPORTS } from './support/browser.js';
import { signUp } from './support/flows.js';
import { type AppServer, startAppServer } from './support/server.js';

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser tests: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

const budgetsFile = fileURLToPath(new URL('../../test-results/web/coach-budgets.json', import.meta.url));

/**
 * Records, in the page, every length the newest coach reply's text takes (with performance.now()), the moment the
 * creator pressed Enter in the chat box, and the moment the reply was announced as finished.
 */
async function watchReplies(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as {
      firstPaintSamples: number[];
      coachWatch: { sentAt: number; lengths: { at: number; length: number }[]; firstFrameAt: number; doneAt: number };
    };
    w.coachWatch = { sentAt: 0, lengths: [], firstFrameAt: 0, doneAt: 0 };
    w.firstPaintSamples = [];
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Enter' && !e.shiftKey && (e.target as HTMLElement).tagName === 'TEXTAREA') {
          w.coachWatch = { sentAt: performance.now(), lengths: [], firstFrameAt: 0, doneAt: 0 };
        }
      },
      true,
    );
    new MutationObserver(() => {
      const replies = document.querySelectorAll('[data-testid="coach-reply"] .markdown');
      const last = replies[replies.length - 1];
      const length = last?.textContent?.length ?? 0;
      const watch = w.coachWatch;
      const previous = watch.lengths.at(-1)?.length ?? 0;
      if (length > 0 && length !== previous) {
        watch.lengths.push({ at: performance.now(), length });
        // The first frame after the first characters reached the DOM: when they are on screen.
        if (watch.lengths.length === 1) {
          requestAnimationFrame(() => {
            watch.firstFrameAt = performance.now();
            w.firstPaintSamples.push(watch.firstFrameAt - watch.sentAt);
          });
        }
      }
      const status = document.querySelector('p[role="status"].visually-hidden')?.textContent ?? '';
      if (!watch.doneAt && /replied|Stopped/.test(status)) watch.doneAt = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

interface Watch {
  sentAt: number;
  lengths: { at: number; length: number }[];
  firstFrameAt: number;
  doneAt: number;
}
const readWatch = (page: Page) => page.evaluate(() => (window as unknown as { coachWatch: Watch }).coachWatch);

/** Types a message in the chat box by keyboard and sends it with Enter. */
async function sendByKeyboard(page: Page, message: string) {
  await page.getByLabel('Message your coach').focus();
  await page.keyboard.type(message);
  await page.keyboard.press('Enter');
}

async function waitForReply(page: Page, count: number) {
  await page
    .getByTestId('coach-reply')
    .nth(count - 1)
    .waitFor();
  await page.waitForFunction((n) => {
    const replies = document.querySelectorAll('[data-testid="coach-reply"]');
    return (
      replies.length >= n &&
      replies[n - 1]?.getAttribute('aria-busy') === 'false' &&
      !replies[n - 1]?.querySelector('.typing')
    );
  }, count);
}

const tokenOf = (page: Page) => page.evaluate(() => localStorage.getItem('pathwise.session') ?? '');

describe.skipIf(!existsSync(CHROMIUM))('the Creator Coach in Chromium', { timeout: 300_000 }, () => {
  let offline: AppServer;
  let claude: AppServer;
  let fake: FakeAnthropic;
  let browser: Browser;
  const budgets: Record<string, unknown> = {};

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    // The servers as `npm start` builds them from the environment: the offline coach (with a pause between chunks,
    // so a reply streams long enough to watch and to stop), and Claude through the SDK pointed at the fake.
    const offlineAi = createAiProvider(resolveAiSettings({ AI_OFFLINE_CHUNK_DELAY_MS: '40' }));
    const claudeAi = createAiProvider(
      resolveAiSettings({
        AI_PROVIDER: 'anthropic',
        CLAUDE_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: fake.url,
        AI_MAX_RETRIES: '0',
      }),
    );
    [offline, claude, browser] = await Promise.all([
      startAppServer({ ai: offlineAi }),
      startAppServer({ ai: claudeAi }),
      launchBrowser(),
    ]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await offline?.close();
    await claude?.close();
    await fake?.close();
    mkdirSync(fileURLToPath(new URL('../../test-results/web/', import.meta.url)), { recursive: true });
    writeFileSync(budgetsFile, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...budgets }, null, 2)}\n`);
  });

  it('onboards a creator, streams the offline coach, records a decision, checks a task off and stops a reply', async () => {
    const { page, context, problems } = await openPage(browser, offline.url);
    await signUp(page, 'Maya');

    // Onboarding: the header's Coach entry, the profile form, the opportunity with its ranges and assumptions.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coach' }).click();
    await page.getByRole('heading', { name: 'Creator Coach', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'See my opportunity' }).click();
    await page.getByRole('alert').waitFor();
    // Each problem shows under its field, in words.
    expect(await page.locator('.field__error').count()).toBeGreaterThan(0);
    await checkPage(page, 'coach-onboarding-errors');

    await page.getByLabel('Your niche').fill('home espresso and coffee gear');
    await page.getByLabel('Platform').fill('YouTube');
    await page.getByLabel('Followers').fill('42000');
    await page.getByLabel('Engagement %').fill('5.5');
    await page.getByRole('button', { name: 'Add a platform' }).click();
    await page.getByLabel('Platform').nth(1).fill('Newsletter');
    await page.getByLabel('Followers').nth(1).fill('3000');
    await page.getByLabel('Engagement %').nth(1).fill('45');
    await page.getByLabel('Current income from your content (US$ a month)').fill('1800');
    await page.getByLabel('Hours a week you can give this').fill('8');
    await page.getByLabel('Your goal').fill('Replace sponsorship income with member revenue');
    await checkPage(page, 'coach-onboarding');
    await page.getByRole('button', { name: 'See my opportunity' }).click();
    await page.getByTestId('opportunity').waitFor();
    const token = await tokenOf(page);
    const { opportunities } = (await offline.t.call('GET', '/api/v1/monetization/opportunities', { token })).json;
    const forYou = opportunities[0].forYou;
    // Every number on the page is the API's.
    expect(await page.getByTestId('economics-members').textContent()).toBe(
      `${forYou.members.min.toLocaleString('en-US')}–${forYou.members.max.toLocaleString('en-US')}`,
    );
    for (const assumption of forYou.assumptions) await page.getByText(assumption, { exact: true }).waitFor();
    await checkPage(page, 'coach-opportunity');

    await page.getByRole('button', { name: 'Start this project' }).click();
    await page.waitForURL(/\/coach\/projects\/[^/]+$/);
    const projectId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByRole('heading', { name: 'Your plan' }).waitFor();
    expect(await page.getByTestId('overall-progress').textContent()).toContain('0% done');
    expect(await page.getByTestId('phase').count()).toBe(4);
    expect(await page.getByTestId('task').count()).toBe(22);
    // The welcome message is the history's first page.
    await page.locator('.bubble--coach').first().waitFor();
    await checkPage(page, 'coach-project');

    // A reply observed arriving in at least two paints before it is finished; keyboard only.
    await watchReplies(page);
    await sendByKeyboard(page, 'How many paying members can I realistically expect?');
    await waitForReply(page, 1);
    await page.waitForFunction(() => (window as unknown as { coachWatch: Watch }).coachWatch.doneAt > 0);
    const first = await readWatch(page);
    const beforeDone = first.lengths.filter((l) => l.at < first.doneAt);
    expect(beforeDone.length).toBeGreaterThanOrEqual(2);
    expect(first.firstFrameAt).toBeGreaterThan(first.sentAt);
    budgets.replyPaints = beforeDone.length;
    const allowance = (await offline.t.call('GET', '/api/v1/monetization/chat/allowance', { token })).json;
    expect(allowance.used).toBe(1);
    await page
      .getByTestId('chat-allowance')
      .filter({ hasText: `${allowance.remaining} of ${allowance.limit}` })
      .waitFor();

    // A decision: the chip on the message, and at once in the decisions panel.
    await sendByKeyboard(page, "I'll charge $29/month because my viewers are hobbyists");
    const chip = page.getByTestId('decision-chip').first();
    await chip.waitFor();
    expect(await chip.textContent()).toContain('$29');
    await page.getByTestId('decisions-panel').getByTestId('decision').filter({ hasText: '$29' }).waitFor();
    await waitForReply(page, 2);

    // A newer price supersedes it; the earlier one is one click away.
    await sendByKeyboard(page, "Actually, let's do $39/month");
    await page.getByTestId('decision-chip').filter({ hasText: '$39' }).waitFor();
    await waitForReply(page, 3);
    const panel = page.getByTestId('decisions-panel');
    await panel.getByTestId('decision').filter({ hasText: '$39' }).waitFor();
    await panel.getByRole('button', { name: /Show earlier decisions \(1\)/ }).click();
    await panel.locator('.decision--superseded').filter({ hasText: '$29' }).waitFor();
    await checkPage(page, 'coach-project-chat');

    // A task checked off by keyboard: the tick shows before the server answers (its request is held until the box
    // is seen checked), then the phase and the overall progress change with the answer.
    const firstTask = page.getByTestId('task').first();
    const before = await page.getByTestId('overall-progress').textContent();
    const phaseBefore = await page.getByTestId('phase-progress').first().textContent();
    const taskWrites = `**/api/v1/monetization/projects/${projectId}/tasks/**`;
    const hold = () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      return { held, release };
    };
    const checking = hold();
    await page.route(taskWrites, async (route) => {
      await checking.held;
      await route.continue();
    });
    await firstTask.getByRole('checkbox').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => firstTask.getByRole('checkbox').isChecked()).toBe(true);
    expect(await page.getByTestId('overall-progress').textContent()).toBe(before);
    checking.release();
    await page
      .getByTestId('overall-progress')
      .filter({ hasNotText: before ?? '' })
      .waitFor();
    expect(await page.getByTestId('phase-progress').first().textContent()).not.toBe(phaseBefore);
    expect(await firstTask.getByRole('checkbox').isChecked()).toBe(true);
    await page.unroute(taskWrites);
    // Refused: the tick shows, then goes back, with the reason.
    const refused = hold();
    await page.route(taskWrites, async (route) => {
      await refused.held;
      await route.fulfill({
        status: 409,
        json: { error: { code: 'conflict', message: 'This project changed meanwhile.', requestId: 'e2e' } },
      });
    });
    const secondTask = page.getByTestId('task').nth(1);
    await secondTask.getByRole('checkbox').click();
    await expect.poll(() => secondTask.getByRole('checkbox').isChecked()).toBe(true);
    refused.release();
    await secondTask.getByRole('alert').filter({ hasText: 'This project changed meanwhile.' }).waitFor();
    expect(await secondTask.getByRole('checkbox').isChecked()).toBe(false);
    await page.unroute(taskWrites);
    await firstTask.getByText('Details').click();
    await firstTask.getByRole('heading', { name: 'Steps' }).waitFor();
    await firstTask.getByLabel('Notes').fill('Asked 20 viewers in a poll');
    await firstTask.getByRole('button', { name: 'Save notes' }).click();
    await firstTask.getByText('Saved.').waitFor();
    const stored = (await offline.t.call('GET', `/api/v1/monetization/projects/${projectId}`, { token })).json.project;
    expect(stored.taskStates.find((s: { completed: boolean }) => s.completed)?.notes).toBe(
      'Asked 20 viewers in a poll',
    );

    // Stop mid-stream, by keyboard: the partial reply stays, as the API stores it.
    await sendByKeyboard(page, 'What should I work on this week?');
    await page.waitForFunction(() => (window as unknown as { coachWatch: Watch }).coachWatch.lengths.length > 0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stop');
    await page.keyboard.press('Enter');
    await page.getByTestId('chat-log').getByText('Stopped. The reply so far is saved.').waitFor();
    const shown = (await page.getByTestId('coach-reply').last().locator('.markdown').textContent()) ?? '';
    expect(shown.length).toBeGreaterThan(0);
    const history = (
      await offline.t.call('GET', `/api/v1/monetization/projects/${projectId}/messages?limit=1`, { token })
    ).json;
    await expect
      .poll(
        async () =>
          (await offline.t.call('GET', `/api/v1/monetization/projects/${projectId}/messages?limit=1`, { token })).json
            .messages[0].status,
      )
      .toBe('incomplete');
    expect(history.messages[0].role).toBe('assistant');
    // Each of the four sends: from Enter to the first frame after the reply's first characters reached the page.
    const samples = await page.evaluate(() => (window as unknown as { firstPaintSamples: number[] }).firstPaintSamples);
    expect(samples.length).toBe(4);
    const sorted = [...samples].sort((a, b) => a - b);
    budgets.firstStreamedPaintMs = Math.round((((sorted[1] ?? 0) + (sorted[2] ?? 0)) / 2) * 10) / 10;
    budgets.firstStreamedPaintSamplesMs = samples.map((x) => Math.round(x * 10) / 10);

    // After a reload the history shows the same partial reply, marked as stopped.
    await page.reload();
    await page.getByText('Stopped before the end.').waitFor();
    await checkPage(page, 'coach-project-stopped');

    // The first load of a coach page: the JavaScript it fetched, gzipped.
    const js: number[] = [];
    const cold = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: offline.url });
    const coldPage = await cold.newPage();
    await coldPage.addInitScript((t) => localStorage.setItem('pathwise.session', t), token);
    coldPage.on('response', async (response) => {
      if (response.url().endsWith('.js')) js.push(gzipSync(await response.body()).length);
    });
    await coldPage.goto(`/coach/projects/${projectId}`);
    await coldPage.getByRole('heading', { name: 'Your plan' }).waitFor();
    await coldPage.waitForLoadState('networkidle');
    budgets.coachFirstLoadJsGzipBytes = js.reduce((a, b) => a + b, 0);
    budgets.coachFirstLoadJsFiles = js.length;
    await cold.close();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('pauses and resumes with confirmation, lists and filters projects, edits the profile, and explains a 429', async () => {
    const { page, context, problems } = await openPage(browser, offline.url, 'phone');
    await signUp(page, 'Theo');
    const token = await tokenOf(page);
    await offline.t.call('POST', '/api/v1/monetization/profile', {
      token,
      body: {
        niche: 'indie game development',
        platforms: [{ platform: 'TikTok', followers: 50000, engagementRate: 0 }],
        currentMonthlyIncome: 300,
        goal: 'Fund my next game from my community',
        hoursPerWeek: 6,
      },
    });
    await page.goto('/coach');
    await page.getByRole('button', { name: 'Start this project' }).click();
    await page.waitForURL(/\/coach\/projects\/[^/]+$/);
    const projectId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByRole('heading', { name: 'Your plan' }).waitFor();
    await checkPage(page, 'coach-project-phone');
    // Abandon, the quieter danger button: red text on the page, not red on red.
    const abandon = await page
      .getByRole('button', { name: 'Abandon' })
      .evaluate((el) => ({ color: getComputedStyle(el).color, background: getComputedStyle(el).backgroundColor }));
    expect(abandon.color).not.toBe(abandon.background);
    expect(abandon.background).toBe('rgba(0, 0, 0, 0)');

    // A long conversation before this one: 40 earlier messages, more than the first page of history (30).
    const user = (await offline.t.call('GET', '/api/auth/me', { token })).json.user;
    const start = new Date(offline.t.clock.now()).getTime() - 3_600_000;
    await offline.t.db
      .insertInto('project_chat_messages')
      .values(
        Array.from({ length: 40 }, (_, i) => {
          const at = new Date(start + i * 60_000);
          return {
            id: newSortableId(at),
            project_id: projectId,
            user_id: user.id,
            role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
            content: `Earlier message ${i + 1}`,
            status: 'complete' as const,
            client_message_id: null,
            reply_to_id: null,
            input_tokens: 0,
            output_tokens: 0,
            created_at: at.toISOString(),
            updated_at: at.toISOString(),
          };
        }),
      )
      .execute();
    // On a phone the chat is its own page.
    await page.getByRole('link', { name: 'Chat with your coach' }).click();
    await page.waitForURL(`**/coach/projects/${projectId}/chat`);
    await page.locator('.bubble--coach').first().waitFor();
    // The message box is on the first screen of the page (390×844): no scrolling to type.
    // (The history's height is set from a measurement after the page lays out: wait for it, not a fixed time.)
    const composerBottom = () =>
      page.getByLabel('Message your coach').evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
    await expect.poll(composerBottom).toBeLessThanOrEqual(844);
    // History loads upward: the newest page first, the oldest on request, above what was shown.
    expect(await page.getByText('Earlier message 1', { exact: true }).count()).toBe(0);
    await page.getByText('Earlier message 40', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Load earlier messages' }).click();
    await page.getByText('Earlier message 1', { exact: true }).waitFor();
    const order = await page.locator('.bubble').allTextContents();
    expect(order.findIndex((t) => t.includes('Earlier message 1'))).toBeLessThan(
      order.findIndex((t) => t.includes('Earlier message 40')),
    );
    expect(await page.getByRole('button', { name: 'Load earlier messages' }).count()).toBe(0);
    // A decision with a date, on its chip and in the panel: written like the page's other dates, not as ISO.
    await sendByKeyboard(page, 'Launch six weeks from today');
    await waitForReply(page, 1);
    const timeline = page.getByTestId('decisions-panel').getByTestId('decision').filter({ hasText: 'Launch on' });
    await timeline.waitFor();
    expect(await timeline.locator('.decision__summary').textContent()).toMatch(
      /^Launch on [A-Z][a-z]{2} \d{1,2}, \d{4}$/,
    );
    expect(await page.getByTestId('decision-chip').last().textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await checkPage(page, 'coach-chat');

    // The daily limit, reached: the 429 in words, and the allowance at zero.
    const limit = (await offline.t.call('GET', '/api/v1/monetization/chat/allowance', { token })).json.limit;
    const day = new Date(offline.t.clock.now()).toISOString().slice(0, 10);
    for (let i = 0; i < limit; i++) await countDailyMessage(offline.t.db, user.id, day, limit);
    await sendByKeyboard(page, 'Can I get one more answer?');
    const refusal = page.getByTestId('chat-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      new RegExp(`used all ${limit} coach messages and drafts for today\\. They come back at`),
    );
    await page
      .getByTestId('chat-allowance')
      .filter({ hasText: `0 of ${limit} coach messages and drafts left today` })
      .waitFor();
    // Sending is off until the reset, instead of each message being sent and refused.
    await page.getByTestId('chat-limit').filter({ hasText: 'Sending is off until' }).waitFor();
    expect(await page.getByLabel('Message your coach').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await checkPage(page, 'coach-chat-limit');
    // Back later the same day: the allowance at 0 keeps it off, and says why in full.
    await page.reload();
    await page
      .getByTestId('chat-limit')
      .filter({ hasText: `used all ${limit} coach messages and drafts for today` })
      .waitFor();
    expect(await page.getByLabel('Message your coach').isDisabled()).toBe(true);

    // Pause, confirmed in a dialog; the chat is off; resume.
    await page.getByRole('link', { name: '← Plan and progress' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('dialog', { name: 'Pause this project?' }).waitFor();
    await checkPage(page, 'coach-pause-dialog');
    await page.getByRole('button', { name: 'Pause project' }).click();
    await page.locator('.status--paused').first().waitFor();
    await page.getByRole('button', { name: 'Resume' }).waitFor();

    await page.goto('/coach/projects');
    await page.getByRole('link', { name: 'Premium Community' }).first().waitFor();
    await checkPage(page, 'coach-projects');
    await page.getByRole('radio', { name: 'Abandoned' }).click();
    await page.getByText('No abandoned projects.').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('abandoned');
    await page.getByRole('radio', { name: 'Paused' }).click();
    await page.getByRole('link', { name: /Premium Community/ }).click();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Resume project' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();

    // The profile, changed through PATCH.
    await page.goto('/coach/profile');
    await page.getByLabel('Hours a week you can give this').fill('10');
    // A decimal comma is a decimal point in a percentage ("4,5" is 4.5%, not 45%); "50,000" followers group thousands.
    await page.getByLabel('Engagement %').fill('4,5');
    await page.getByLabel('Followers').fill('50,000');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    const saved = (await offline.t.call('GET', '/api/v1/monetization/profile', { token })).json.profile;
    expect(saved.hoursPerWeek).toBe(10);
    expect(saved.platforms[0]).toMatchObject({ followers: 50000, engagementRate: 4.5 });
    await checkPage(page, 'coach-profile');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('resends with the same clientMessageId after the connection drops mid-reply: the stored reply, no second charge', async () => {
    const { page, context, problems } = await openPage(browser, offline.url);
    await signUp(page, 'Noor');
    const token = await tokenOf(page);
    await offline.t.call('POST', '/api/v1/monetization/profile', {
      token,
      body: {
        niche: 'home cooking',
        platforms: [{ platform: 'YouTube', followers: 20000, engagementRate: 4 }],
        currentMonthlyIncome: 500,
        goal: 'A paid cooking club',
        hoursPerWeek: 6,
      },
    });
    const project = (
      await offline.t.call('POST', '/api/v1/monetization/projects', {
        token,
        body: { opportunityId: 'premium-community' },
      })
    ).json.project;
    await page.goto(`/coach/projects/${project.id}/chat`);
    await page.locator('.bubble--coach').first().waitFor();
    // A new conversation, with its starter questions: on a phone the message box is still on the first screen.
    await page.setViewportSize(VIEWPORTS.phone);
    await page.getByRole('button', { name: 'What price should I charge?' }).waitFor();
    await expect
      .poll(() =>
        page.getByLabel('Message your coach').evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY),
      )
      .toBeLessThanOrEqual(VIEWPORTS.phone.height);
    await checkPage(page, 'coach-chat-new');
    await page.setViewportSize(VIEWPORTS.desktop);
    await watchReplies(page);
    await sendByKeyboard(page, 'How many paying members can I realistically expect?');
    await page.waitForFunction(() => (window as unknown as { coachWatch: Watch }).coachWatch.lengths.length > 0);
    offline.dropConnections();
    const resend = page.getByRole('button', { name: 'Resend' });
    await resend.waitFor();
    const messages = `/api/v1/monetization/projects/${project.id}/messages?limit=2`;
    // The server noticed the disconnect and stored what it had sent, marked incomplete.
    await expect
      .poll(async () => (await offline.t.call('GET', messages, { token })).json.messages[0].status)
      .toBe('incomplete');
    const stored = (await offline.t.call('GET', messages, { token })).json.messages;
    await resend.click();
    await page.getByText('The reply was cut off before the end; this is the part that was saved.').waitFor();
    const reply = page.getByTestId('coach-reply').last();
    // The same text the server stored (Markdown marks aside: a cut-off ** stays literal).
    const plain = (text: string) => text.replace(/^\s*(?:[-+]|\d+[.)])\s+/gm, '').replace(/[*\s]/g, '');
    expect(plain((await reply.locator('.markdown').textContent()) ?? '')).toBe(plain(stored[0].content));
    expect(stored[0].content.length).toBeGreaterThan(0);
    // One message counted, not two; one user message stored.
    expect((await offline.t.call('GET', '/api/v1/monetization/chat/allowance', { token })).json.used).toBe(1);
    expect(
      (await offline.t.call('GET', messages, { token })).json.messages.map((m: { role: string }) => m.role),
    ).toEqual(['assistant', 'user']);
    // Chromium logs the cut stream itself; nothing else went wrong.
    expect(problems.filter((p) => !p.includes('net::ERR_INCOMPLETE_CHUNKED_ENCODING'))).toEqual([]);
    await context.close();
  });

  it('streams the same chat from Claude (the SDK against the fake Anthropic server), as safe Markdown', async () => {
    fake.setBehaviors([
      {
        text: [
          '**Start** with ',
          'your waitlist.\n\n',
          '- Ask your viewers\n',
          '- Offer a founding price\n\n',
          '<img src=x onerror="window.pwned=1"> [guide](javascript:alert(1))',
        ],
        chunkDelayMs: 30,
      },
    ]);
    const { page, context, problems } = await openPage(browser, claude.url);
    await signUp(page, 'Iris');
    const token = await tokenOf(page);
    await claude.t.call('POST', '/api/v1/monetization/profile', {
      token,
      body: {
        niche: 'watercolour painting',
        platforms: [{ platform: 'Instagram', followers: 12000, engagementRate: 4.5 }],
        currentMonthlyIncome: 0,
        goal: 'A first paid community',
        hoursPerWeek: 5,
      },
    });
    const project = (
      await claude.t.call('POST', '/api/v1/monetization/projects', {
        token,
        body: { opportunityId: 'premium-community' },
      })
    ).json.project;
    await page.goto(`/coach/projects/${project.id}`);
    await page.getByRole('heading', { name: 'Your plan' }).waitFor();
    await watchReplies(page);
    await sendByKeyboard(page, 'What should I do first?');
    await waitForReply(page, 1);
    const reply = page.getByTestId('coach-reply').last();
    expect(await reply.locator('strong').textContent()).toBe('Start');
    expect(await reply.locator('li').allTextContents()).toEqual(['Ask your viewers', 'Offer a founding price']);
    // The model's HTML is text, and a javascript: link is no link.
    expect(await reply.locator('img').count()).toBe(0);
    expect(await reply.locator('a').count()).toBe(0);
    expect(await reply.textContent()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
    const watch = await readWatch(page);
    expect(watch.lengths.filter((l) => l.at < watch.doneAt).length).toBeGreaterThanOrEqual(2);
    expect(fake.requests.at(-1)?.body.model).toBe('claude-sonnet-5-5');
    await checkPage(page, 'coach-project-claude');
    expect(problems).toEqual([]);
    await context.close();
  });
});
