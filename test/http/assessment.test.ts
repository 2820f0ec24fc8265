import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJson } from '../../src/db/schema.js';
import { DAY_MS } from '../../src/platform/clock.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Ranked {
  rank: number;
  topicId: string;
  mastery: number;
  evidence: number;
  frequency: number;
  avgPoints: number;
  expectedPointsLost: number;
  reason: string;
  commonMistakes: Array<{ outcome: string; count: number }>;
  nextQuestions: Array<{ id: string; patternId: string }>;
}

describe.each(targets('assessment'))('Weak topics and spaced review on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  /** Question id -> its topic and expected answer, from the database. */
  let bank: Map<string, { topicId: string; patternId: string; value: string }>;
  const ofTopic = (topicId: string) => [...bank.entries()].filter(([, q]) => q.topicId === topicId).map(([id]) => id);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 6, topics: 4 });
    const rows = await t.db
      .selectFrom('questions')
      .select(['id', 'topic_id', 'pattern_id', 'answer_spec'])
      .orderBy('id')
      .execute();
    bank = new Map(
      rows.map((r) => [
        r.id,
        { topicId: r.topic_id, patternId: r.pattern_id!, value: fromJson<{ value: string }>(r.answer_spec).value },
      ]),
    );
  });
  afterAll(async () => database.destroy());

  const weakTopics = async (token: string, body: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/api/assessment/weak-topics', { token, body: { courseId: 'fx', ...body } });
    expect(res.status, res.text).toBe(200);
    return res.json.topics as Ranked[];
  };
  const submit = (token: string, questionId: string, answer: string) =>
    t.call('POST', `/api/questions/${questionId}/submit`, { token, body: { answer } });
  const withoutConstant = (value: string) => value.replace(/\s*\+\s*C$/, '');

  it('ranks first a topic the student keeps failing, with the reason and questions to practise', async () => {
    const { token } = await t.register();
    const before = await weakTopics(token);
    expect(before.every((r) => r.evidence === 0 && r.mastery === 0.4)).toBe(true);

    const failing = ofTopic('fx-topic-2');
    for (const id of failing.slice(0, 3)) {
      const res = await submit(token, id, withoutConstant(bank.get(id)!.value));
      expect(res.json.outcome).toBe('missing_constant');
    }
    const topics = await weakTopics(token);
    const [first] = topics;
    expect(first!.topicId).toBe('fx-topic-2');
    expect(first!.mastery).toBeLessThan(0.2);
    expect(first!.evidence).toBe(3);
    expect(first!.commonMistakes[0]).toEqual({ outcome: 'missing_constant', count: 3 });
    expect(first!.reason).toMatch(/^Mastery 11% from 3 graded answers/);
    expect(first!.reason).toMatch(/most frequent mistake: missing constant \(3×\)/);
    expect(first!.reason).toMatch(/appeared on 100% of past exams/);
    expect(first!.expectedPointsLost).toBeCloseTo((1 - first!.mastery) * first!.frequency * first!.avgPoints, 1);

    // Next questions: from that topic, not yet solved, one per pattern first.
    expect(first!.nextQuestions).toHaveLength(3);
    for (const q of first!.nextQuestions) expect(bank.get(q.id)!.topicId).toBe('fx-topic-2');
    expect(new Set(first!.nextQuestions.slice(0, 2).map((q) => q.patternId)).size).toBe(2);

    // Ranked by expected points lost, descending.
    const lost = topics.map((r) => r.expectedPointsLost);
    expect([...lost].sort((a, b) => b - a)).toEqual(lost);
    expect(topics.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('lets mastery recover after correct first tries', async () => {
    const { token } = await t.register();
    const questions = ofTopic('fx-topic-1');
    for (const id of questions.slice(0, 3)) await submit(token, id, withoutConstant(bank.get(id)!.value));
    const low = (await weakTopics(token)).find((r) => r.topicId === 'fx-topic-1')!;
    expect(low.rank).toBe(1);

    const masteries: number[] = [];
    for (const id of questions.slice(3, 6)) {
      const res = await submit(token, id, bank.get(id)!.value);
      expect(res.json).toMatchObject({ correct: true, tryNumber: 1 });
      masteries.push((await weakTopics(token)).find((r) => r.topicId === 'fx-topic-1')!.mastery);
    }
    expect(masteries[0]).toBeGreaterThan(low.mastery);
    expect(masteries[1]).toBeGreaterThan(masteries[0]!);
    expect(masteries[2]).toBeGreaterThan(0.8);
    const after = (await weakTopics(token)).find((r) => r.topicId === 'fx-topic-1')!;
    expect(after.rank).toBe(4);
    expect(after.reason).toMatch(/^Mastery 9\d% from 6 graded answers/);
  });

  it('counts a revealed solution as not mastered', async () => {
    const { token } = await t.register();
    const [id] = ofTopic('fx-topic-3');
    await t.call('POST', `/api/questions/${id}/start`, { token });
    await t.call('POST', `/api/questions/${id}/solution`, { token });
    const topic = (await weakTopics(token)).find((r) => r.topicId === 'fx-topic-3')!;
    expect(topic.mastery).toBeLessThan(0.4);
    expect(topic.evidence).toBe(1);
    // An answer copied from the solution is no evidence of mastery.
    await submit(token, id!, bank.get(id!)!.value);
    expect((await weakTopics(token)).find((r) => r.topicId === 'fx-topic-3')!.mastery).toBe(topic.mastery);
  });

  it('folds diagnostic responses in without storing them', async () => {
    const { token, user } = await t.register();
    const questions = ofTopic('fx-topic-3');
    const mcq = await t.db
      .selectFrom('question_options')
      .select(['question_id', 'id', 'mistake'])
      .where('question_id', 'in', questions)
      .where('mistake', 'is not', null)
      .executeTakeFirstOrThrow();
    const res = await t.call('POST', '/api/assessment/weak-topics', {
      token,
      body: {
        courseId: 'fx',
        responses: [
          { questionId: questions[0], answer: 'x^99' },
          { questionId: questions[1], answer: withoutConstant(bank.get(questions[1]!)!.value) },
          { questionId: mcq.question_id, optionId: mcq.id },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.diagnostics).toHaveLength(3);
    expect(res.json.diagnostics.every((d: { correct: boolean }) => !d.correct)).toBe(true);
    expect(res.json.diagnostics[2].outcome).toBe('mcq_distractor');
    expect(res.json.topics[0].topicId).toBe('fx-topic-3');
    expect(res.json.topics[0].reason).toMatch(/3 from this diagnostic/);
    expect(res.json.model.name).toBe('bayesian-knowledge-tracing');
    for (const table of ['question_attempts', 'topic_mastery', 'pattern_mastery'] as const) {
      const rows = await t.db.selectFrom(table).select('user_id').where('user_id', '=', user.id).execute();
      expect(rows, table).toHaveLength(0);
    }
    // Nothing stored: without responses the ranking is the prior again.
    expect((await weakTopics(token)).every((r) => r.evidence === 0)).toBe(true);
  });

  it('validates diagnostics: unknown questions, unreadable answers, bad shapes', async () => {
    const { token } = await t.register();
    const unknown = await t.call('POST', '/api/assessment/weak-topics', {
      token,
      body: { courseId: 'fx', responses: [{ questionId: 'nope', answer: 'x' }] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details.fields[0].field).toBe('responses.0.questionId');
    const unreadable = await t.call('POST', '/api/assessment/weak-topics', {
      token,
      body: { courseId: 'fx', responses: [{ questionId: ofTopic('fx-topic-1')[0], answer: 'x^2 +' }] },
    });
    expect(unreadable.status).toBe(422);
    expect(unreadable.json.error.code).toBe('unparsable_answer');
    expect(unreadable.json.error.details.field).toBe('responses.0.answer');
    const shape = await t.call('POST', '/api/assessment/weak-topics', {
      token,
      body: { courseId: 'fx', responses: [{ questionId: 'x' }] },
    });
    expect(shape.status).toBe(422);
    expect(shape.json.error.details.fields[0].field).toBe('responses.0.answer');
    expect((await t.call('POST', '/api/assessment/weak-topics', { token, body: { courseId: 'nope' } })).status).toBe(
      404,
    );
    expect((await t.call('POST', '/api/assessment/weak-topics', { body: { courseId: 'fx' } })).status).toBe(401);
  });

  describe('spaced review', () => {
    it('schedules a pattern answered right for later and lists it once due, with a question to practise', async () => {
      const { token } = await t.register();
      const [id] = ofTopic('fx-topic-0');
      const pattern = bank.get(id!)!.patternId;
      t.clock.advance(5 * 60_000);
      const res = await submit(token, id!, bank.get(id!)!.value);
      expect(res.json.correct).toBe(true);

      const now = await t.call('GET', '/api/assessment/review?courseId=fx', { token });
      expect(now.status).toBe(200);
      expect(now.json.dueCount).toBe(0);
      expect(now.json.reviews).toEqual([]);
      expect(Date.parse(now.json.nextDueAt)).toBeGreaterThan(t.clock.now().getTime());

      t.clock.set(new Date(Date.parse(now.json.nextDueAt) + 1000));
      const due = await t.call('GET', '/api/assessment/review?courseId=fx', { token });
      expect(due.json.dueCount).toBe(1);
      const [review] = due.json.reviews;
      expect(review).toMatchObject({ patternId: pattern, topicId: 'fx-topic-0', reps: 1, lapses: 0 });
      expect(review.retrievability).toBeGreaterThan(0);
      // The question to practise is one of the pattern's, not the one just answered.
      expect(bank.get(review.question.id)!.patternId).toBe(pattern);
      expect(review.question.id).not.toBe(id);
    });

    it('brings back within minutes a pattern whose solution was revealed', async () => {
      const { token } = await t.register();
      const [id] = ofTopic('fx-topic-2');
      await t.call('POST', `/api/questions/${id}/start`, { token });
      await t.call('POST', `/api/questions/${id}/solution`, { token });
      const soon = await t.call('GET', '/api/assessment/review?courseId=fx', { token });
      expect(Date.parse(soon.json.nextDueAt) - t.clock.now().getTime()).toBeLessThanOrEqual(10 * 60_000);
      t.clock.advance(15 * 60_000);
      const due = await t.call('GET', '/api/assessment/review?courseId=fx', { token });
      expect(due.json.reviews[0]).toMatchObject({ patternId: bank.get(id!)!.patternId, mastered: false });
    });

    it('keeps a well-known pattern for days and counts three wrong tries as a lapse', async () => {
      const { token, user } = await t.register();
      const [a, b] = ofTopic('fx-topic-1');
      await submit(token, a!, bank.get(a!)!.value);
      const card = await t.db
        .selectFrom('pattern_mastery')
        .selectAll()
        .where('user_id', '=', user.id)
        .where('pattern_id', '=', bank.get(a!)!.patternId)
        .executeTakeFirstOrThrow();
      expect(card.reps).toBe(1);
      expect(Date.parse(card.due!)).toBeGreaterThan(t.clock.now().getTime());

      const start = await t.call('POST', `/api/questions/${b}/start`, { token });
      for (let i = 0; i < 3; i++) {
        await t.call('POST', `/api/questions/${b}/submit`, {
          token,
          body: { attemptId: start.json.attempt.id, answer: 'x^99' },
        });
      }
      const lapsed = await t.db
        .selectFrom('pattern_mastery')
        .select(['reps', 'due'])
        .where('user_id', '=', user.id)
        .where('pattern_id', '=', bank.get(b!)!.patternId)
        .executeTakeFirstOrThrow();
      expect(lapsed.reps).toBe(1);
      expect(Date.parse(lapsed.due!) - t.clock.now().getTime()).toBeLessThan(DAY_MS);
      // A fourth try is still graded but not reviewed again.
      await t.call('POST', `/api/questions/${b}/submit`, {
        token,
        body: { attemptId: start.json.attempt.id, answer: bank.get(b!)!.value },
      });
      const after = await t.db
        .selectFrom('pattern_mastery')
        .select('reps')
        .where('user_id', '=', user.id)
        .where('pattern_id', '=', bank.get(b!)!.patternId)
        .executeTakeFirstOrThrow();
      expect(after.reps).toBe(1);
    });

    it('needs a token, a course id, and a known course', async () => {
      const { token } = await t.register();
      expect((await t.call('GET', '/api/assessment/review?courseId=fx')).status).toBe(401);
      const missing = await t.call('GET', '/api/assessment/review', { token });
      expect(missing.status).toBe(422);
      expect(missing.json.error.details.fields[0].field).toBe('courseId');
      expect((await t.call('GET', '/api/assessment/review?courseId=nope', { token })).status).toBe(404);
    });
  });
});
