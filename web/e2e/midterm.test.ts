import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { CHROMIUM, checkPage, launchBrowser, openPage } from './support/browser.js';
import { signUp, waitForBalance } from './support/flows.js';
import { type AppServer, startAppServer } from './support/server.js';

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(`CI must run the browser tests: install Debian's chromium (${CHROMIUM}); .ci/run does`);
}

// The calc2 midterm with this seed is stored, so it is the same exam on every run: question 1 is
// ∫ x² e^(-x) dx = -(x² + 2x + 2) e^(-x) + C, question 6 is ∫₀¹ ln x / √x dx = -4, question 9 has options.
const SEED = 'e2e';
const MINUTE = 60_000;

describe.skipIf(!existsSync(CHROMIUM))('a practice midterm in exam mode, in Chromium', { timeout: 300_000 }, () => {
  let server: AppServer;
  let browser: Browser;
  // The server's clock starts at the browser's time, so the exam's due time means the same on both sides.
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ clock }), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('generates, starts, keeps drafts over a reload, runs out of time, submits late and shows the marking', async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    // The browser's clock too is one the test moves (time flows as usual until it does).
    await page.clock.install({ time: clock.now() });
    await signUp(page);

    // No exam yet: the list says so, and the course's weak topics come from the past exams alone.
    await page.goto('/exams');
    await page.getByRole('heading', { name: 'My exams', level: 1 }).waitFor();
    await page.getByText('No exams yet.').waitFor();
    await checkPage(page, 'my-exams-empty');
    await page.goto('/courses/calc2/weak-topics');
    await page.getByTestId('weak-topic').first().waitFor();
    await page.getByText('so this ranking comes from the past exams alone').waitFor();
    await checkPage(page, 'weak-topics-before');
    await page.goto('/courses/calc2/review');
    await page.getByText('Nothing to review yet').waitFor();
    await checkPage(page, 'review-empty');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My courses' }).click();
    await page.getByText('You are not enrolled in any course yet.').waitFor();
    await checkPage(page, 'my-courses-empty');

    // From the course page to the generator; asked first with the price and the balance after.
    await page.goto('/courses/calc2');
    await page.getByRole('button', { name: 'Enrol in this course' }).click();
    await page.getByText('Enrolled', { exact: true }).waitFor();
    await page.getByRole('link', { name: /^Practice midterm/ }).click();
    await page.getByRole('heading', { name: 'Practice exam', level: 1 }).waitFor();
    await page.getByText('None yet.').waitFor();
    await page.getByLabel('Seed (optional)').fill('not a seed!');
    await page.getByText('Use letters, digits, - and _ only').waitFor();
    expect(await page.getByRole('button', { name: /^Generate a midterm/ }).isDisabled()).toBe(true);
    await page.getByLabel('Seed (optional)').fill(SEED);
    await checkPage(page, 'midterm-generate');
    await page.getByRole('button', { name: 'Generate a midterm (3 credits)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('spend-price').textContent()).toBe('3 credits');
    expect(await dialog.getByTestId('spend-after').textContent()).toBe('2 credits');
    await checkPage(page, 'midterm-generate-confirm');
    await dialog.getByRole('button', { name: 'Spend 3 credits' }).click();

    // The exam is its own address; the clock has not started.
    await page.waitForURL(/\/exams\/[^/]+$/);
    const examUrl = page.url();
    const examId = examUrl.split('/').at(-1) ?? '';
    await page.getByRole('heading', { name: 'Ready when you are' }).waitFor();
    await waitForBalance(page, 2);
    expect(await page.locator('.question-text').count()).toBe(0);
    await checkPage(page, 'exam-ready');

    await page.getByRole('button', { name: 'Start the exam' }).click();
    const timer = page.getByRole('timer');
    await timer.waitFor();
    const firstReading = (await timer.textContent()) ?? '';
    expect(firstReading).toMatch(/^1:(29|30):\d\d$/);
    // It counts down: wait for the next second's reading.
    await page.waitForFunction(
      (before) => document.querySelector('[role="timer"]')?.textContent !== before,
      firstReading,
    );
    const questions = page.locator('.exam-question');
    expect(await questions.count()).toBe(9);

    // Question 1 in the math field, typed as a student types it (^ opens an exponent, the right arrow leaves it).
    const q1 = questions.nth(0);
    const field1 = q1.getByTestId('math-field');
    await field1.waitFor();
    await field1.focus();
    for (const keys of ['-(x^2', 'ArrowRight', '+2x+2)e^-x', 'ArrowRight', '+C']) {
      if (keys === 'ArrowRight') await page.keyboard.press(keys);
      else await page.keyboard.type(keys);
    }
    // Question 6: 4 where -4 is right (a sign error, worth half its points).
    const field6 = questions.nth(5).getByTestId('math-field');
    await field6.focus();
    await page.keyboard.type('4');
    // Question 9 by multiple choice, picking the right option by keyboard.
    const q9 = questions.nth(8);
    await q9.getByRole('radio', { name: 'Multiple choice' }).check();
    const q9Options = await server.t.db
      .selectFrom('question_options')
      .select(['id', 'is_correct'])
      .where('question_id', '=', 'calc2-2023-fall-midterm-q9')
      .execute();
    const rightOption = q9Options.find((o) => Boolean(o.is_correct))?.id;
    if (!rightOption) throw new Error('question 9 has no right option');
    await q9.locator(`input[type="radio"][value="${rightOption}"]`).focus();
    await page.keyboard.press('Space');
    expect(await q9.locator(`input[value="${rightOption}"]`).isChecked()).toBe(true);
    await page.getByText('3 of 9 questions answered').waitFor();
    await checkPage(page, 'exam-in-progress');

    // A reload mid-exam: still in progress, the clock not reset, and every draft where it was typed.
    await page.reload();
    await page.getByRole('timer').waitFor();
    expect(await page.getByRole('heading', { name: 'Ready when you are' }).count()).toBe(0);
    await page.getByText('3 of 9 questions answered').waitFor();
    const restored = page.locator('.exam-question').nth(0).getByTestId('math-field');
    await restored.waitFor();
    expect(await restored.evaluate((el) => (el as HTMLElement & { value: string }).value)).toMatch(/e\^\{-x\}/);
    expect(await page.locator(`input[value="${rightOption}"]`).isChecked()).toBe(true);

    // Time runs out: the page says so, and a submission is still taken, as late.
    await page.clock.fastForward('01:31:00');
    clock.advance(91 * MINUTE);
    await page.getByRole('alert').filter({ hasText: 'Time is up.' }).waitFor();
    await checkPage(page, 'exam-time-up');

    // An unreadable answer (typed as plain text, the math field's fallback) is named on its question and nothing is
    // submitted: the one submission is not spent on a typo.
    const q2 = page.locator('.exam-question').nth(1);
    await q2.getByRole('button', { name: 'Type plain text instead' }).click();
    await q2.getByRole('textbox').fill('2x+');
    await page.getByRole('button', { name: 'Submit the exam' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await q2.getByRole('alert').filter({ hasText: 'We could not read this answer' }).waitFor();
    await page.getByText('Nothing was submitted: one answer needs fixing').waitFor();
    await checkPage(page, 'exam-unreadable');
    await q2.getByRole('textbox').fill('');

    await page.getByRole('button', { name: 'Submit the exam' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('6 questions are unanswered and will score 0.').waitFor();
    await confirm.getByText('this submission will be marked late').waitFor();
    await checkPage(page, 'exam-submit-confirm');
    await confirm.getByRole('button', { name: 'Submit' }).click();

    // The score page: total, each question's points and outcome in words, feedback and the worked solution.
    const score = page.getByTestId('exam-score');
    await score.waitFor();
    const marked = page.getByTestId('marked-question');
    expect(await marked.count()).toBe(9);
    const outcomes = await marked.getByTestId('question-outcome').allTextContents();
    expect(outcomes[0]).toBe('Correct');
    expect(outcomes[5]).toBe('Sign error');
    expect(outcomes[8]).toBe('Correct');
    expect(outcomes.filter((o) => o === 'Not answered')).toHaveLength(6);
    const pointsEach = (await marked.getByTestId('question-score').allTextContents()).map((text) => {
      const [earned, out] = text.replace(' points', '').split(' / ').map(Number);
      return { earned, out };
    });
    expect(pointsEach[0]).toEqual({ earned: 10, out: 10 });
    expect(pointsEach[5]).toEqual({ earned: 5.5, out: 11 });
    expect(pointsEach[8]).toEqual({ earned: 11, out: 11 });
    const total = pointsEach.reduce((sum, p) => sum + (p.earned ?? 0), 0);
    expect(await score.textContent()).toBe(`${total} / ${pointsEach.reduce((s, p) => s + (p.out ?? 0), 0)} points`);
    expect(await page.getByTestId('exam-late').textContent()).toMatch(/^1 min \d\d s late$/);
    expect(await page.locator('.solution').count()).toBe(9);
    // Worked solutions in KaTeX, with MathML for screen readers.
    expect(await page.locator('.solution math').count()).toBeGreaterThan(9);
    await checkPage(page, 'exam-results');
    // The drafts went with the submission.
    expect(await page.evaluate((id) => sessionStorage.getItem(`pathwise.examDrafts.${id}`), examId)).toBeNull();

    // The stored exam agrees with the page (the same address later shows the marking again).
    const token = await page.evaluate(() => localStorage.getItem('pathwise.session'));
    const stored = await server.t.call('GET', `/api/midterms/${examId}`, { token: token ?? '' });
    expect(stored.json.midterm.score).toBe(total);
    await page.goto(examUrl);
    await page.getByTestId('exam-score').waitFor();

    // Weak topics now rank by this student's answers, with what to practise next.
    await page.getByRole('link', { name: 'See your weak topics' }).click();
    await page.waitForURL(/weak-topics\?examType=midterm/);
    await page.getByTestId('weak-topic').first().waitFor();
    expect(await page.getByText(/mastery, from \d+ answers?/).count()).toBeGreaterThan(0);
    expect(await page.locator('.next-question').count()).toBeGreaterThan(0);
    expect(await page.getByRole('radio', { name: 'Midterms' }).isChecked()).toBe(true);
    // One figure for the points at stake in a card's heading and its sentence; mistakes in words, with ×.
    for (const text of await page.getByTestId('weak-topic').allTextContents()) {
      const heading = /≈ ([\d.]+) points at stake/.exec(text)?.[1];
      expect(/about ([\d.]+) points at stake/.exec(text)?.[1]).toBe(heading);
      expect(text).not.toMatch(/mistake: [a-z ]+ \(\d+x\)|unanswered/);
    }
    await checkPage(page, 'weak-topics');
    await page.getByRole('radio', { name: 'Finals' }).check();
    await page.waitForURL(/examType=final/);
    await page.getByTestId('weak-topic').first().waitFor();

    // The review queue: the exam's patterns, due the next day.
    clock.advance(24 * 60 * MINUTE);
    await page.goto('/courses/calc2/review');
    await page.getByTestId('due-review').first().waitFor();
    const due = Number((await page.getByTestId('due-count').locator('strong').textContent()) ?? '0');
    expect(due).toBeGreaterThanOrEqual(3);
    await checkPage(page, 'review-queue');
    await page.getByRole('link', { name: 'Review with this question' }).first().click();
    await page.waitForURL(/\/questions\//);

    // My exams, from the header: the exam with its score, marked late.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My exams' }).click();
    await page.getByRole('heading', { name: 'My exams', level: 1 }).waitFor();
    const row = page.locator('.exam-row').first();
    await row.getByText(`${total} / `).waitFor();
    await row.getByText('late').waitFor();
    await checkPage(page, 'my-exams');
    await row.getByRole('link').click();
    await page.waitForURL(examUrl);
    await page.getByTestId('exam-score').waitFor();

    // My courses: the course with the exam's questions in its progress (all 9 seen: their solutions came with the
    // results); the attempts behind it, one per question answered (the 6 left blank are not attempts).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My courses' }).click();
    const course = page.getByTestId('my-course');
    await course.waitFor();
    expect(await course.count()).toBe(1);
    await course.getByText(/^9 of \d+ questions seen$/).waitFor();
    await checkPage(page, 'my-courses');
    await course.getByRole('link', { name: 'Your attempts' }).click();
    await page.waitForURL(/\/me\/attempts\?courseId=calc2/);
    const attempts = page.getByTestId('attempt');
    await attempts.first().waitFor();
    expect(await attempts.count()).toBe(3);
    expect(await attempts.filter({ hasText: 'on a practice exam' }).count()).toBe(3);
    const statuses = await attempts.locator('.badge').allTextContents();
    expect(statuses.filter((status) => status === 'Solved')).toHaveLength(2);
    expect(statuses.filter((status) => status === 'Not solved')).toHaveLength(1);
    expect(await attempts.filter({ hasText: 'last answer: sign error' }).count()).toBe(1);
    await checkPage(page, 'attempts');

    // Leaving the course asks first; the progress stays (the API test checks), the list empties.
    await page.getByRole('link', { name: 'My courses' }).first().click();
    await page.getByRole('button', { name: 'Leave course Calculus II' }).click();
    const leave = page.getByRole('dialog');
    await leave.getByRole('heading', { name: 'Leave Calculus II?' }).waitFor();
    await checkPage(page, 'my-courses-leave-confirm');
    await leave.getByRole('button', { name: 'Leave the course' }).click();
    await page.getByText('You are not enrolled in any course yet.').waitFor();

    // Another midterm with 2 credits left: the dialog says what is missing, not "Balance after 0 credits".
    await page.goto('/courses/calc2/midterm');
    await page.getByLabel('Seed (optional)').fill('another-seed');
    await page.getByRole('button', { name: 'Generate a midterm (3 credits)' }).click();
    const short = page.getByRole('dialog');
    expect(await short.getByTestId('spend-short').textContent()).toBe('1 credit more');
    expect(await short.getByTestId('spend-after').count()).toBe(0);
    expect(await short.getByRole('button', { name: 'Spend 3 credits' }).isDisabled()).toBe(true);
    await checkPage(page, 'midterm-generate-short');
    await page.keyboard.press('Escape');

    // An exam that is not this student's (or not at all) is an error on the page, not a blank one.
    await page.goto('/exams/not-an-exam');
    await page
      .getByRole('alert')
      .filter({ hasText: /not found/i })
      .waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });
});
