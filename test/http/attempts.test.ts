import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBool } from '../../src/db/schema.js';
import { loadCourseContent } from '../../src/exam/content/load.js';
import { contentRoot } from '../../src/exam/ingest/seed-demo.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { fixtureCourse } from '../support/fixture-course.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Fixture question k answers x^(k+1)/(k+1) + C. fx-exam-0-q1 is k = 0 (with MCQ options), fx-exam-0-q2 is k = 1 (none).
const MCQ = 'fx-exam-0-q1';
const FREE_ONLY = 'fx-exam-0-q2';

describe.each(targets('attempts'))('Attempts, answers and solutions on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 4, topics: 3 });
  });
  afterAll(async () => database.destroy());

  const progressOf = (userId: string, questionId: string) =>
    t.db
      .selectFrom('user_progress')
      .selectAll()
      .where('user_id', '=', userId)
      .where('question_id', '=', questionId)
      .executeTakeFirst();

  const optionsOf = (questionId: string) =>
    t.db.selectFrom('question_options').selectAll().where('question_id', '=', questionId).orderBy('position').execute();

  describe('start', () => {
    it('opens an attempt and returns the question without its answer', async () => {
      const { token, user } = await t.register();
      const res = await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
      expect(res.status).toBe(201);
      expect(res.json.attempt).toMatchObject({ questionId: FREE_ONLY, mode: 'free', tries: 0, finishedAt: null });
      expect(res.json.question.id).toBe(FREE_ONLY);
      expect(res.json.question.answer).toBeUndefined();
      expect(res.json.question.solutionSteps).toBeUndefined();
      expect(res.json.formats).toEqual(['free']);
      expect(res.json.options).toBeNull();
      expect((await progressOf(user.id, FREE_ONLY))?.attempts).toBe(1);
    });

    it('refuses MCQ mode on a question without options (422 naming mode), and 401/404', async () => {
      const { token } = await t.register();
      const res = await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token, body: { mode: 'mcq' } });
      expect(res.status).toBe(422);
      expect(res.json.error.details.fields[0].field).toBe('mode');
      expect((await t.call('POST', `/api/questions/${FREE_ONLY}/start`)).status).toBe(401);
      expect((await t.call('POST', '/api/questions/nope/start', { token })).status).toBe(404);
      const bad = await t.call('POST', `/api/questions/${MCQ}/start`, { token, body: { mode: 'oral' } });
      expect(bad.status).toBe(422);
      expect(bad.json.error.details.fields[0].field).toBe('mode');
    });
  });

  describe('free-response submissions', () => {
    it('grades tries with outcome codes, records each with its time, and finishes on the correct one', async () => {
      const { token, user } = await t.register();
      const start = await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
      const attemptId = start.json.attempt.id;

      t.clock.advance(90_000);
      const first = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token,
        body: { attemptId, answer: 'x^2/2' },
      });
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ correct: false, outcome: 'missing_constant', tryNumber: 1, counted: true });
      expect(first.json.feedback).toMatch(/\+ C/);
      expect(first.json.timeSpentMs).toBe(90_000);

      t.clock.advance(30_000);
      const second = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token,
        body: { attemptId, answer: '\\frac{x^2}{2} + C' },
      });
      expect(second.json).toMatchObject({ correct: true, outcome: 'correct', tryNumber: 2, timeSpentMs: 30_000 });
      expect(second.json.attempt).toMatchObject({ tries: 2, correct: true, timeSpentMs: 120_000 });
      expect(second.json.attempt.finishedAt).not.toBeNull();

      const again = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token,
        body: { attemptId, answer: 'x^2/2 + C' },
      });
      expect(again.status).toBe(409);

      const rows = await t.db
        .selectFrom('attempt_submissions')
        .select(['try_number', 'outcome', 'time_spent_ms', 'correct'])
        .where('attempt_id', '=', attemptId)
        .orderBy('try_number')
        .execute();
      expect(rows.map((r) => [r.try_number, r.outcome, r.time_spent_ms, toBool(r.correct)])).toEqual([
        [1, 'missing_constant', 90_000, false],
        [2, 'correct', 30_000, true],
      ]);
      expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({
        attempts: 1,
        correct: 1,
        first_try_correct: 0,
        assisted: 0,
        time_spent_ms: 120_000,
      });
    });

    it('counts a correct first try, and opens an attempt when none is named', async () => {
      const { token, user } = await t.register();
      const res = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, { token, body: { answer: 'x^2/2 + K' } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ correct: true, tryNumber: 1 });
      expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({ attempts: 1, correct: 1, first_try_correct: 1 });
    });

    it('answers 422 unparsable_answer naming where reading failed, without using up a try', async () => {
      const { token } = await t.register();
      const start = await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
      const attemptId = start.json.attempt.id;
      const res = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token,
        body: { attemptId, answer: 'x^2/2 + + ' },
      });
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe('unparsable_answer');
      expect(res.json.error.details).toMatchObject({ field: 'answer', position: expect.any(Number) });
      expect(res.json.error.message).toMatch(/character/);
      for (const answer of ['(x^2', '', 'x^2/2 +* C', '\\frac{x^2}{2']) {
        const r = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, { token, body: { attemptId, answer } });
        expect(r.status, answer).toBe(422);
        expect(r.json.error.code, answer).toBe('unparsable_answer');
      }
      const recorded = await t.db
        .selectFrom('attempt_submissions')
        .select(['try_number', 'outcome'])
        .where('attempt_id', '=', attemptId)
        .execute();
      expect(recorded).toHaveLength(5);
      expect(recorded.every((r) => r.try_number === null && r.outcome === 'unparsable')).toBe(true);

      const next = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token,
        body: { attemptId, answer: 'x^2/2 + C' },
      });
      expect(next.json).toMatchObject({ correct: true, tryNumber: 1 });
    });

    it('names the field when the body is wrong', async () => {
      const { token } = await t.register();
      const neither = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, { token, body: {} });
      expect(neither.status).toBe(422);
      expect(neither.json.error.details.fields[0].field).toBe('answer');
      const both = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token,
        body: { answer: 'x', optionId: 'o' },
      });
      expect(both.status).toBe(422);
      expect(both.json.error.details.fields[0].field).toBe('optionId');
      const long = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token,
        body: { answer: 'x+'.repeat(300) },
      });
      expect(long.status).toBe(422);
      expect(long.json.error.details.fields[0].field).toBe('answer');
    });

    it("404s another user's attempt and an attempt on another question", async () => {
      const owner = await t.register();
      const other = await t.register();
      const start = await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token: owner.token });
      const attemptId = start.json.attempt.id;
      const stolen = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token: other.token,
        body: { attemptId, answer: 'x^2/2 + C' },
      });
      expect(stolen.status).toBe(404);
      const elsewhere = await t.call('POST', `/api/questions/${MCQ}/submit`, {
        token: owner.token,
        body: { attemptId, answer: 'x + C' },
      });
      expect(elsewhere.status).toBe(404);
      const reveal = await t.call('POST', `/api/questions/${FREE_ONLY}/solution`, {
        token: other.token,
        body: { attemptId },
      });
      expect(reveal.status).toBe(404);
      expect(
        (await t.call('POST', '/api/questions/nope/submit', { token: owner.token, body: { answer: 'x' } })).status,
      ).toBe(404);
    });
  });

  describe('multiple choice', () => {
    it('shuffles the options per attempt, hides which is correct, and grades by option id', async () => {
      const { token } = await t.register();
      const stored = await optionsOf(MCQ);
      expect(stored).toHaveLength(4);
      const orders = new Set<string>();
      let last: { attemptId: string; options: Array<{ id: string; text: string }> } | undefined;
      for (let i = 0; i < 6; i++) {
        const res = await t.call('POST', `/api/questions/${MCQ}/start`, { token, body: { mode: 'mcq' } });
        expect(res.status).toBe(201);
        expect(res.json.formats).toEqual(['free', 'mcq']);
        for (const o of res.json.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
        expect(new Set(res.json.options.map((o: { id: string }) => o.id))).toEqual(new Set(stored.map((o) => o.id)));
        orders.add(res.json.options.map((o: { id: string }) => o.id).join());
        const row = await t.db
          .selectFrom('question_attempts')
          .select('option_order')
          .where('id', '=', res.json.attempt.id)
          .executeTakeFirstOrThrow();
        const order = typeof row.option_order === 'string' ? JSON.parse(row.option_order) : row.option_order;
        expect(order).toEqual(res.json.options.map((o: { id: string }) => o.id));
        last = { attemptId: res.json.attempt.id, options: res.json.options };
      }
      expect(orders.size).toBeGreaterThan(1);

      const correct = stored.find((o) => toBool(o.is_correct))!;
      const distractor = stored.find((o) => o.mistake === 'forgot to divide by the new exponent')!;
      const wrong = await t.call('POST', `/api/questions/${MCQ}/submit`, {
        token,
        body: { attemptId: last!.attemptId, optionId: distractor.id },
      });
      expect(wrong.json).toMatchObject({ correct: false, outcome: 'mcq_distractor', mistake: distractor.mistake });
      expect(wrong.json.feedback).toContain('forgot to divide by the new exponent');
      const right = await t.call('POST', `/api/questions/${MCQ}/submit`, {
        token,
        body: { attemptId: last!.attemptId, optionId: correct.id },
      });
      expect(right.json).toMatchObject({ correct: true, outcome: 'correct', tryNumber: 2 });
      const saved = await t.db
        .selectFrom('attempt_submissions')
        .select(['option_id', 'outcome'])
        .where('attempt_id', '=', last!.attemptId)
        .orderBy('try_number')
        .execute();
      expect(saved).toEqual([
        { option_id: distractor.id, outcome: 'mcq_distractor' },
        { option_id: correct.id, outcome: 'correct' },
      ]);
    });

    it("refuses another question's option and a typed answer to an MCQ attempt (422 naming optionId)", async () => {
      const { token } = await t.register();
      const start = await t.call('POST', `/api/questions/${MCQ}/start`, { token, body: { mode: 'mcq' } });
      const foreign = (await optionsOf('fx-exam-1-q1'))[0]!;
      const res = await t.call('POST', `/api/questions/${MCQ}/submit`, {
        token,
        body: { attemptId: start.json.attempt.id, optionId: foreign.id },
      });
      expect(res.status).toBe(422);
      expect(res.json.error.details.fields[0].field).toBe('optionId');
      const typed = await t.call('POST', `/api/questions/${MCQ}/submit`, {
        token,
        body: { attemptId: start.json.attempt.id, answer: 'x + C' },
      });
      expect(typed.status).toBe(422);
      expect(typed.json.error.details.fields[0].field).toBe('optionId');
    });
  });

  it('keeps option ids across a re-seed that moves the correct answer; the database allows one correct option', async () => {
    const before = await optionsOf(MCQ);
    const content = fixtureCourse({ id: 'fx', exams: 4, topics: 3 });
    const q = content.questions.find((x) => x.id === MCQ)!;
    q.options = [q.options![1]!, q.options![0]!, q.options![2]!, q.options![3]!];
    await t.seedContent(content);
    const after = await optionsOf(MCQ);
    expect(after.map((o) => o.id)).toEqual(before.map((o) => o.id));
    expect(after.map((o) => toBool(o.is_correct))).toEqual([false, true, false, false]);
    expect(after[0]!.mistake).toBe(before[1]!.mistake);
    await expect(
      t.db.updateTable('question_options').set({ is_correct: true }).where('id', '=', after[0]!.id).execute(),
    ).rejects.toThrow();
    await t.seedFixture({ id: 'fx', exams: 4, topics: 3 });
  });

  describe('solutions', () => {
    it('costs 1 credit when locked, marks the open attempt assisted, and is free afterwards', async () => {
      const { token, user } = await t.register();
      const start = await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
      const attemptId = start.json.attempt.id;
      const res = await t.call('POST', `/api/questions/${FREE_ONLY}/solution`, { token });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ charged: 1, balance: 4, assistedAttemptId: attemptId });
      expect(res.json.question.answer).toBe('\\frac{x^{2}}{2} + C');
      expect(res.json.question.solutionSteps.length).toBeGreaterThan(1);

      // A correct answer after seeing the solution counts as correct, never as a first-try success.
      const submit = await t.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
        token,
        body: { attemptId, answer: 'x^2/2 + C' },
      });
      expect(submit.json).toMatchObject({ correct: true, tryNumber: 1 });
      expect(submit.json.attempt.assisted).toBe(true);
      expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({ correct: 1, first_try_correct: 0, assisted: 1 });

      const again = await t.call('POST', `/api/questions/${FREE_ONLY}/solution`, { token });
      expect(again.json).toMatchObject({ charged: 0, assistedAttemptId: null });
      expect((await t.call('GET', '/api/credits/balance', { token })).json.credits).toBe(4);
    });

    it('is free for a question unlocked by a practice set', async () => {
      const { token, user } = await t.register();
      await t.setCredits(user.id, 50);
      const practice = await t.call('POST', '/api/questions/practice', {
        token,
        body: { courseId: 'fx', topicIds: ['fx-topic-2'], count: 1 },
      });
      const id = practice.json.questions[0].id;
      const res = await t.call('POST', `/api/questions/${id}/solution`, { token });
      expect(res.json.charged).toBe(0);
    });

    it('402 without credits: nothing revealed, the attempt not marked', async () => {
      const { token, user } = await t.register();
      await t.setCredits(user.id, 0);
      const start = await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
      const res = await t.call('POST', `/api/questions/${FREE_ONLY}/solution`, {
        token,
        body: { attemptId: start.json.attempt.id },
      });
      expect(res.status).toBe(402);
      const attempt = await t.db
        .selectFrom('question_attempts')
        .select('assisted')
        .where('id', '=', start.json.attempt.id)
        .executeTakeFirstOrThrow();
      expect(toBool(attempt.assisted)).toBe(false);
    });
  });

  describe('concurrency', () => {
    const balanceOf = async (userId: string) =>
      (await t.db.selectFrom('users').select('credits').where('id', '=', userId).executeTakeFirstOrThrow()).credits;
    const masteryOf = async (userId: string) => ({
      topic: await t.db.selectFrom('topic_mastery').selectAll().where('user_id', '=', userId).execute(),
      pattern: await t.db.selectFrom('pattern_mastery').selectAll().where('user_id', '=', userId).execute(),
    });

    it('parallel tries on one attempt get distinct try numbers, each counted once', async () => {
      const { token, user } = await t.register();
      const start = await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
      const attemptId = start.json.attempt.id;
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          t.call('POST', `/api/questions/${FREE_ONLY}/submit`, { token, body: { attemptId, answer: 'x^2/2' } }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(results.map((r) => r.json.tryNumber).sort()).toEqual([1, 2, 3, 4]);
      const mastery = await masteryOf(user.id);
      expect(mastery.topic[0]).toMatchObject({ attempts: 4 });
      // Reviewed once: when the third wrong try resolved the attempt.
      expect(mastery.pattern[0]).toMatchObject({ attempts: 4, reps: 1 });
    });

    it('charges a reveal once when it is asked for in parallel', async () => {
      const { token, user } = await t.register();
      await t.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
      const before = await balanceOf(user.id);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => t.call('POST', `/api/questions/${FREE_ONLY}/solution`, { token })),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results.map((r) => r.json.charged).sort()).toEqual([0, 0, 0, 0, 1]);
      expect(results.filter((r) => r.json.assistedAttemptId !== null)).toHaveLength(1);
      expect(await balanceOf(user.id)).toBe(before - 1);
      expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({ assisted: 1 });
    });
  });
});

describe.each(targets('attempts: calc2 bank'))('Answer checking on the real calc2 bank on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  const question = 'calc2-2021-fall-midterm-q1'; // ∫ x^2 e^{-x} dx = -(x^2 + 2x + 2)e^{-x} + C
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedContent(loadCourseContent(join(contentRoot, 'courses', 'calc2')));
  });
  afterAll(async () => database.destroy());

  it('grades real answers in plain math and LaTeX, diagnosing a missing constant', async () => {
    const { token } = await t.register();
    const missing = await t.call('POST', `/api/questions/${question}/submit`, {
      token,
      body: { answer: '-(x^2 + 2x + 2)*e^(-x)' },
    });
    expect(missing.json).toMatchObject({ correct: false, outcome: 'missing_constant', tryNumber: 1 });
    const latex = await t.call('POST', `/api/questions/${question}/submit`, {
      token,
      body: { attemptId: missing.json.attempt.id, answer: '-\\frac{x^2 + 2x + 2}{e^{x}} + C' },
    });
    expect(latex.json).toMatchObject({ correct: true, outcome: 'correct', tryNumber: 2 });
  });

  it('names the real mistake behind a distractor', async () => {
    const { token } = await t.register();
    const start = await t.call('POST', `/api/questions/${question}/start`, { token, body: { mode: 'mcq' } });
    expect(start.json.options).toHaveLength(4);
    const options = await t.db.selectFrom('question_options').selectAll().where('question_id', '=', question).execute();
    const tabular = options.find((o) => o.mistake?.startsWith('did not alternate the signs'))!;
    const res = await t.call('POST', `/api/questions/${question}/submit`, {
      token,
      body: { attemptId: start.json.attempt.id, optionId: tabular.id },
    });
    expect(res.json.outcome).toBe('mcq_distractor');
    expect(res.json.feedback).toContain('did not alternate the signs in the tabular method');
  });
});
