import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe.each(targets('exam'))('Exam Prep API on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 8, topics: 6 });
  });
  afterAll(async () => database.destroy());

  describe('catalogue (no token needed)', () => {
    it('lists courses with counts', async () => {
      const res = await t.call('GET', '/api/courses');
      expect(res.status).toBe(200);
      expect(res.json.courses).toEqual([
        expect.objectContaining({ id: 'fx', examCount: 8, topicCount: 6, questionCount: 46 }),
      ]);
    });

    it('lists topics with statistics computed from the exams', async () => {
      const res = await t.call('GET', '/api/courses/fx/topics');
      expect(res.status).toBe(200);
      const [first, second] = res.json.topics;
      // Topic 0 is missing from the two 2019 exams: 6 of 8 exams.
      expect(first).toMatchObject({ id: 'fx-topic-0', totalAppearances: 6, frequencyScore: 0.75 });
      expect(second).toMatchObject({ id: 'fx-topic-1', totalAppearances: 8, frequencyScore: 1 });
      expect(second.avgPoints).toBeGreaterThan(9);
    });

    it('404s an unknown course', async () => {
      const res = await t.call('GET', '/api/courses/nope/topics');
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    });

    it('browses with filters and keyset pagination, never showing answers', async () => {
      const seen = new Set<string>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/api/questions?courseId=fx&limit=10${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.call('GET', query);
        expect(res.status).toBe(200);
        for (const q of res.json.questions) {
          expect(q.answer).toBeUndefined();
          expect(q.solutionSteps).toBeUndefined();
          seen.add(q.id);
        }
        cursor = res.json.nextCursor;
        pages++;
      } while (cursor);
      expect(seen.size).toBe(46);
      expect(pages).toBe(5);

      const filtered = await t.call('GET', '/api/questions?topicId=fx-topic-2&year=2020&examType=final');
      expect(filtered.json.questions.map((q: { id: string }) => q.id)).toEqual(['fx-exam-3-q3']);
      const byDifficulty = await t.call('GET', '/api/questions?courseId=fx&difficulty=5&limit=100');
      expect(byDifficulty.json.questions.length).toBeGreaterThan(0);
      for (const q of byDifficulty.json.questions) expect(q.difficulty).toBe(5);
    });

    it('names the bad query field (422) and refuses a forged cursor', async () => {
      const res = await t.call('GET', '/api/questions?limit=500');
      expect(res.status).toBe(422);
      expect(res.json.error.details.fields[0].field).toBe('limit');
      const forged = await t.call('GET', '/api/questions?cursor=not-a-cursor');
      expect(forged.status).toBe(422);
      expect(forged.json.error.details.fields[0].field).toBe('cursor');
    });

    it('shows a question without its solution to a visitor', async () => {
      const res = await t.call('GET', '/api/questions/fx-exam-0-q1');
      expect(res.status).toBe(200);
      expect(res.json.unlocked).toBe(false);
      expect(res.json.question.answer).toBeUndefined();
      expect((await t.call('GET', '/api/questions/missing')).status).toBe(404);
    });
  });

  describe('analysis', () => {
    it('costs 2 credits the first time, then nothing', async () => {
      const { token } = await t.register();
      const first = await t.call('GET', '/api/courses/fx/analysis', { token });
      expect(first.status).toBe(200);
      expect(first.json.charged).toBe(2);
      const a = first.json.analysis;
      expect(a.examCount).toBe(8);
      expect(a.topics).toHaveLength(6);
      expect(a.likelihood[0].rank).toBe(1);
      expect(a.likelihood.at(-1).topicId).toBe('fx-topic-0');
      expect(a.likelihood[0].reasoning).toMatch(/appeared on 8 of 8 past exams/);
      expect(a.examShape).toEqual(
        expect.arrayContaining([expect.objectContaining({ examType: 'midterm', exams: 4, averageQuestionCount: 5.8 })]),
      );
      expect(a.difficultyDistribution.reduce((s: number, d: { questions: number }) => s + d.questions, 0)).toBe(46);
      const topic0 = a.topics.find((x: { topicId: string }) => x.topicId === 'fx-topic-0');
      expect(topic0.trend.direction).toBe('rising');

      const again = await t.call('GET', '/api/courses/fx/analysis', { token });
      expect(again.json.charged).toBe(0);
      expect((await t.call('GET', '/api/credits/balance', { token })).json.credits).toBe(3);
    });

    it('401 without a token, 402 without credits, 404 for an unknown course (not charged)', async () => {
      expect((await t.call('GET', '/api/courses/fx/analysis')).status).toBe(401);
      const { token, user } = await t.register();
      expect((await t.call('GET', '/api/courses/nope/analysis', { token })).status).toBe(404);
      await t.setCredits(user.id, 1);
      const poor = await t.call('GET', '/api/courses/fx/analysis', { token });
      expect(poor.status).toBe(402);
      expect(poor.json.error.details).toEqual({ needed: 2, available: 1 });
      // A refused charge leaves nothing unlocked.
      await t.setCredits(user.id, 2);
      expect((await t.call('GET', '/api/courses/fx/analysis', { token })).json.charged).toBe(2);
    });
  });

  describe('practice and bundles', () => {
    it('unlocks questions with solutions, 1 credit each, for good', async () => {
      const { token } = await t.register();
      const res = await t.call('POST', '/api/questions/practice', { token, body: { courseId: 'fx', count: 2 } });
      expect(res.status).toBe(200);
      expect(res.json.charged).toBe(2);
      expect(res.json.balance).toBe(3);
      expect(res.json.questions).toHaveLength(2);
      for (const q of res.json.questions) {
        expect(q.answer).toBeTruthy();
        expect(q.solutionSteps.length).toBeGreaterThan(1);
      }
      const single = await t.call('GET', `/api/questions/${res.json.questions[0].id}`, { token });
      expect(single.json.unlocked).toBe(true);
      expect(single.json.question.answer).toBe(res.json.questions[0].answer);
      // The credit history names the set by its course, and a solution by where it was set: no ids.
      const locked = (await t.call('GET', '/api/questions?courseId=fx&limit=50')).json.questions.find(
        (q: { id: string }) => !res.json.questions.some((p: { id: string }) => p.id === q.id),
      );
      expect((await t.call('POST', `/api/questions/${locked.id}/solution`, { token })).status).toBe(200);
      const history = (await t.call('GET', '/api/credits/transactions', { token })).json.transactions as Array<{
        description: string;
      }>;
      const lines = history.map((h) => h.description);
      expect(lines).toContain('Practice set: 2 questions in Fixture course fx');
      expect(lines).toContain(
        `Solution to question ${locked.source.questionNumber} of the ${locked.source.year} ${locked.source.examType}`,
      );
      expect(lines.join(' ')).not.toContain('fx-');
    });

    it('prefers questions the caller has not seen', async () => {
      const { token, user } = await t.register();
      await t.setCredits(user.id, 100);
      const body = { courseId: 'fx', topicIds: ['fx-topic-1'], count: 4 };
      const first = await t.call('POST', '/api/questions/practice', { token, body });
      const second = await t.call('POST', '/api/questions/practice', { token, body });
      const a = first.json.questions.map((q: { id: string }) => q.id);
      const b = second.json.questions.map((q: { id: string }) => q.id);
      expect(new Set([...a, ...b]).size).toBe(8);
      // Only 8 questions in that topic: the third set repeats seen ones, free.
      const third = await t.call('POST', '/api/questions/practice', { token, body });
      expect(third.json.questions).toHaveLength(4);
      expect(third.json.charged).toBe(0);
      // As the schema documents: null when nothing changed (the key was missing before handlers were type-checked).
      expect(third.json).toHaveProperty('balance', null);
      expect(first.json.balance).toBe(100 - first.json.charged);
    });

    it('filters by difficulty and topic', async () => {
      const { token } = await t.register();
      const res = await t.call('POST', '/api/questions/practice', {
        token,
        body: { courseId: 'fx', topicIds: ['fx-topic-3'], difficulty: 4, count: 1 },
      });
      expect(res.status).toBe(200);
      expect(res.json.questions[0]).toMatchObject({ topicId: 'fx-topic-3', difficulty: 4 });
    });

    it('validates count, course and topics', async () => {
      const { token } = await t.register();
      for (const count of [0, 11, 2.5]) {
        const res = await t.call('POST', '/api/questions/practice', { token, body: { courseId: 'fx', count } });
        expect(res.status).toBe(422);
        expect(res.json.error.details.fields[0].field).toBe('count');
      }
      expect(
        (await t.call('POST', '/api/questions/practice', { token, body: { courseId: 'nope', count: 1 } })).status,
      ).toBe(404);
      const badTopic = await t.call('POST', '/api/questions/practice', {
        token,
        body: { courseId: 'fx', topicIds: ['other-topic'], count: 1 },
      });
      expect(badTopic.status).toBe(422);
      expect(badTopic.json.error.details.fields[0].field).toBe('topicIds');
      expect((await t.call('POST', '/api/questions/practice', { body: { courseId: 'fx', count: 1 } })).status).toBe(
        401,
      );
    });

    it('bundles three questions for one credit', async () => {
      const { token } = await t.register();
      const res = await t.call('POST', '/api/questions/bundle', { token, body: { courseId: 'fx' } });
      expect(res.status).toBe(200);
      expect(res.json.questions).toHaveLength(3);
      expect(res.json.charged).toBe(1);
      expect(res.json.balance).toBe(4);
    });

    it('offers questions added by seeding the course again at once (what a process keeps follows the course)', async () => {
      await t.seedFixture({ id: 'fy', exams: 2, topics: 2 });
      const { token, user } = await t.register();
      await t.setCredits(user.id, 10);
      const body = { courseId: 'fy', topicIds: ['fy-topic-1'], count: 2 };
      const before = await t.call('POST', '/api/questions/practice', { token, body });
      expect(before.json.charged).toBe(2);
      // Two more exams, each with a question of the topic; the two seen ones stay.
      await t.seedFixture({ id: 'fy', exams: 4, topics: 2 });
      const after = await t.call('POST', '/api/questions/practice', { token, body });
      expect(after.status, after.text).toBe(200);
      const seen = new Set(before.json.questions.map((q: { id: string }) => q.id));
      expect(after.json.questions.filter((q: { id: string }) => seen.has(q.id))).toEqual([]);
      expect(after.json.charged).toBe(2);
    });
  });

  describe('midterm', () => {
    it('generates a midterm shaped like the real ones for 3 credits; the same seed gives the same one, free', async () => {
      const { token } = await t.register();
      const res = await t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 'abc' } });
      expect(res.status).toBe(200);
      expect(res.json.charged).toBe(3);
      const m = res.json.midterm;
      // Real midterms here: 4 exams, 23 questions -> 6 questions on average; their points average out the same way.
      expect(m.questions).toHaveLength(6);
      const realTotals = await t.db
        .selectFrom('exams')
        .select('total_points')
        .where('course_id', '=', 'fx')
        .where('exam_type', '=', 'midterm')
        .execute();
      const avg = Math.round(realTotals.reduce((s, e) => s + (e.total_points ?? 0), 0) / realTotals.length);
      expect(m.totalPoints).toBe(avg);
      expect(m.questions.reduce((s: number, q: { points: number }) => s + q.points, 0)).toBe(avg);
      const patterns = m.questions.map((q: { question: { patternId: string } }) => q.question.patternId);
      expect(new Set(patterns).size).toBe(patterns.length);
      // No answer key: the answers and steps come with the results, once the exam is submitted.
      expect(m.answerKey).toBeUndefined();
      expect(
        m.questions.every(
          (q: { solution: unknown; question: object }) => q.solution === null && !('answer' in q.question),
        ),
      ).toBe(true);
      const difficulties = new Set(m.questions.map((q: { question: { difficulty: number } }) => q.question.difficulty));
      expect(difficulties.size).toBeGreaterThan(1);

      const again = await t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 'abc' } });
      expect(again.json.charged).toBe(0);
      expect(again.json.midterm).toEqual(m);
      const other = await t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 'xyz' } });
      expect(other.status).toBe(402);
    });

    it('refuses a bad seed (422) and an unknown course (404)', async () => {
      const { token } = await t.register();
      const bad = await t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 'a b' } });
      expect(bad.status).toBe(422);
      expect(bad.json.error.details.fields[0].field).toBe('seed');
      expect((await t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'nope' } })).status).toBe(404);
    });
  });

  describe('platform', () => {
    it('serves /health, an error envelope for unknown routes, and the request id', async () => {
      const health = await t.call('GET', '/health');
      expect(health.json).toMatchObject({ status: 'ok', database: dialect });
      const missing = await t.call('GET', '/api/nothing-here', { headers: { 'x-request-id': 'req-123' } });
      expect(missing.status).toBe(404);
      expect(missing.json.error).toMatchObject({ code: 'not_found', requestId: 'req-123' });
      expect(missing.headers.get('x-request-id')).toBe('req-123');
    });

    it('describes every route with its bearer auth in /openapi.json', async () => {
      const doc = (await t.call('GET', '/openapi.json')).json;
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      for (const path of [
        '/api/auth/register',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/credits/balance',
        '/api/courses',
        '/api/courses/{id}/topics',
        '/api/courses/{id}/analysis',
        '/api/questions',
        '/api/questions/{id}',
        '/api/questions/practice',
        '/api/questions/bundle',
        '/api/midterm/generate',
      ]) {
        expect(doc.paths[path], path).toBeDefined();
      }
      expect(doc.paths['/api/questions/practice'].post.security).toEqual([{ bearerAuth: [] }]);
      expect(doc.paths['/api/questions/practice'].post.responses['402']).toBeDefined();
    });
  });
});
