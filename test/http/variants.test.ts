import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJson } from '../../src/db/schema.js';
import { loadCourseContent } from '../../src/exam/content/load.js';
import { buildVariant } from '../../src/exam/variants/build.js';
import { drawVariants } from '../../src/exam/variants/draw-variants.js';
import { generatorFor } from '../../src/exam/variants/registry.js';
import { variantProblems } from '../../src/exam/variants/verify.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Generated variants served from the real calc2 bank (issue 16 §4): a pattern's originals first, then, once the
 * student has seen them all, variants verified and stored with is_generated, their pattern and parameters; practice,
 * bundles, midterms and the review queue all draw them, priced as questions.
 */
const TOPIC = 'calc2-integration-by-parts';

describe.each(targets('variants'))('generated variants on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let originals: Array<{ id: string; pattern_id: string | null }>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedContent(loadCourseContent(join(import.meta.dirname, '../../content/courses/calc2')));
    originals = await t.db
      .selectFrom('questions')
      .select(['id', 'pattern_id'])
      .where('topic_id', '=', TOPIC)
      .orderBy('id')
      .execute();
  });
  afterAll(async () => database.destroy());

  const practice = (token: string, count: number) =>
    t.call('POST', '/api/questions/practice', { token, body: { courseId: 'calc2', topicIds: [TOPIC], count } });
  const storedVariant = (id: string) =>
    t.db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('serves originals first, then verified variants of the patterns seen, stored and priced as questions', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 100);
    expect(originals.length).toBe(11);
    const first = await practice(token, 10);
    const last = await practice(token, 1);
    expect(first.status, first.text).toBe(200);
    const served = [...first.json.questions, ...last.json.questions];
    expect(served.every((q: { isGenerated: boolean }) => !q.isGenerated)).toBe(true);
    expect(new Set(served.map((q: { id: string }) => q.id))).toEqual(new Set(originals.map((o) => o.id)));

    const second = await practice(token, 4);
    expect(second.status, second.text).toBe(200);
    const variants = second.json.questions as Array<{ id: string; patternId: string; isGenerated: boolean }>;
    expect(variants.every((q) => q.isGenerated)).toBe(true);
    expect(new Set(variants.map((q) => q.id)).size).toBe(4);
    // A variant is a question: one credit each, unlocked for good.
    expect(second.json.charged).toBe(4);
    for (const v of variants) {
      expect(originals.some((o) => o.pattern_id === v.patternId)).toBe(true);
      const row = await storedVariant(v.id);
      expect(row.is_generated).toBeTruthy();
      expect(row.exam_id).toBeNull();
      expect(row.variant_seed).toMatch(/^practice:/);
      // Its parameters rebuild the same question, which passes every machine check.
      const generator = generatorFor(v.patternId)!;
      const rebuilt = buildVariant(generator, fromJson(row.variant_params));
      expect(rebuilt.text).toBe(row.question_text);
      expect(variantProblems(generator, rebuilt)).toEqual([]);
      const single = await t.call('GET', `/api/questions/${v.id}`, { token });
      expect(single.json.unlocked).toBe(true);
      expect(single.json.question.solutionSteps.length).toBeGreaterThan(1);
    }
    // Generated questions never count as exam statistics, and are not candidates of their own.
    const bundle = await t.call('POST', '/api/questions/bundle', {
      token,
      body: { courseId: 'calc2', topicIds: [TOPIC] },
    });
    expect(bundle.status).toBe(200);
    for (const q of bundle.json.questions) expect(q.isGenerated).toBe(true);
    const ids = bundle.json.questions.map((q: { id: string }) => q.id);
    expect(ids.some((id: string) => variants.some((v) => v.id === id))).toBe(false);
  });

  it('draws the same variants for the same seed, and another for another seed', async () => {
    const { user } = await t.register();
    const ids = originals.map((o) => o.id);
    await t.db
      .insertInto('user_unlocks')
      .values(
        ids.map((id) => ({
          user_id: user.id,
          resource_type: 'question',
          resource_id: id,
          created_at: t.clock.now().toISOString(),
        })),
      )
      .execute();
    const deps = { db: t.db, clock: t.clock, atomic: t.atomic };
    const picked = [ids[0]!, ids[1]!];
    const a = await drawVariants(deps, { userId: user.id, questionIds: picked, seed: 's1' });
    const b = await drawVariants(deps, { userId: user.id, questionIds: picked, seed: 's1' });
    const c = await drawVariants(deps, { userId: user.id, questionIds: picked, seed: 's2' });
    expect(a).toEqual(b);
    expect(a.every((id, i) => id !== picked[i] && id.startsWith(originals[i]!.pattern_id!))).toBe(true);
    expect(c).not.toEqual(a);
    // Someone who has not seen the originals keeps them.
    const { user: fresh } = await t.register();
    expect(await drawVariants(deps, { userId: fresh.id, questionIds: picked, seed: 's1' })).toEqual(picked);
  });

  it('midterms draw variants for the patterns whose originals were seen', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 0, 'unlimited');
    const before = await t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'calc2', seed: 'm1' } });
    expect(before.status, before.text).toBe(200);
    // A generated exam is stored for its student (the same seed answers it again), so the student who has seen every
    // original is another one, sitting the same seed: the same seats.
    const seen = await t.register();
    await t.setCredits(seen.user.id, 0, 'unlimited');
    const all = await t.db.selectFrom('questions').select('id').where('is_generated', '=', false).execute();
    const unlocks = all.map((q) => ({
      user_id: seen.user.id,
      resource_type: 'question',
      resource_id: q.id,
      created_at: t.clock.now().toISOString(),
    }));
    await t.insertRows('user_unlocks', unlocks);
    const after = await t.call('POST', '/api/midterm/generate', {
      token: seen.token,
      body: { courseId: 'calc2', seed: 'm1' },
    });
    expect(after.status, after.text).toBe(200);
    type Seat = { number: number; points: number; question: { id: string; patternId: string; isGenerated: boolean } };
    const seatsBefore = before.json.midterm.questions as Seat[];
    const seatsAfter = after.json.midterm.questions as Seat[];
    expect(seatsBefore.every((s) => !s.question.isGenerated)).toBe(true);
    // Same seats (pattern and points); each pattern with a generator now asks a variant.
    expect(seatsAfter.map((s) => [s.question.patternId, s.points])).toEqual(
      seatsBefore.map((s) => [s.question.patternId, s.points]),
    );
    for (const seat of seatsAfter) expect(seat.question.isGenerated).toBe(!!generatorFor(seat.question.patternId));
    expect(seatsAfter.some((s) => s.question.isGenerated)).toBe(true);
  });

  it('the review queue practises a variant once the pattern’s originals were attempted', async () => {
    const { token } = await t.register();
    const pattern = 'calc2-integration-by-parts-cyclic';
    const ofPattern = await t.db
      .selectFrom('questions')
      .select(['id', 'answer_spec'])
      .where('pattern_id', '=', pattern)
      .where('is_generated', '=', false)
      .execute();
    for (const q of ofPattern) {
      const res = await t.call('POST', `/api/questions/${q.id}/submit`, {
        token,
        body: { answer: fromJson<{ value: string }>(q.answer_spec).value },
      });
      expect(res.json.correct).toBe(true);
    }
    const now = await t.call('GET', '/api/assessment/review?courseId=calc2', { token });
    t.clock.set(new Date(Date.parse(now.json.nextDueAt) + 1000));
    const due = await t.call('GET', '/api/assessment/review?courseId=calc2', { token });
    expect(due.status, due.text).toBe(200);
    const review = due.json.reviews.find((r: { patternId: string }) => r.patternId === pattern);
    expect(review.question.id.startsWith(`${pattern}-v`)).toBe(true);
    expect(review.question.formats).toEqual(['free', 'mcq']);
    // Asking again gives the same variant; answering it (graded like any question) moves on to a new one.
    const again = await t.call('GET', '/api/assessment/review?courseId=calc2', { token });
    expect(again.json.reviews.find((r: { patternId: string }) => r.patternId === pattern).question.id).toBe(
      review.question.id,
    );
    const row = await storedVariant(review.question.id);
    const answered = await t.call('POST', `/api/questions/${row.id}/submit`, {
      token,
      body: { answer: fromJson<{ value: string }>(row.answer_spec).value },
    });
    expect(answered.json.correct).toBe(true);
  });

  it('a pattern with more than a page of originals is exhausted only once its last original was seen', async () => {
    const { user } = await t.register();
    const deps = { db: t.db, clock: t.clock, atomic: t.atomic };
    const source = originals.find((o) => o.pattern_id && generatorFor(o.pattern_id))!;
    const columns = Object.keys(await storedVariant(source.id)) as Array<
      keyof Awaited<ReturnType<typeof storedVariant>>
    >;
    // 40 more originals of the pattern (drawing pages through them 32 at a time), copied from a real one.
    for (let n = 10; n < 50; n++) {
      await t.db
        .insertInto('questions')
        .columns(columns)
        .expression(
          t.db
            .selectFrom('questions')
            .select(columns.map((c) => (c === 'id' ? sql<string>`id || ${`-copy-${n}`}`.as('id') : c)))
            .where('id', '=', source.id),
        )
        .execute();
    }
    const ofPattern = await t.db
      .selectFrom('questions')
      .select('id')
      .where('pattern_id', '=', source.pattern_id)
      .where('is_generated', '=', false)
      .orderBy('id', 'desc')
      .execute();
    expect(ofPattern.length).toBeGreaterThan(40);
    const unlock = (ids: string[]) =>
      t.insertRows(
        'user_unlocks',
        ids.map((id) => ({
          user_id: user.id,
          resource_type: 'question',
          resource_id: id,
          created_at: t.clock.now().toISOString(),
        })),
      );
    const [last, ...rest] = ofPattern.map((q) => q.id);
    await unlock(rest);
    const picked = [source.id];
    expect(await drawVariants(deps, { userId: user.id, questionIds: picked, seed: 'pages' })).toEqual(picked);
    await unlock([last!]);
    const [drawn] = await drawVariants(deps, { userId: user.id, questionIds: picked, seed: 'pages' });
    expect(drawn).not.toBe(source.id);
    expect((await storedVariant(drawn!)).pattern_id).toBe(source.pattern_id);
  });

  it('variants drawn for one student stay out of the bank everyone browses and out of the course counts', async () => {
    const generated = await t.db.selectFrom('questions').select('id').where('is_generated', '=', true).execute();
    expect(generated.length).toBeGreaterThan(0);
    const originalsNow = await t.db
      .selectFrom('questions')
      .select('id')
      .where('course_id', '=', 'calc2')
      .where('is_generated', '=', false)
      .execute();
    const listed: Array<{ id: string; isGenerated: boolean }> = [];
    let cursor: string | null = null;
    do {
      const page = await t.call('GET', `/api/questions?courseId=calc2&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, page.text).toBe(200);
      listed.push(...page.json.questions);
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(listed.map((q) => q.id).sort()).toEqual(originalsNow.map((q) => q.id).sort());
    const byTopic = await t.call('GET', `/api/questions?courseId=calc2&topicId=${TOPIC}&limit=100`);
    expect(byTopic.json.questions.some((q: { isGenerated: boolean }) => q.isGenerated)).toBe(false);
    const course = await t.call('GET', '/api/courses/calc2');
    expect(course.json.course.questionCount).toBe(originalsNow.length);
    // A variant stays reachable by its id for the student who drew it.
    const one = await t.call('GET', `/api/questions/${generated[0]!.id}`);
    expect(one.status, one.text).toBe(200);
  });
});
