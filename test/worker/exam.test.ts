import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCourse } from '../support/fixture-course.js';
import { startWorker, type WorkerTest } from './harness.js';

describe('Exam Prep on the worker (D1)', () => {
  let w: WorkerTest;
  beforeAll(async () => {
    w = await startWorker();
    await w.seed(fixtureCourse({ id: 'fx', exams: 8, topics: 6 }));
  });
  afterAll(async () => w?.close());

  describe('browsing', () => {
    it('lists courses and topics with statistics computed at seeding', async () => {
      const courses = await w.call('GET', '/api/courses');
      expect(courses.status).toBe(200);
      expect(courses.json.courses).toEqual([
        expect.objectContaining({ id: 'fx', examCount: 8, topicCount: 6, questionCount: 46 }),
      ]);
      const topics = await w.call('GET', '/api/courses/fx/topics');
      expect(topics.json.topics[0]).toMatchObject({ id: 'fx-topic-0', totalAppearances: 6, frequencyScore: 0.75 });
      expect((await w.call('GET', '/api/courses/nope/topics')).status).toBe(404);
    });

    it('pages through every question with keyset cursors, never showing answers', async () => {
      const seen = new Set<string>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await w.call('GET', `/api/questions?courseId=fx&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        for (const q of res.json.questions) {
          expect(q.answer).toBeUndefined();
          seen.add(q.id);
        }
        cursor = res.json.nextCursor;
        pages++;
      } while (cursor);
      expect(seen.size).toBe(46);
      expect(pages).toBe(5);
      const filtered = await w.call('GET', '/api/questions?topicId=fx-topic-2&year=2020&examType=final');
      expect(filtered.json.questions.map((q: { id: string }) => q.id)).toEqual(['fx-exam-3-q3']);
      const one = await w.call('GET', '/api/questions/fx-exam-0-q1');
      expect(one.json).toMatchObject({ unlocked: false });
      expect((await w.call('GET', '/api/questions?limit=500')).status).toBe(422);
    });
  });

  describe('practice', () => {
    it('unlocks questions with solutions for 1 credit each, for good', async () => {
      const { token } = await w.register();
      const res = await w.call('POST', '/api/questions/practice', { token, body: { courseId: 'fx', count: 2 } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ charged: 2, balance: 3 });
      for (const q of res.json.questions) expect(q.solutionSteps.length).toBeGreaterThan(1);
      const single = await w.call('GET', `/api/questions/${res.json.questions[0].id}`, { token });
      expect(single.json.unlocked).toBe(true);
      expect(single.json.question.answer).toBe(res.json.questions[0].answer);
    });

    it('bundles three questions for one credit; the analysis costs 2 credits once', async () => {
      const { token } = await w.register();
      const bundle = await w.call('POST', '/api/questions/bundle', { token, body: { courseId: 'fx' } });
      expect(bundle.json).toMatchObject({ charged: 1, balance: 4 });
      expect(bundle.json.questions).toHaveLength(3);
      const analysis = await w.call('GET', '/api/courses/fx/analysis', { token });
      expect(analysis.status).toBe(200);
      expect(analysis.json.charged).toBe(2);
      expect(analysis.json.analysis.topics).toHaveLength(6);
      expect((await w.call('GET', '/api/courses/fx/analysis', { token })).json.charged).toBe(0);
      expect((await w.call('GET', '/api/credits/balance', { token })).json.credits).toBe(2);
    });
  });

  describe('midterm', () => {
    it('generates a midterm for 3 credits; the same seed again is free and identical; another seed needs credits', async () => {
      const { token } = await w.register();
      const res = await w.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 'abc' } });
      expect(res.status).toBe(200);
      expect(res.json.charged).toBe(3);
      expect(res.json.midterm.questions).toHaveLength(6);
      expect(res.json.midterm.answerKey).toBeUndefined();
      expect(res.json.midterm.status).toBe('ready');
      const again = await w.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 'abc' } });
      expect(again.json.charged).toBe(0);
      expect(again.json.midterm).toEqual(res.json.midterm);
      const other = await w.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 'xyz' } });
      expect(other.status).toBe(402);
      expect(other.json.error.details).toEqual({ needed: 3, available: 2 });
    });

    it('sits an exam on D1: start, one submission marked with outcomes, solutions free after, a second one refused', async () => {
      const { token, user } = await w.register();
      const exam = (await w.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 'd1' } })).json
        .midterm;
      expect(JSON.stringify(exam)).not.toMatch(/solutionSteps|isCorrect/);
      expect((await w.call('POST', `/api/midterms/${exam.id}/start`, { token })).json.midterm.status).toBe(
        'in_progress',
      );
      const [first, second] = exam.questions as Array<{ number: number; points: number; question: { id: string } }>;
      const spec = await w.db
        .selectFrom('questions')
        .select('answer_spec')
        .where('id', '=', first!.question.id)
        .executeTakeFirstOrThrow();
      const answers = [
        { number: first!.number, answer: JSON.parse(spec.answer_spec as string).value },
        { number: second!.number, answer: '0' },
      ];
      const res = await w.call('POST', `/api/midterms/${exam.id}/submit`, { token, body: { answers } });
      expect(res.status, res.text).toBe(200);
      const marked = res.json.midterm;
      expect(marked.status).toBe('submitted');
      expect(marked.questions[0].result).toMatchObject({ outcome: 'correct', score: first!.points });
      expect(marked.questions[1].result.correct).toBe(false);
      expect(marked.score).toBe(first!.points);
      expect(
        marked.questions.every((q: { solution: { solutionSteps: string[] } }) => q.solution.solutionSteps.length > 0),
      ).toBe(true);
      const twice = await w.call('POST', `/api/midterms/${exam.id}/submit`, { token, body: { answers } });
      expect(twice.status).toBe(409);
      const reveal = await w.call('POST', `/api/questions/${second!.question.id}/solution`, { token });
      expect(reveal.json.charged).toBe(0);
      const attempts = await w.db.selectFrom('question_attempts').select('id').where('exam_id', '=', exam.id).execute();
      expect(attempts).toHaveLength(exam.questions.length);
      const mastery = await w.db
        .selectFrom('topic_mastery')
        .select('topic_id')
        .where('user_id', '=', user.id)
        .execute();
      expect(mastery.length).toBeGreaterThan(0);
      expect((await w.call('GET', '/api/midterms', { token })).json.midterms[0]).toMatchObject({
        id: exam.id,
        status: 'submitted',
        correctCount: 1,
      });
    });
  });
});
