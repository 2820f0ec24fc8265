import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connection.js';
import { fromJson } from '../../src/db/schema.js';
import { loadAnalysisInput, storeAnalysis } from '../../src/exam/analysis/analysis.repo.js';
import { computeAnalysis, computeScopedAnalysis } from '../../src/exam/analysis/compute-analysis.js';
import { type ExamImport, importExam } from '../../src/exam/ingest/import-exam.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { fixtureCourse } from '../support/fixture-course.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A 2030 final with one question on topic 0, in the fixture's own shape. */
function newExam(): ExamImport {
  return {
    course: 'fx',
    exam: { id: 'fx-exam-2030', year: 2030, semester: 'fall', type: 'final', date: '2030-12-10', totalPoints: 20 },
    patterns: [],
    questions: [
      {
        id: 'fx-exam-2030-q1',
        exam: 'fx-exam-2030',
        number: 1,
        points: 20,
        pattern: 'fx-topic-0-pattern-0',
        topic: 'topic-0',
        difficulty: 3,
        difficultyReason: 'Imported for the cache test',
        techniques: ['technique'],
        estimatedMinutes: 10,
        text: 'Evaluate $\\int x^{5}\\,dx$.',
        solution: ['Use the power rule.', 'The answer is $\\frac{x^6}{6} + C$.'],
        answer: {
          kind: 'antiderivative',
          value: 'x^6/6 + C',
          latex: '\\frac{x^6}{6} + C',
          alternates: ['x^6/6 + K'],
          wrong: ['x^6/6'],
        },
      },
    ],
  };
}

describe.each(targets('analysis-cache'))('Analysis cache on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 6, topics: 4 });
  });
  afterAll(async () => database.destroy());

  const cacheRow = () => t.db.selectFrom('analysis_cache').selectAll().where('course_id', '=', 'fx').executeTakeFirst();
  /** A request through another server process's view of the database: a connection (and caches) of its own. */
  async function otherProcess<T>(use: (other: TestApp) => Promise<T>): Promise<T> {
    const handle = connectDatabase(database.url, database.schema ? { schema: database.schema } : {});
    try {
      return await use(createTestApp({ ...database, handle }));
    } finally {
      await handle.close();
    }
  }
  const version = async () =>
    (await t.db.selectFrom('courses').select('data_version').where('id', '=', 'fx').executeTakeFirstOrThrow())
      .data_version;

  it('computes once per data version, serves the cache (equal to a fresh computation), and recomputes after an import', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 10);
    expect(await cacheRow()).toBeUndefined();

    const first = await t.call('GET', '/api/courses/fx/analysis', { token });
    expect(first.status).toBe(200);
    const stored = await cacheRow();
    expect(stored?.data_version).toBe(await version());
    const fresh = computeScopedAnalysis(await loadAnalysisInput(t.db, 'fx'));
    expect(first.json.analysis).toEqual({ courseId: 'fx', examType: null, ...fresh.overall });
    expect(fromJson(stored!.analysis)).toEqual({ format: 2, scopes: fresh });

    // Served from the stored copy: another server process (a connection of its own) returns a marked stored copy.
    const marked = { format: 2, scopes: { ...fresh, overall: { ...fresh.overall, examCount: 999 } } };
    await t.db
      .updateTable('analysis_cache')
      .set({ analysis: JSON.stringify(marked) })
      .where('course_id', '=', 'fx')
      .execute();
    const cached = await otherProcess((other) => other.call('GET', '/api/courses/fx/analysis', { token }));
    expect(cached.json.analysis.examCount).toBe(999);
    expect(cached.json.charged).toBe(0);
    // This process keeps the analysis it parsed for this data version.
    expect((await t.call('GET', '/api/courses/fx/analysis', { token })).json.analysis.examCount).toBe(6);

    // A stored value in an older format (before exam types) is recomputed, not misread.
    await t.db
      .updateTable('analysis_cache')
      .set({ analysis: JSON.stringify(fresh.overall) })
      .where('course_id', '=', 'fx')
      .execute();
    const recomputed = await otherProcess((other) => other.call('GET', '/api/courses/fx/analysis', { token }));
    expect(recomputed.json.analysis).toEqual({ courseId: 'fx', examType: null, ...fresh.overall });
    expect(fromJson((await cacheRow())!.analysis)).toEqual({ format: 2, scopes: fresh });

    // Importing an exam bumps the data version: the next request recomputes.
    const before = await version();
    await importExam(t.db, newExam(), t.clock.now());
    expect(await version()).toBe(before + 1);
    const after = await t.call('GET', '/api/courses/fx/analysis', { token });
    expect(after.json.analysis.examCount).toBe(7);
    expect(after.json.analysis.years).toContain(2030);
    expect(after.json.analysis).toEqual({
      courseId: 'fx',
      examType: null,
      ...computeAnalysis(await loadAnalysisInput(t.db, 'fx')),
    });
    expect((await cacheRow())?.data_version).toBe(before + 1);
  });

  it('recomputes after a re-seed that changes the course', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 10);
    const before = (await t.call('GET', '/api/courses/fx/analysis', { token })).json.analysis;
    const content = fixtureCourse({ id: 'fx', exams: 6, topics: 4 });
    // The bank now says fx-exam-1-q1 belongs to topic 3's pattern.
    const q = content.questions.find((x) => x.id === 'fx-exam-1-q1')!;
    q.topicId = 'fx-topic-3';
    q.pattern = 'fx-topic-3-pattern-0';
    await t.seedContent(content);
    const after = (await t.call('GET', '/api/courses/fx/analysis', { token })).json.analysis;
    const count = (a: { topics: Array<{ topicId: string; totalAppearances: number }> }, id: string) =>
      a.topics.find((x) => x.topicId === id)!.totalAppearances;
    expect(count(after, 'fx-topic-3')).toBe(count(before, 'fx-topic-3') + 1);
    expect(after).toEqual({ courseId: 'fx', examType: null, ...computeAnalysis(await loadAnalysisInput(t.db, 'fx')) });
  });

  it('never lets an analysis of an older version replace a newer one', async () => {
    const current = await version();
    const row = await cacheRow();
    await storeAnalysis(t.db, {
      courseId: 'fx',
      dataVersion: current - 1,
      analysis: { stale: true },
      nowIso: t.clock.now().toISOString(),
    });
    expect(await cacheRow()).toEqual(row);
  });
});
