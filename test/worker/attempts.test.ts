import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBool } from '../../src/db/schema.js';
import { fixtureCourse } from '../support/fixture-course.js';
import { startWorker, type WorkerTest } from './harness.js';

// Fixture question k answers x^(k+1)/(k+1) + C; fx-exam-0-q2 is k = 1 (free response only).
const FREE_ONLY = 'fx-exam-0-q2';

describe('attempts, answers and solutions on the worker (D1 batches)', () => {
  let w: WorkerTest;
  beforeAll(async () => {
    w = await startWorker();
    await w.seed(fixtureCourse({ id: 'fx', exams: 4, topics: 3 }));
  });
  afterAll(async () => w?.close());

  const progressOf = (userId: string, questionId: string) =>
    w.db
      .selectFrom('user_progress')
      .selectAll()
      .where('user_id', '=', userId)
      .where('question_id', '=', questionId)
      .executeTakeFirst();
  const topicMasteryOf = (userId: string) =>
    w.db.selectFrom('topic_mastery').selectAll().where('user_id', '=', userId).execute();
  const patternMasteryOf = (userId: string) =>
    w.db.selectFrom('pattern_mastery').selectAll().where('user_id', '=', userId).execute();
  const balanceOf = async (userId: string) =>
    (await w.db.selectFrom('users').select('credits').where('id', '=', userId).executeTakeFirstOrThrow()).credits;

  it('starts an attempt, grades a wrong then a correct try, and records progress and mastery', async () => {
    const { token, user } = await w.register();
    const start = await w.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
    expect(start.status).toBe(201);
    expect(start.json.attempt).toMatchObject({ questionId: FREE_ONLY, mode: 'free', tries: 0, finishedAt: null });
    expect(start.json.question.answer).toBeUndefined();
    expect((await progressOf(user.id, FREE_ONLY))?.attempts).toBe(1);
    const attemptId = start.json.attempt.id;

    const wrong = await w.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
      token,
      body: { attemptId, answer: 'x^2/2' },
    });
    expect(wrong.status).toBe(200);
    expect(wrong.json).toMatchObject({ correct: false, outcome: 'missing_constant', tryNumber: 1, counted: true });
    expect(wrong.json.attempt).toMatchObject({ tries: 1, correct: false, finishedAt: null });
    const [topicAfterWrong] = await topicMasteryOf(user.id);
    expect(topicAfterWrong).toMatchObject({ attempts: 1 });

    const right = await w.call('POST', `/api/questions/${FREE_ONLY}/submit`, {
      token,
      body: { attemptId, answer: '\\frac{x^2}{2} + C' },
    });
    expect(right.status).toBe(200);
    expect(right.json).toMatchObject({ correct: true, outcome: 'correct', tryNumber: 2, counted: true });
    expect(right.json.attempt).toMatchObject({ tries: 2, correct: true });
    expect(right.json.attempt.finishedAt).not.toBeNull();
    expect(
      (await w.call('POST', `/api/questions/${FREE_ONLY}/submit`, { token, body: { attemptId, answer: 'x^2/2 + C' } }))
        .status,
    ).toBe(409);

    const rows = await w.db
      .selectFrom('attempt_submissions')
      .select(['try_number', 'outcome', 'correct'])
      .where('attempt_id', '=', attemptId)
      .orderBy('try_number')
      .execute();
    expect(rows.map((r) => [r.try_number, r.outcome, toBool(r.correct)])).toEqual([
      [1, 'missing_constant', false],
      [2, 'correct', true],
    ]);
    expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({ attempts: 1, correct: 1, first_try_correct: 0 });
    const [topic] = await topicMasteryOf(user.id);
    expect(topic).toMatchObject({ attempts: 2 });
    expect(topic!.estimate).toBeGreaterThan(topicAfterWrong!.estimate);
    // The correct try resolved the attempt: its pattern's review card was scheduled once.
    const [pattern] = await patternMasteryOf(user.id);
    expect(pattern).toMatchObject({ attempts: 2, reps: 1 });
    expect(pattern!.due).not.toBeNull();
    const attempt = await w.db
      .selectFrom('question_attempts')
      .select(['reviewed'])
      .where('id', '=', attemptId)
      .executeTakeFirstOrThrow();
    expect(toBool(attempt.reviewed)).toBe(true);
  });

  it('answers 422 to an unparsable answer, records it, and does not count it as a try', async () => {
    const { token, user } = await w.register();
    const res = await w.call('POST', `/api/questions/${FREE_ONLY}/submit`, { token, body: { answer: 'x^^2 +' } });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('unparsable_answer');
    expect(res.json.error.details.field).toBe('answer');
    const submissions = await w.db
      .selectFrom('attempt_submissions')
      .select(['try_number', 'outcome'])
      .where('user_id', '=', user.id)
      .execute();
    expect(submissions).toEqual([{ try_number: null, outcome: 'unparsable' }]);
    // The submission opened an attempt (counted in progress) but no try.
    expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({ attempts: 1, correct: 0 });
    expect(await topicMasteryOf(user.id)).toEqual([]);
  });

  it('parallel tries on one attempt get distinct try numbers, each counted once', async () => {
    const { token, user } = await w.register();
    const start = await w.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
    const attemptId = start.json.attempt.id;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        w.call('POST', `/api/questions/${FREE_ONLY}/submit`, { token, body: { attemptId, answer: 'x^2/2' } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.map((r) => r.json.tryNumber).sort()).toEqual([1, 2, 3, 4]);
    const [topic] = await topicMasteryOf(user.id);
    expect(topic).toMatchObject({ attempts: 4 });
    const [pattern] = await patternMasteryOf(user.id);
    // Reviewed once: when the third wrong try resolved the attempt.
    expect(pattern).toMatchObject({ attempts: 4, reps: 1 });
  });

  it('reveals a solution for 1 credit once, free the second time, and marks the open attempt assisted', async () => {
    const { token, user } = await w.register();
    const start = await w.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
    const attemptId = start.json.attempt.id;
    const before = await balanceOf(user.id);

    const first = await w.call('POST', `/api/questions/${FREE_ONLY}/solution`, { token });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ charged: 1, balance: before - 1, assistedAttemptId: attemptId });
    expect(first.json.question.solutionSteps.length).toBeGreaterThan(0);
    expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({ assisted: 1 });
    const attempt = await w.db
      .selectFrom('question_attempts')
      .select(['assisted', 'reviewed'])
      .where('id', '=', attemptId)
      .executeTakeFirstOrThrow();
    expect([toBool(attempt.assisted), toBool(attempt.reviewed)]).toEqual([true, true]);
    const [pattern] = await patternMasteryOf(user.id);
    expect(pattern).toMatchObject({ reps: 1 });

    const second = await w.call('POST', `/api/questions/${FREE_ONLY}/solution`, { token });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ charged: 0, assistedAttemptId: null });
    expect(await balanceOf(user.id)).toBe(before - 1);
    expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({ assisted: 1 });
    const ledger = await w.db
      .selectFrom('credit_transactions')
      .select(['amount', 'type'])
      .where('user_id', '=', user.id)
      .where('type', '=', 'unlock_question')
      .execute();
    expect(ledger).toEqual([{ amount: -1, type: 'unlock_question' }]);
  });

  it('charges a reveal once when it is asked for in parallel', async () => {
    const { token, user } = await w.register();
    await w.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
    const before = await balanceOf(user.id);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => w.call('POST', `/api/questions/${FREE_ONLY}/solution`, { token })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.map((r) => r.json.charged).sort()).toEqual([0, 0, 0, 0, 1]);
    expect(results.filter((r) => r.json.assistedAttemptId !== null)).toHaveLength(1);
    expect(await balanceOf(user.id)).toBe(before - 1);
    expect(await progressOf(user.id, FREE_ONLY)).toMatchObject({ assisted: 1 });
  });

  it('refuses a reveal without credits (402) and changes nothing', async () => {
    const { token, user } = await w.register();
    const start = await w.call('POST', `/api/questions/${FREE_ONLY}/start`, { token });
    await w.setCredits(user.id, 0);
    const res = await w.call('POST', `/api/questions/${FREE_ONLY}/solution`, { token });
    expect(res.status).toBe(402);
    expect(res.json.error).toMatchObject({ code: 'insufficient_credits', details: { needed: 1, available: 0 } });
    const attempt = await w.db
      .selectFrom('question_attempts')
      .select(['assisted'])
      .where('id', '=', start.json.attempt.id)
      .executeTakeFirstOrThrow();
    expect(toBool(attempt.assisted)).toBe(false);
    const unlocks = await w.db
      .selectFrom('user_unlocks')
      .select('resource_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(unlocks).toEqual([]);
  });
});
