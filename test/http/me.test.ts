import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe.each(dialects)('what a student keeps (/api/me) on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 4, topics: 3 });
    await t.seedFixture({ id: 'fy', exams: 2, topics: 2 });
  });
  afterAll(async () => database.destroy());

  it('lists my attempts newest first, with outcomes, in keyset pages, and only mine', async () => {
    const me = await t.register();
    const other = await t.register();
    // fx-exam-0-q2 answers x^2/2 + C; fx-exam-1-q1 answers x^3/3 + C.
    await t.call('POST', '/api/questions/fx-exam-0-q2/submit', { token: me.token, body: { answer: 'x^2/2 + C' } });
    t.clock.advance(1000);
    await t.call('POST', '/api/questions/fx-exam-1-q1/submit', { token: me.token, body: { answer: 'x^3/3' } });
    t.clock.advance(1000);
    await t.call('POST', '/api/questions/fy-exam-0-q1/start', { token: me.token });
    await t.call('POST', '/api/questions/fx-exam-1-q2/start', { token: other.token });

    const first = await t.call('GET', '/api/me/attempts?limit=2', { token: me.token });
    expect(first.status).toBe(200);
    expect(first.json.attempts.map((a: { questionId: string }) => a.questionId)).toEqual([
      'fy-exam-0-q1',
      'fx-exam-1-q1',
    ]);
    expect(first.json.attempts[0]).toMatchObject({ courseId: 'fy', tries: 0, correct: false, lastOutcome: null });
    expect(first.json.attempts[1]).toMatchObject({
      courseId: 'fx',
      tries: 1,
      correct: false,
      lastOutcome: 'missing_constant',
      examId: null,
      source: { generated: false },
    });
    expect(first.json.nextCursor).toEqual(expect.any(String));

    const second = await t.call('GET', `/api/me/attempts?limit=2&cursor=${first.json.nextCursor}`, { token: me.token });
    expect(second.json.attempts.map((a: { questionId: string }) => a.questionId)).toEqual(['fx-exam-0-q2']);
    expect(second.json.attempts[0]).toMatchObject({ correct: true, lastOutcome: 'correct' });
    expect(second.json.nextCursor).toBeNull();

    const inFx = await t.call('GET', '/api/me/attempts?courseId=fx', { token: me.token });
    expect(inFx.json.attempts).toHaveLength(2);
    const theirs = await t.call('GET', '/api/me/attempts', { token: other.token });
    expect(theirs.json.attempts.map((a: { questionId: string }) => a.questionId)).toEqual(['fx-exam-1-q2']);
    expect((await t.call('GET', '/api/me/attempts')).status).toBe(401);
    const forged = await t.call('GET', `/api/me/attempts?cursor=${btoa(JSON.stringify({ startedAt: {}, id: 'x' }))}`, {
      token: me.token,
    });
    expect(forged.status).toBe(422);
    expect(forged.json.error.code).toBe('invalid_cursor');
  });

  it('lists the courses I am enrolled in with progress; leaving keeps what I did, and is idempotent', async () => {
    const me = await t.register();
    await t.setCredits(me.user.id, 10);
    expect((await t.call('GET', '/api/me/courses', { token: me.token })).json.courses).toEqual([]);
    await t.call('POST', '/api/courses/fx/enroll', { token: me.token });
    t.clock.advance(1000);
    await t.call('POST', '/api/courses/fy/enroll', { token: me.token });
    await t.call('POST', '/api/questions/fx-exam-0-q2/submit', { token: me.token, body: { answer: 'x^2/2 + C' } });

    const mine = await t.call('GET', '/api/me/courses', { token: me.token });
    expect(mine.status).toBe(200);
    expect(mine.json.courses.map((c: { course: { id: string } }) => c.course.id)).toEqual(['fy', 'fx']);
    const fx = mine.json.courses[1];
    expect(fx.course).toMatchObject({ id: 'fx', questionCount: 10 });
    expect(fx.course.topics).toBeUndefined();
    expect(fx.progress).toMatchObject({ questionsTotal: 10, questionsSeen: 1, questionsCorrect: 1, attempts: 1 });

    const left = await t.call('DELETE', '/api/courses/fx/enroll', { token: me.token });
    expect(left.status).toBe(200);
    expect(left.json).toEqual({ courseId: 'fx', enrolled: false, removed: true });
    const again = await t.call('DELETE', '/api/courses/fx/enroll', { token: me.token });
    expect(again.json.removed).toBe(false);
    expect((await t.call('DELETE', '/api/courses/nope/enroll', { token: me.token })).status).toBe(404);
    expect((await t.call('DELETE', '/api/courses/fx/enroll')).status).toBe(401);
    expect(
      (await t.call('GET', '/api/me/courses', { token: me.token })).json.courses.map(
        (c: { course: { id: string } }) => c.course.id,
      ),
    ).toEqual(['fy']);

    // What the student did is kept: enrolling again shows the same progress.
    await t.call('POST', '/api/courses/fx/enroll', { token: me.token });
    const back = await t.call('GET', '/api/courses/fx', { token: me.token });
    expect(back.json.progress).toMatchObject({ questionsSeen: 1, questionsCorrect: 1 });
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
    // Unlocks in another course do not count here.
    const fy = await t.call('GET', '/api/courses/fy', { token: me.token });
    expect(fy.json.progress.questionsSeen).toBe(0);
  });

  it('documents the routes in /openapi.json', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    expect(doc.paths['/api/me/attempts'].get.responses).toHaveProperty('401');
    expect(doc.paths['/api/me/courses'].get).toBeDefined();
    expect(doc.paths['/api/courses/{id}/enroll'].delete.responses).toHaveProperty('404');
  });
});
