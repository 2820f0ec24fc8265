import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingCourseIds, seedCourse } from '../../src/exam/ingest/seed.js';
import { seedDemoContent } from '../../src/exam/ingest/seed-demo.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { fixtureCourse } from '../support/fixture-course.js';
import { createTestApp } from '../support/test-app.js';

/**
 * Seeding the catalogue is all-or-nothing: a start killed while seeding (here: a course that fails half-way, which
 * rolls back the same way) leaves no course behind, so the next start seeds them all; and /ready is not ready over a
 * catalogue that lacks a course it must hold (one half-seeded by an older version is completed at the next start).
 */
describe.each(dialects)('seeding the catalogue on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => database.destroy());

  const now = new Date('2026-03-01T00:00:00Z');
  const first = fixtureCourse({ id: 'alpha' });
  const second = fixtureCourse({ id: 'beta' });

  it('a failure in a later course leaves no course of the catalogue behind; the next start seeds them all', async () => {
    const broken = fixtureCourse({ id: 'beta' });
    const question = broken.questions.at(-1);
    if (!question) throw new Error('the fixture has questions');
    question.topicId = 'no-such-topic';
    await expect(seedDemoContent(database.handle.db, now, { courses: [first, broken] })).rejects.toThrow();
    expect(await missingCourseIds(database.handle.db, ['alpha', 'beta'])).toEqual(['alpha', 'beta']);
    expect(await database.handle.db.selectFrom('questions').select('id').execute()).toHaveLength(0);

    expect(await seedDemoContent(database.handle.db, now, { courses: [first, second] })).toEqual(['alpha', 'beta']);
    expect(await missingCourseIds(database.handle.db, ['alpha', 'beta'])).toEqual([]);
    expect(await seedDemoContent(database.handle.db, now, { courses: [first, second] })).toEqual([]);
  });

  it('/ready answers 503 content_incomplete over a half-seeded catalogue, and the next start completes it', async () => {
    await seedCourse(database.handle.db, first, now); // what an older version left when killed after one course
    const t = createTestApp(database, { app: { requiredCourseIds: ['alpha', 'beta'] } });
    const half = await t.call('GET', '/ready');
    expect(half.status).toBe(503);
    expect(half.json).toEqual({
      status: 'content_incomplete',
      checks: { database: 'ok', migrations: 'current', content: { missingCourses: ['beta'] } },
    });
    expect((await t.call('GET', '/api/courses/beta')).status).toBe(404);

    expect(await seedDemoContent(database.handle.db, now, { courses: [first, second] })).toEqual(['beta']);
    const whole = await t.call('GET', '/ready');
    expect(whole.status).toBe(200);
    expect(whole.json.status).toBe('ready');
    expect((await t.call('GET', '/api/courses/beta')).status).toBe(200);
  });
});
