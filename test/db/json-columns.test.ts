import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJson } from '../../src/db/schema.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';

/**
 * Every JSON column (JSONB on PostgreSQL, TEXT on SQLite and D1) gives back what was stored, whatever the JSON value's
 * type. PostgreSQL's driver used to parse JSONB itself, so a stored JSON string ("Skool") came back as a bare string and
 * `fromJson` ran JSON.parse on it: the coach answered 500 once a decision had a plain string value.
 */

// NUL and lone surrogates are refused at the edge (PostgreSQL cannot store them in JSONB); every other character is fair.
const storableString = fc
  .string({ unit: 'grapheme', maxLength: 20 })
  .filter((s) => !s.includes('\u0000'))
  .map((s) => s.normalize());
const jsonValue = fc.oneof(
  storableString,
  fc.constantFrom('Skool', '', 'null', '42', 'עברית', '🎓 exam', '"quoted"'),
  fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }).filter((v) => !JSON.stringify(v).includes('\\u0000')),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.array(storableString, { maxLength: 4 }),
  fc.dictionary(storableString, fc.oneof(storableString, fc.integer(), fc.boolean(), fc.constant(null)), {
    maxKeys: 4,
  }),
);

describe.each(dialects)('JSON columns on %s', (dialect) => {
  let t: TestDatabase;
  const nowIso = '2026-01-01T00:00:00.000Z';
  const userId = 'u_json';
  const projectId = 'p_json';
  const courseId = 'json_course';

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const db = t.handle.db;
    await db
      .insertInto('users')
      .values({
        id: userId,
        email: 'json@example.com',
        password_hash: 'x',
        is_active: true,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    await db.insertInto('courses').values({ id: courseId, name: 'JSON', created_at: nowIso }).execute();
    await db
      .insertInto('active_projects')
      .values({
        id: projectId,
        user_id: userId,
        opportunity_id: 'o',
        title: 'JSON',
        status: 'paused',
        customized_plan: '{}',
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
  });
  afterAll(() => t.destroy());

  // One writer and one reader per JSON column, both through the driver as the application uses it.
  const columns: Record<string, (value: unknown, n: number) => Promise<unknown>> = {
    'creator_profiles.platforms': async (value) => {
      const db = t.handle.db;
      const stored = JSON.stringify(value);
      await db
        .insertInto('creator_profiles')
        .values({
          id: 'cp_json',
          user_id: userId,
          niche: 'n',
          platforms: stored,
          total_followers: 0,
          current_monthly_income: 0,
          goal: 'g',
          hours_per_week: 1,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ platforms: stored }))
        .execute();
      const row = await db
        .selectFrom('creator_profiles')
        .select('platforms')
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return fromJson(row.platforms);
    },
    'active_projects.customized_plan': async (value) => {
      const db = t.handle.db;
      await db
        .updateTable('active_projects')
        .set({ customized_plan: JSON.stringify(value) })
        .where('id', '=', projectId)
        .execute();
      const row = await db
        .selectFrom('active_projects')
        .select('customized_plan')
        .where('id', '=', projectId)
        .executeTakeFirstOrThrow();
      return fromJson(row.customized_plan);
    },
    'project_decisions.value': async (value, n) => {
      const db = t.handle.db;
      const id = `d_${n}`;
      await db
        .insertInto('project_decisions')
        .values({
          id,
          project_id: projectId,
          user_id: userId,
          category: 'platform',
          value: JSON.stringify(value),
          summary: 's',
          confidence: 'high',
          status: 'superseded',
          created_at: nowIso,
        })
        .execute();
      const row = await db
        .selectFrom('project_decisions')
        .select('value')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return fromJson(row.value);
    },
    'analysis_cache.analysis': async (value, n) => {
      const db = t.handle.db;
      const stored = JSON.stringify(value);
      await db
        .insertInto('analysis_cache')
        .values({ course_id: courseId, data_version: n, analysis: stored, computed_at: nowIso })
        .onConflict((oc) => oc.column('course_id').doUpdateSet({ analysis: stored, data_version: n }))
        .execute();
      const row = await db
        .selectFrom('analysis_cache')
        .select('analysis')
        .where('course_id', '=', courseId)
        .executeTakeFirstOrThrow();
      return fromJson(row.analysis);
    },
  };

  it.each(Object.keys(columns))('%s round-trips every JSON value type', async (column) => {
    const roundTrip = columns[column] as (value: unknown, n: number) => Promise<unknown>;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(jsonValue, async (value) => {
        n += 1;
        // Compared as JSON would carry it: object key order is not part of a JSON value (JSONB sorts keys).
        expect(await roundTrip(value, n)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 60 },
    );
  });

  it('a decision whose value is a plain string reads back as that string', async () => {
    expect(await columns['project_decisions.value']?.('Skool', 100_000)).toBe('Skool');
  });
});
