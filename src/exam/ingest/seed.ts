import { sql } from 'kysely';
import type { Db, Tx } from '../../db/transaction.js';
import { withTransaction } from '../../db/transaction.js';
import { newId } from '../../platform/ids.js';
import type { CourseContent } from '../content/load.js';
import type { QuestionContent } from '../content/schema.js';
import { recomputeCourseStatistics } from './statistics.js';

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * Writes one course's content (course, topics, exams, patterns, questions) and recomputes its statistics, in one
 * transaction. Re-running it updates rows in place, so content edits can be re-seeded.
 */
export async function seedCourse(db: Db, content: CourseContent, now: Date): Promise<void> {
  const nowIso = now.toISOString();
  await withTransaction(db, async (tx) => {
    const { course } = content;
    await tx
      .insertInto('courses')
      .values({
        id: course.id,
        name: course.name,
        description: course.description,
        is_active: true,
        created_at: nowIso,
      })
      // Any re-seed or import may change exams or questions: a new data version invalidates the cached analysis.
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: course.name,
          description: course.description,
          data_version: sql`courses.data_version + 1`,
        }),
      )
      .execute();
    for (const [position, t] of content.topics.entries()) {
      const values = { name: t.name, slug: t.slug, category: t.category, difficulty: t.difficulty, position };
      await tx
        .insertInto('topics')
        .values({ id: t.id, course_id: course.id, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    }
    for (const e of content.exams) {
      const values = {
        year: e.year,
        semester: e.semester,
        exam_type: e.type,
        total_points: e.totalPoints,
        exam_date: dayMs(e.date),
        processed: true,
      };
      await tx
        .insertInto('exams')
        .values({ id: e.id, course_id: course.id, upload_date: now.getTime(), ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    }
    for (const p of content.patterns) {
      const values = {
        name: p.name,
        topic_id: p.topicId,
        techniques: JSON.stringify(p.techniques),
        canonical_form: p.canonicalForm,
        updated_at: nowIso,
      };
      await tx
        .insertInto('question_patterns')
        .values({ id: p.id, course_id: course.id, created_at: nowIso, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    }
    const examById = new Map(content.exams.map((e) => [e.id, e]));
    for (const q of content.questions) {
      const exam = examById.get(q.exam);
      const { alternates: _alternates, wrong: _wrong, latex, ...spec } = q.answer;
      const values = {
        exam_id: q.exam,
        topic_id: q.topicId,
        course_id: course.id,
        pattern_id: q.pattern,
        techniques: JSON.stringify(q.techniques),
        question_text: q.text,
        solution_steps: JSON.stringify(q.solution),
        answer: latex,
        answer_kind: q.answer.kind,
        // The options live in question_options; answer_spec is what the grader needs.
        answer_spec: JSON.stringify(spec),
        difficulty: q.difficulty,
        difficulty_reason: q.difficultyReason,
        estimated_time: q.estimatedMinutes,
        source_exam_year: exam?.year ?? null,
        source_exam_type: exam?.type ?? null,
        source_question_number: q.number,
        source_points: q.points,
        is_generated: false,
      };
      await tx
        .insertInto('questions')
        .values({ id: q.id, created_at: nowIso, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      await syncOptions(tx, q.id, q.options ?? []);
    }
    await recomputeCourseStatistics(tx, course.id, nowIso);
  });
}

/**
 * Multiple-choice options, upserted by authored position so an option keeps its (random, unguessable) id across
 * re-seeds and past submissions keep pointing at it; positions no longer authored are removed.
 */
async function syncOptions(
  tx: Tx,
  questionId: string,
  options: NonNullable<QuestionContent['options']>,
): Promise<void> {
  // Clear the old correct answer first: at most one option may be correct at any moment (a unique index).
  await tx.updateTable('question_options').set({ is_correct: false }).where('question_id', '=', questionId).execute();
  for (const [position, o] of options.entries()) {
    const values = { text: o.text, is_correct: o.correct, mistake: o.correct ? null : (o.mistake ?? null) };
    await tx
      .insertInto('question_options')
      .values({ id: newId(), question_id: questionId, position, ...values })
      .onConflict((oc) => oc.columns(['question_id', 'position']).doUpdateSet(values))
      .execute();
  }
  await tx
    .deleteFrom('question_options')
    .where('question_id', '=', questionId)
    .where('position', '>=', options.length)
    .execute();
}

/** Which of `courseIds` the database has no course for. */
export async function missingCourseIds(db: Db, courseIds: readonly string[]): Promise<string[]> {
  if (courseIds.length === 0) return [];
  const rows = await db.selectFrom('courses').select('id').where('id', 'in', courseIds).execute();
  const present = new Set(rows.map((r) => r.id));
  return courseIds.filter((id) => !present.has(id));
}
