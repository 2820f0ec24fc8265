import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCourse } from '../support/fixture-course.js';
import { startWorker, type WorkerTest } from './harness.js';

describe('my courses, unenrolment and attempt history on the worker (D1)', () => {
  let w: WorkerTest;
  beforeAll(async () => {
    w = await startWorker();
    await w.seed(fixtureCourse({ id: 'fx', exams: 4, topics: 3 }));
  });
  afterAll(async () => w?.close());

  it('lists the course with progress, pages the attempts, and leaves the course', async () => {
    const { token } = await w.register();
    expect((await w.call('POST', '/api/courses/fx/enroll', { token })).status).toBe(201);
    // fx-exam-0-q2 answers x^2/2 + C: one wrong try (missing + C), then a fresh question started.
    await w.call('POST', '/api/questions/fx-exam-0-q2/submit', { token, body: { answer: 'x^2/2' } });
    await w.call('POST', '/api/questions/fx-exam-1-q1/start', { token });

    const courses = await w.call('GET', '/api/me/courses', { token });
    expect(courses.status).toBe(200);
    expect(courses.json.courses).toHaveLength(1);
    expect(courses.json.courses[0]).toMatchObject({ course: { id: 'fx' }, progress: { questionsSeen: 2 } });

    const first = await w.call('GET', '/api/me/attempts?limit=1', { token });
    expect(first.status).toBe(200);
    expect(first.json.attempts).toHaveLength(1);
    const second = await w.call('GET', `/api/me/attempts?limit=1&cursor=${first.json.nextCursor}`, { token });
    expect(second.json.nextCursor).toBeNull();
    const all = [...first.json.attempts, ...second.json.attempts];
    expect(all.map((a: { questionId: string }) => a.questionId).sort()).toEqual(['fx-exam-0-q2', 'fx-exam-1-q1']);
    expect(all.find((a: { questionId: string }) => a.questionId === 'fx-exam-0-q2')).toMatchObject({
      status: 'open',
      lastOutcome: 'missing_constant',
    });

    const left = await w.call('DELETE', '/api/courses/fx/enroll', { token });
    expect(left.json).toEqual({ courseId: 'fx', enrolled: false, removed: true });
    expect((await w.call('GET', '/api/me/courses', { token })).json.courses).toEqual([]);
  });
});
