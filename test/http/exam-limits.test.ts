import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe.each(targets('exam-limits'))('Rate limits on the expensive Exam Prep routes on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database, { config: { RATE_LIMIT_EXPENSIVE_PER_MINUTE: 2 } });
    await t.seedFixture({ id: 'fx', exams: 4, topics: 3 });
  });
  afterAll(async () => database.destroy());

  const routes: Array<{ name: string; method: string; path: string; body?: unknown }> = [
    { name: 'submit', method: 'POST', path: '/api/questions/fx-exam-0-q2/submit', body: { answer: 'x^2/2' } },
    { name: 'analysis', method: 'GET', path: '/api/courses/fx/analysis' },
    { name: 'weak topics', method: 'POST', path: '/api/assessment/weak-topics', body: { courseId: 'fx' } },
    { name: 'practice', method: 'POST', path: '/api/questions/practice', body: { courseId: 'fx', count: 1 } },
    { name: 'bundle', method: 'POST', path: '/api/questions/bundle', body: { courseId: 'fx' } },
    { name: 'midterm', method: 'POST', path: '/api/midterm/generate', body: { courseId: 'fx', seed: 'a' } },
  ];

  it.each(routes)('limits $name per user with 429 and Retry-After, configured by env', async (route) => {
    t.clock.set('2026-11-23T12:00:10.000Z');
    const { token, user } = await t.register();
    await t.setCredits(user.id, 100);
    for (let i = 0; i < 2; i++) {
      const ok = await t.call(route.method, route.path, { token, body: route.body });
      expect(ok.status, ok.text).toBe(200);
    }
    const limited = await t.call(route.method, route.path, { token, body: route.body });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(limited.json.error.details.limit).toBe(2);
    expect(limited.headers.get('retry-after')).toBe('50');

    // Another user has their own budget; the next window restores this one's.
    const other = await t.register();
    await t.setCredits(other.user.id, 100);
    expect((await t.call(route.method, route.path, { token: other.token, body: route.body })).status).toBe(200);
    t.clock.advance(50_000);
    expect((await t.call(route.method, route.path, { token, body: route.body })).status).toBe(200);
  });
});
