import type { CompiledQuery } from 'kysely';
import type { Db } from '../../db/transaction.js';
import { newId } from '../../platform/ids.js';
import type { VariantQuestion } from './generator.js';

/** D1 binds at most 100 parameters per statement: long id lists go in slices. */
const IN_LIST_SLICE = 90;

async function inSlices<T>(ids: string[], query: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_LIST_SLICE) out.push(...(await query(ids.slice(i, i + IN_LIST_SLICE))));
  return out;
}

/** What drawing a variant needs to know of a picked question. */
export async function findPicked(db: Db, ids: string[]) {
  return inSlices(ids, (slice) =>
    db.selectFrom('questions').select(['id', 'pattern_id', 'topic_id', 'course_id']).where('id', 'in', slice).execute(),
  );
}

/** Originals are read a page at a time per pattern, until one the student has not seen turns up. */
const ORIGINALS_PAGE = 32;

/**
 * Of these patterns, the ones whose original (past-exam) questions the user has all seen. Each pattern's originals are
 * read in pages along idx_questions_pattern_id until one the user has not seen turns up, so the work follows what the
 * student has seen, not the size of the bank (a 1M-question bank read every original of the exam's patterns).
 */
export async function exhaustedPatterns(db: Db, userId: string, patternIds: string[]): Promise<Set<string>> {
  const exhausted = new Set<string>();
  await Promise.all(
    patternIds.map(async (patternId) => {
      let after: string | undefined;
      for (;;) {
        let page = db
          .selectFrom('questions')
          .select('id')
          .where('pattern_id', '=', patternId)
          .where('is_generated', '=', false)
          .orderBy('id')
          .limit(ORIGINALS_PAGE);
        if (after !== undefined) page = page.where('id', '>', after);
        const ids = (await page.execute()).map((r) => r.id);
        if (ids.length === 0) {
          exhausted.add(patternId);
          return;
        }
        const seen = await seenQuestionIds(db, userId, ids);
        if (ids.some((id) => !seen.has(id))) return;
        after = ids[ids.length - 1];
      }
    }),
  );
  return exhausted;
}

/** Of these questions, the ones the user has seen: unlocked (practice, bundles) or attempted (progress). */
export async function seenQuestionIds(db: Db, userId: string, ids: string[]): Promise<Set<string>> {
  const unlocked = await inSlices(ids, (slice) =>
    db
      .selectFrom('user_unlocks')
      .select('resource_id as id')
      .where('user_id', '=', userId)
      .where('resource_type', '=', 'question')
      .where('resource_id', 'in', slice)
      .execute(),
  );
  const attempted = await inSlices(ids, (slice) =>
    db
      .selectFrom('user_progress')
      .select('question_id as id')
      .where('user_id', '=', userId)
      .where('question_id', 'in', slice)
      .execute(),
  );
  return new Set([...unlocked, ...attempted].map((r) => r.id));
}

export async function existingIds(db: Db, ids: string[]): Promise<Set<string>> {
  const rows = await inSlices(ids, (slice) =>
    db.selectFrom('questions').select('id').where('id', 'in', slice).execute(),
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The statements storing a verified variant as a question (is_generated, its pattern, parameters and seed) with its
 * options. Each is an insert that does nothing when the row exists: variant ids come from the parameters, so two
 * requests drawing the same variant at once store it once.
 */
export function insertVariantQueries(
  db: Db,
  v: { id: string; courseId: string; topicId: string; seed: string; question: VariantQuestion; now: string },
): CompiledQuery[] {
  const { question: q } = v;
  const { alternates: _alternates, wrong: _wrong, latex, ...spec } = q.answer;
  const queries: CompiledQuery[] = [
    db
      .insertInto('questions')
      .values({
        id: v.id,
        exam_id: null,
        topic_id: v.topicId,
        course_id: v.courseId,
        pattern_id: q.patternId,
        techniques: JSON.stringify(q.techniques),
        question_text: q.text,
        solution_steps: JSON.stringify(q.solution),
        answer: latex,
        answer_kind: q.answer.kind,
        answer_spec: JSON.stringify(spec),
        difficulty: q.difficulty,
        difficulty_reason: q.difficultyReason,
        estimated_time: q.estimatedMinutes,
        is_generated: true,
        variant_params: JSON.stringify(q.params),
        variant_seed: v.seed,
        created_at: v.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .compile(),
  ];
  for (const [position, o] of (q.options ?? []).entries()) {
    queries.push(
      db
        .insertInto('question_options')
        .values({
          id: newId(),
          question_id: v.id,
          position,
          text: o.text,
          is_correct: o.correct,
          mistake: o.correct ? null : (o.mistake ?? null),
        })
        .onConflict((oc) => oc.columns(['question_id', 'position']).doNothing())
        .compile(),
    );
  }
  return queries;
}
