import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe.each(targets('me'))('What a student keeps (my courses, unenrolment, attempt history) on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 4, topics: 3 });
    await t.seedFixture({ id: 'fy', exams: 4, topics: 2 });
  });
  afterAll(async () => database.destroy());

  it('asks for a session on every route', async () => {
    expect((await t.call('GET', '/api/me/courses')).status).toBe(401);
    expect((await t.call('GET', '/api/me/attempts')).status).toBe(401);
    expect((await t.call('DELETE', '/api/courses/fx/enroll')).status).toBe(401);
  });

  it('lists my courses, most recently enrolled first, with my progress; leaving keeps the progress', async () => {
    const me = await t.register();
    const other = await t.register();
    expect((await t.call('GET', '/api/me/courses', { token: me.token })).json).toEqual({ courses: [] });

    await t.call('POST', '/api/courses/fx/enroll', { token: me.token });
    t.clock.advance(60_000);
    await t.call('POST', '/api/courses/fy/enroll', { token: me.token });
    await t.call('POST', '/api/courses/fy/enroll', { token: other.token });
    // fx-exam-0-q2 answers x^2/2 + C.
    await t.call('POST', '/api/questions/fx-exam-0-q2/submit', { token: me.token, body: { answer: 'x^2/2 + C' } });

    const mine = await t.call('GET', '/api/me/courses', { token: me.token });
    expect(mine.status).toBe(200);
    expect(mine.json.courses.map((c: { course: { id: string } }) => c.course.id)).toEqual(['fy', 'fx']);
    const fx = mine.json.courses[1];
    expect(fx.course).toMatchObject({ id: 'fx', topicCount: 3, questionCount: 10 });
    expect(fx.course.topics).toBeUndefined();
    expect(fx.progress).toMatchObject({ questionsTotal: 10, questionsSeen: 1, questionsCorrect: 1, attempts: 1 });
    expect(fx.progress.averageMastery).toBeGreaterThan(0.4);
    expect(mine.json.courses[0].progress).toMatchObject({ questionsSeen: 0, attempts: 0, lastSeenAt: null });

    const left = await t.call('DELETE', '/api/courses/fx/enroll', { token: me.token });
    expect(left.status).toBe(200);
    expect(left.json).toEqual({ courseId: 'fx', enrolled: false, removed: true });
    const again = await t.call('DELETE', '/api/courses/fx/enroll', { token: me.token });
    expect(again.json).toEqual({ courseId: 'fx', enrolled: false, removed: false });
    expect((await t.call('DELETE', '/api/courses/nope/enroll', { token: me.token })).status).toBe(404);
    const after = await t.call('GET', '/api/me/courses', { token: me.token });
    expect(after.json.courses.map((c: { course: { id: string } }) => c.course.id)).toEqual(['fy']);
    // The other student's enrolment in fy is untouched.
    const theirs = await t.call('GET', '/api/me/courses', { token: other.token });
    expect(theirs.json.courses.map((c: { course: { id: string } }) => c.course.id)).toEqual(['fy']);

    // Back again: the progress was kept.
    await t.call('POST', '/api/courses/fx/enroll', { token: me.token });
    const back = await t.call('GET', '/api/me/courses', { token: me.token });
    const fxBack = back.json.courses.find((c: { course: { id: string } }) => c.course.id === 'fx');
    expect(fxBack.progress).toMatchObject({ questionsSeen: 1, questionsCorrect: 1 });
  });

  it('pages my attempts newest first, with how each stands and its last outcome, and only mine', async () => {
    const me = await t.register();
    const other = await t.register();
    // Three attempts a minute apart: right, wrong (an antiderivative without + C), and started but unanswered.
    await t.call('POST', '/api/questions/fx-exam-0-q2/submit', { token: me.token, body: { answer: 'x^2/2 + C' } });
    t.clock.advance(60_000);
    await t.call('POST', '/api/questions/fx-exam-1-q1/submit', { token: me.token, body: { answer: 'x^3/3' } });
    t.clock.advance(60_000);
    await t.call('POST', '/api/questions/fy-exam-0-q1/start', { token: me.token });
    await t.call('POST', '/api/questions/fx-exam-1-q2/start', { token: other.token });

    const first = await t.call('GET', '/api/me/attempts?limit=2', { token: me.token });
    expect(first.status).toBe(200);
    expect(
      first.json.attempts.map((a: { questionId: string; status: string; lastOutcome: string | null }) => [
        a.questionId,
        a.status,
        a.lastOutcome,
      ]),
    ).toEqual([
      ['fy-exam-0-q1', 'open', null],
      ['fx-exam-1-q1', 'open', 'missing_constant'],
    ]);
    expect(first.json.attempts[1]).toMatchObject({ courseId: 'fx', mode: 'free', tries: 1, examId: null });
    expect(first.json.attempts[1].questionText.length).toBeGreaterThan(0);
    expect(first.json.nextCursor).toEqual(expect.any(String));

    const second = await t.call('GET', `/api/me/attempts?limit=2&cursor=${first.json.nextCursor}`, { token: me.token });
    expect(second.json.attempts.map((a: { questionId: string; status: string }) => [a.questionId, a.status])).toEqual([
      ['fx-exam-0-q2', 'correct'],
    ]);
    expect(second.json.nextCursor).toBeNull();

    const fyOnly = await t.call('GET', '/api/me/attempts?courseId=fy', { token: me.token });
    expect(fyOnly.json.attempts.map((a: { questionId: string }) => a.questionId)).toEqual(['fy-exam-0-q1']);

    const forged = await t.call('GET', '/api/me/attempts?cursor=bm90LWEtY3Vyc29y', { token: me.token });
    expect(forged.status).toBe(422);
    expect(forged.json.error.code).toBe('invalid_cursor');
    const tooMany = await t.call('GET', '/api/me/attempts?limit=101', { token: me.token });
    expect(tooMany.status).toBe(422);
  });

  it('counts questions unlocked through practice sets and bundles as seen', async () => {
    const me = await t.register();
    await t.setCredits(me.user.id, 10);
    const practice = await t.call('POST', '/api/questions/practice', {
      token: me.token,
      body: { courseId: 'fx', count: 2 },
    });
    expect(practice.status).toBe(200);
    const bundle = await t.call('POST', '/api/questions/bundle', { token: me.token, body: { courseId: 'fx' } });
    expect(bundle.status).toBe(200);
    const unlocked = new Set([...practice.json.questions, ...bundle.json.questions].map((q: { id: string }) => q.id));
    // One of them attempted too: still counted once.
    const [tried] = [...unlocked];
    await t.call('POST', `/api/questions/${tried}/start`, { token: me.token });
    const res = await t.call('GET', '/api/courses/fx', { token: me.token });
    expect(res.json.progress.questionsSeen).toBe(unlocked.size);
    // Unlocks in another course do not count there.
    const fy = await t.call('GET', '/api/courses/fy', { token: me.token });
    expect(fy.json.progress.questionsSeen).toBe(0);
  });

  it('documents the routes in /openapi.json', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    expect(doc.paths['/api/me/courses']?.get).toBeDefined();
    expect(doc.paths['/api/me/attempts']?.get).toBeDefined();
    expect(doc.paths['/api/courses/{id}/enroll']?.delete).toBeDefined();
  });
});
