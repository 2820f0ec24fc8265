import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourseContent } from '../../src/exam/content/load.js';
import { contentRoot } from '../../src/exam/ingest/seed-demo.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface TopicStat {
  topicId: string;
  frequency: number;
  examsAppeared: number;
  shareOfPoints: number;
}
const byTopic = (topics: TopicStat[], id: string) => topics.find((x) => x.topicId === id)!;

/**
 * Course `fe`: 6 exams (3 midterms, 3 finals), 4 topics, the last one on finals only. Course `fo`: 8 exams, 5 topics,
 * every topic on both kinds: a different history.
 */
describe.each(targets('analysis-by-exam-type'))('Analysis per exam type on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fe', exams: 6, topics: 4, finalsOnlyTopics: 1 });
    await t.seedFixture({ id: 'fo', exams: 8, topics: 5 });
  });
  afterAll(async () => database.destroy());

  it('computes every statistic over all exams, over midterms and over finals; one charge covers them all', async () => {
    const { token } = await t.register();
    const overall = await t.call('GET', '/api/courses/fe/analysis', { token });
    expect(overall.status).toBe(200);
    expect(overall.json.charged).toBe(2);
    const midterm = await t.call('GET', '/api/courses/fe/analysis?examType=midterm', { token });
    const final = await t.call('GET', '/api/courses/fe/analysis?examType=final', { token });
    expect([midterm.status, final.status]).toEqual([200, 200]);
    expect([midterm.json.charged, final.json.charged]).toEqual([0, 0]);
    const [a, m, f] = [overall.json.analysis, midterm.json.analysis, final.json.analysis];
    expect([a.examType, m.examType, f.examType]).toEqual([null, 'midterm', 'final']);
    expect([a.examCount, m.examCount, f.examCount]).toEqual([6, 3, 3]);

    // The finals-only topic: on half of all exams, none of the midterms, every final.
    const finalsOnly = 'fe-topic-3';
    expect(byTopic(a.topics, finalsOnly)).toMatchObject({ frequency: 0.5, examsAppeared: 3 });
    expect(byTopic(m.topics, finalsOnly)).toMatchObject({ frequency: 0, examsAppeared: 0, shareOfPoints: 0 });
    expect(byTopic(f.topics, finalsOnly)).toMatchObject({ frequency: 1, examsAppeared: 3 });
    // Likelihood, top patterns and exam shape follow the scope too.
    expect(m.likelihood.at(-1)).toMatchObject({ topicId: finalsOnly });
    expect(m.likelihood.at(-1).reasoning).toMatch(/appeared on 0 of 3 past midterms/);
    expect(f.likelihood.find((l: { topicId: string }) => l.topicId === finalsOnly).reasoning).toMatch(
      /appeared on 3 of 3 past finals/,
    );
    expect(m.topPatterns.some((p: { topicId: string }) => p.topicId === finalsOnly)).toBe(false);
    expect(m.examShape.map((s: { examType: string }) => s.examType)).toEqual(['midterm']);
    const points = (x: { difficultyDistribution: Array<{ questions: number }> }) =>
      x.difficultyDistribution.reduce((s, d) => s + d.questions, 0);
    expect(points(m) + points(f)).toBe(points(a));
  });

  it('refuses an unknown exam type naming the field', async () => {
    const { token } = await t.register();
    const res = await t.call('GET', '/api/courses/fe/analysis?examType=quiz', { token });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json.error.details)).toContain('examType');
  });

  it('gives two courses with different histories their own likelihood scores', async () => {
    const { token } = await t.register();
    const scores = async (course: string) =>
      (await t.call('GET', `/api/courses/${course}/analysis`, { token })).json.analysis.likelihood.map(
        (l: { score: number }) => l.score,
      );
    expect(await scores('fe')).not.toEqual(await scores('fo'));
  });

  it('weighs weak topics by the exam type being prepared for', async () => {
    const { token } = await t.register();
    const weak = async (examType?: string) => {
      const res = await t.call('POST', '/api/assessment/weak-topics', {
        token,
        body: { courseId: 'fe', ...(examType ? { examType } : {}) },
      });
      expect(res.status, res.text).toBe(200);
      return res.json;
    };
    const [all, midterm, final] = [await weak(), await weak('midterm'), await weak('final')];
    expect([all.examType, midterm.examType, final.examType]).toEqual([null, 'midterm', 'final']);
    type Ranked = { topicId: string; frequency: number; expectedPointsLost: number; rank: number; reason: string };
    const finalsOnly = (r: { topics: Ranked[] }) => r.topics.find((x) => x.topicId === 'fe-topic-3')!;
    expect(finalsOnly(midterm)).toMatchObject({ frequency: 0, expectedPointsLost: 0, rank: 4 });
    expect(finalsOnly(midterm).reason).toMatch(/has not appeared on past midterms/);
    expect(finalsOnly(all).frequency).toBe(0.5);
    expect(finalsOnly(final).frequency).toBe(1);
    expect(finalsOnly(final).expectedPointsLost).toBeGreaterThan(finalsOnly(all).expectedPointsLost);
  });

  it('keeps the review queue to the topics of the exam type asked for', async () => {
    const { token, user } = await t.register();
    // Two patterns due now: one of a topic on every exam, one of the finals-only topic.
    const nowIso = t.clock.now().toISOString();
    for (const [patternId, topicId] of [
      ['fe-topic-1-pattern-0', 'fe-topic-1'],
      ['fe-topic-3-pattern-0', 'fe-topic-3'],
    ] as const) {
      await t.db
        .insertInto('pattern_mastery')
        .values({
          user_id: user.id,
          pattern_id: patternId,
          course_id: 'fe',
          topic_id: topicId,
          estimate: 0.3,
          attempts: 1,
          updated_at: nowIso,
          due: nowIso,
        })
        .execute();
    }
    const review = async (query: string) => {
      const res = await t.call('GET', `/api/assessment/review?courseId=fe${query}`, { token });
      expect(res.status, res.text).toBe(200);
      return res.json as { dueCount: number; reviews: Array<{ patternId: string }> };
    };
    expect((await review('')).dueCount).toBe(2);
    const midterm = await review('&examType=midterm');
    expect(midterm.dueCount).toBe(1);
    expect(midterm.reviews.map((r) => r.patternId)).toEqual(['fe-topic-1-pattern-0']);
    expect((await review('&examType=final')).dueCount).toBe(2);
  });
});

/** The demo courses: calc3's exam history is its own (it once was a topic-for-topic relabelling of calc2's). */
describe.each(targets('analysis-by-exam-type: demo courses'))('Likelihood of the demo courses on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    for (const course of ['calc2', 'calc3']) {
      await t.seedContent(loadCourseContent(join(contentRoot, 'courses', course)));
    }
  });
  afterAll(async () => database.destroy());

  it("scores calc3 from its own exams, not calc2's under another name", async () => {
    const { token } = await t.register();
    const analysis = async (course: string, examType: string) =>
      (await t.call('GET', `/api/courses/${course}/analysis?examType=${examType}`, { token })).json.analysis;
    const scores = (a: { likelihood: Array<{ score: number }> }) => a.likelihood.map((l) => l.score);
    for (const examType of ['midterm', 'final']) {
      expect(scores(await analysis('calc3', examType))).not.toEqual(scores(await analysis('calc2', examType)));
    }
    // A double integral on the 2023 and 2024 midterms: calc3's midterms now reach multiple integrals.
    const midterm = await analysis('calc3', 'midterm');
    expect(midterm.topics.find((x: { topicId: string }) => x.topicId === 'calc3-double-integrals')).toMatchObject({
      examsAppeared: 2,
    });
  });
});
