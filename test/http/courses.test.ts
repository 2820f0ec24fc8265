import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe.each(targets('courses'))('Course details and enrolment on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 4, topics: 3 });
  });
  afterAll(async () => database.destroy());

  it('shows a visitor the course with its exam count and topics, and no personal data', async () => {
    const res = await t.call('GET', '/api/courses/fx');
    expect(res.status).toBe(200);
    expect(res.json.course).toMatchObject({ id: 'fx', examCount: 4, topicCount: 3, questionCount: 10 });
    expect(res.json.course.topics.map((x: { id: string }) => x.id)).toEqual(['fx-topic-0', 'fx-topic-1', 'fx-topic-2']);
    // The years the question bank can be filtered by: those of the course's past exams, newest first.
    const exams = await t.db.selectFrom('exams').select('year').where('course_id', '=', 'fx').execute();
    const years = [...new Set(exams.map((e) => Number(e.year)))].sort((a, b) => b - a);
    expect(years.length).toBeGreaterThan(1);
    expect(res.json.course.examYears).toEqual(years);
    expect(res.json.enrollment).toBeNull();
    expect(res.json.progress).toBeNull();
    expect((await t.call('GET', '/api/courses/nope')).status).toBe(404);
  });

  it('enrols idempotently: 201 once, then 200 with the same enrolment', async () => {
    const { token, user } = await t.register();
    const first = await t.call('POST', '/api/courses/fx/enroll', { token });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ created: true, enrollment: { courseId: 'fx', enrolled: true } });
    t.clock.advance(60_000);
    const again = await t.call('POST', '/api/courses/fx/enroll', { token });
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(false);
    expect(again.json.enrollment.enrolledAt).toBe(first.json.enrollment.enrolledAt);
    const rows = await t.db.selectFrom('user_courses').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect((await t.call('POST', '/api/courses/fx/enroll')).status).toBe(401);
    expect((await t.call('POST', '/api/courses/nope/enroll', { token })).status).toBe(404);
  });

  it("summarises the caller's enrolment and progress, and only theirs", async () => {
    const me = await t.register();
    const other = await t.register();
    const before = await t.call('GET', '/api/courses/fx', { token: me.token });
    expect(before.json.enrollment).toEqual({ enrolled: false, enrolledAt: null });
    expect(before.json.progress).toMatchObject({
      questionsTotal: 10,
      questionsSeen: 0,
      attempts: 0,
      averageMastery: 0.4,
    });

    await t.call('POST', '/api/courses/fx/enroll', { token: me.token });
    await t.call('POST', '/api/questions/fx-exam-0-q2/start', { token: me.token });
    t.clock.advance(45_000);
    // fx-exam-0-q2 answers x^2/2 + C; fx-exam-1-q1 answers x^3/3 + C.
    await t.call('POST', '/api/questions/fx-exam-0-q2/submit', { token: me.token, body: { answer: 'x^2/2 + C' } });
    await t.call('POST', '/api/questions/fx-exam-1-q1/submit', { token: me.token, body: { answer: 'x^3/3' } });
    await t.call('POST', '/api/questions/fx-exam-1-q2/start', { token: other.token });

    const res = await t.call('GET', '/api/courses/fx', { token: me.token });
    expect(res.json.enrollment.enrolled).toBe(true);
    expect(res.json.progress).toMatchObject({
      questionsTotal: 10,
      questionsSeen: 2,
      questionsCorrect: 1,
      questionsFirstTry: 1,
      attempts: 2,
      assisted: 0,
      timeSpentMs: 45_000,
      lastSeenAt: t.clock.now().toISOString(),
    });
    const topics = res.json.progress.topics as Array<{ topicId: string; mastery: number; evidence: number }>;
    expect(topics).toHaveLength(3);
    expect(topics.filter((x) => x.evidence > 0)).toHaveLength(2);
  });

  it('documents the Planned routes in /openapi.json', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    for (const [path, method] of [
      ['/api/courses/{id}', 'get'],
      ['/api/courses/{id}/enroll', 'post'],
      ['/api/questions/{id}/start', 'post'],
      ['/api/questions/{id}/submit', 'post'],
      ['/api/questions/{id}/solution', 'post'],
      ['/api/assessment/weak-topics', 'post'],
      ['/api/assessment/review', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/api/questions/{id}/submit'].post.responses['422']).toBeDefined();
    expect(doc.paths['/api/questions/{id}/solution'].post.responses['402']).toBeDefined();
  });
});
