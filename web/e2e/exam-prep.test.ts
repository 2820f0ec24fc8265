import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, checkPage, launchBrowser, openPage } from './support/browser.js';
import { headerBalance, signUp, waitForBalance } from './support/flows.js';
import { type AppServer, startAppServer } from './support/server.js';

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser tests: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

const ANTIDERIVATIVE_QUESTION = 'calc2-2021-fall-midterm-q1'; // ∫ x² e^(-x) dx = -(x² + 2x + 2) e^(-x) + C
const EIGHT_PI_QUESTION = 'calc2-2022-spring-final-q6'; // the answer is 8π

/** What the focused element says: where a keyboard user is. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

describe.skipIf(!existsSync(CHROMIUM))("a student's Exam Prep in Chromium", { timeout: 240_000 }, () => {
  let server: AppServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs up, browses, unlocks the analysis and practice, answers in the math field, reveals: the balance drops', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    await signUp(page);
    expect(await headerBalance(page)).toBe(5);

    // Browse: the catalogue, then the course with its topics.
    await page.getByRole('link', { name: 'Calculus II', exact: true }).click();
    await page.getByRole('heading', { name: 'Calculus II', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Topics' }).waitFor();
    await checkPage(page, 'course');

    // Enrol: the button is replaced by the badge, and focus goes with it (not to <body>).
    await page.getByRole('button', { name: 'Enrol in this course' }).click();
    await page.locator('.badge', { hasText: 'Enrolled' }).waitFor();
    expect(await focused(page)).toBe('Enrolled');

    // The analysis: asked first, with the price and the balance after.
    await page.getByRole('button', { name: 'Unlock the analysis (2 credits)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('spend-price').textContent()).toBe('2 credits');
    expect(await dialog.getByTestId('spend-after').textContent()).toBe('3 credits');
    await checkPage(page, 'course-unlock-confirm');
    await dialog.getByRole('button', { name: 'Spend 2 credits' }).click();
    await page.getByRole('heading', { name: 'Share of exam points by topic' }).waitFor();
    // The Unlock button the dialog would return focus to is gone: focus is on the analysis' heading.
    expect(await focused(page)).toBe('Exam-pattern analysis');
    await waitForBalance(page, 3);
    await page.locator('.ct-bar').first().waitFor({ state: 'attached' });
    // Round ticks, each with its % (it ticked every 1.25% and dropped the last %).
    const ticks = await page.locator('.chart').first().locator('.ct-label.ct-horizontal').allTextContents();
    expect(ticks.every((tick) => /^\d+%$/.test(tick.trim()) && Number.parseInt(tick, 10) % 5 === 0)).toBe(true);
    await checkPage(page, 'course-analysis');
    await page.getByText('Show the data as a table').first().click();
    await checkPage(page, 'course-analysis-table');

    // The question bank: filters, and the next page on scrolling to the end.
    await page.getByRole('link', { name: /^Question bank/ }).click();
    await page.getByRole('heading', { name: 'Question bank' }).waitFor();
    const cards = page.locator('.question-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(20);
    // The Year filter offers the years Calculus II has past exams for, not the last twelve calendar years.
    await page.getByLabel('Year').locator('option', { hasText: '2024' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Year').locator('option').allTextContents()).toEqual([
      'Any year',
      '2024',
      '2023',
      '2022',
      '2021',
    ]);
    await checkPage(page, 'question-bank');
    await page.getByRole('button', { name: 'Load more questions' }).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('.question-card').length > 20);
    await page.getByLabel('Topic').selectOption({ label: 'Integration by Parts' });
    await page.waitForURL(/topicId=/);
    await page.waitForFunction(() => document.querySelectorAll('.question-card').length < 20);

    // A practice set of one question: 1 credit, asked first.
    await page.goto('/courses/calc2/practice');
    await page.getByLabel('Questions').selectOption('1');
    await page.getByRole('button', { name: 'Get 1 question' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Spend 1 credit' }).click();
    await page.getByRole('heading', { name: 'Your questions' }).waitFor();
    await waitForBalance(page, 2);
    await checkPage(page, 'practice-set');

    // The question page: a correct antiderivative typed in the math field.
    await page.goto(`/questions/${ANTIDERIVATIVE_QUESTION}`);
    await page.getByRole('button', { name: 'Answer it' }).click();
    const field = page.getByTestId('math-field');
    await field.waitFor();
    expect(await focused(page)).toBe('Your answer');
    await field.focus();
    // As a student types it: ^ opens an exponent, the right arrow leaves it.
    for (const keys of ['-(x^2', 'ArrowRight', '+2x+2)e^-x', 'ArrowRight', '+C']) {
      if (keys === 'ArrowRight') await page.keyboard.press(keys);
      else await page.keyboard.type(keys);
    }
    const latex = await field.evaluate((el) => (el as HTMLElement & { value: string }).value);
    expect(latex).toMatch(/e\^\{-x\}/);
    await page.getByRole('button', { name: 'Check my answer' }).click();
    const feedback = page.getByTestId('feedback');
    await feedback.or(page.getByRole('alert')).first().waitFor();
    // An unreadable answer shows as an alert naming the problem: none here, and the outcome is "Correct".
    expect({ latex, alerts: await page.getByRole('alert').allTextContents() }).toEqual({ latex, alerts: [] });
    expect(await feedback.locator('.feedback__outcome').textContent()).toBe('Correct');
    // The attempt is closed (another check would be a 409): the form locks and "Try again" replaces the check,
    // with the focus that was on it.
    expect(await page.getByRole('button', { name: 'Check my answer' }).count()).toBe(0);
    expect(await field.evaluate((el) => (el as HTMLElement & { readOnly: boolean }).readOnly)).toBe(true);
    expect(await focused(page)).toBe('Try again');
    await checkPage(page, 'question-correct');

    // Reveal: 1 credit, confirmed; the solution's steps show and the header drops.
    await page.getByRole('button', { name: 'Reveal the solution (1 credit)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Spend 1 credit' }).click();
    await page.getByRole('heading', { name: 'Worked solution' }).waitFor();
    await waitForBalance(page, 1);
    expect(await page.locator('.steps li').count()).toBeGreaterThan(0);
    // KaTeX's MathML is there for screen readers.
    expect(await page.locator('.solution math').count()).toBeGreaterThan(0);
    await checkPage(page, 'question-solution');

    // Multiple choice on another question: each option is named (a letter, as on paper), and a distractor says why.
    await page.goto('/questions/calc2-2022-spring-midterm-q9');
    await page.getByRole('button', { name: 'Multiple choice' }).click();
    const options = page.getByRole('radio');
    await options.first().waitFor();
    expect(await options.count()).toBe(4);
    await checkPage(page, 'question-mcq');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers by keyboard: Enter finishes a LaTeX command without submitting, and what is sent is what the field shows', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    await signUp(page);
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/submit')) sent.push(request.postDataJSON().answer);
    });
    const checked = () => page.waitForResponse((response) => response.url().endsWith('/submit'));
    await page.goto(`/questions/${EIGHT_PI_QUESTION}`);
    await page.getByRole('button', { name: 'Answer it' }).click();
    const field = page.getByTestId('math-field');
    await field.waitFor();
    await field.focus();
    const value = () => field.evaluate((el) => (el as HTMLElement & { value: string }).value);
    const outcome = page.getByTestId('feedback').locator('.feedback__outcome');

    // `8\pi` then Enter: Enter completes \pi in MathLive's LaTeX mode and submits nothing (it sent "8", graded
    // wrong and counted). A second Enter submits the finished answer, read from the field: 8π, correct.
    await page.keyboard.type('8\\pi');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="math-field"]') as (HTMLElement & { mode: string }) | null;
      return el?.mode === 'math';
    });
    expect(await value()).toBe('8\\pi');
    let response = checked();
    await page.keyboard.press('Enter');
    await response;
    await outcome.waitFor();
    expect({ sent, outcome: await outcome.textContent() }).toEqual({ sent: ['8\\pi'], outcome: 'Correct' });
    // Answered by Enter, focus stays in the (now read-only) field; "Try again" starts a new attempt, as "Answer it" did.
    expect(await page.getByRole('button', { name: 'Check my answer' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Check my answer' }).waitFor();
    expect(await focused(page)).toBe('Your answer');
    expect(await outcome.count()).toBe(0);
    await field.waitFor();
    expect(await value()).toBe('');

    // Pasted and sent at once (one task, as a fast typist or paste-and-Enter can): the answer sent is the field's,
    // not React's state, which the input event only updates on the next render (it sent "" or "4" for "42").
    response = checked();
    await field.evaluate((el) => {
      (el as HTMLElement & { executeCommand(command: [string, string]): boolean }).executeCommand(['insert', '42']);
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    });
    await response;
    await outcome.waitFor();
    expect(sent.at(-1)).toBe('42');
    expect(await outcome.textContent()).toMatch(/^Not quite/);

    // An unreadable answer replaces the old verdict instead of sitting under it.
    await page.getByRole('button', { name: 'Type plain text instead' }).click();
    await page.locator('.answer-field__plain').fill('(14/3');
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await page.getByRole('alert').waitFor();
    expect(await outcome.count()).toBe(0);
    await checkPage(page, 'question-unreadable');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on a phone, Buy without payments set up says so where the student tapped; a long email keeps the header on one line', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'phone');
    await signUp(page, '');
    await page.goto('/credits');
    const buy = page.getByRole('button', { name: 'Buy 10 credits' });
    await buy.click();
    // No Stripe keys here: 503. The notice is in the tapped card, in view (it was ~1600 px down, below every card).
    const notice = page.getByRole('alert').filter({ hasText: 'Payments are not set up' });
    await notice.waitFor();
    const box = await notice.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 844).toBe(true);
    await checkPage(page, 'credits-not-configured');

    // 1280 px, no name: the email is cut with an ellipsis and Credits stays on the header's line.
    await page.setViewportSize({ width: 1280, height: 800 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    const [user, credits] = await Promise.all([
      page.locator('.header-user').boundingBox(),
      nav.getByRole('link', { name: 'Credits', exact: true }).boundingBox(),
    ]);
    expect(user && credits && Math.abs(user.y + user.height / 2 - (credits.y + credits.height / 2)) < 8).toBe(true);
    // The browser logs the expected 503 (billing_not_configured) as a failed load; nothing else went wrong.
    expect(problems.filter((p) => !p.includes('status of 503'))).toEqual([]);
    await context.close();
  });
});
