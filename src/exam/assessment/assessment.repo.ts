import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import { insertRowWhen } from '../../db/atomic.js';
import type { Db } from '../../db/transaction.js';
import type { StoredCard } from './review-schedule.js';

const cardColumns = [
  'due',
  'stability',
  'difficulty',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'state',
  'last_review',
] as const;

export async function listTopicMastery(db: Db, userId: string, courseId: string) {
  return db
    .selectFrom('topic_mastery')
    .select(['topic_id', 'estimate', 'attempts', 'updated_at'])
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .execute();
}

export async function listPatternMastery(db: Db, userId: string, courseId: string) {
  return db
    .selectFrom('pattern_mastery')
    .select(['pattern_id', 'topic_id', 'estimate', 'attempts', ...cardColumns])
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .execute();
}

/** Patterns due for review now, oldest due first (idx_pattern_mastery_user_course_due). */
/** Review queries can be kept to some topics (those of one exam type); an empty list keeps none. */
export type TopicScope = readonly string[] | undefined;

export async function listDuePatterns(
  db: Db,
  userId: string,
  courseId: string,
  nowIso: string,
  limit: number,
  topics?: TopicScope,
) {
  if (topics?.length === 0) return [];
  return db
    .selectFrom('pattern_mastery')
    .innerJoin('question_patterns', 'question_patterns.id', 'pattern_mastery.pattern_id')
    .innerJoin('topics', 'topics.id', 'pattern_mastery.topic_id')
    .select([
      'pattern_mastery.pattern_id',
      'pattern_mastery.topic_id',
      'pattern_mastery.estimate',
      'pattern_mastery.attempts',
      'pattern_mastery.due',
      'pattern_mastery.stability',
      'pattern_mastery.difficulty',
      'pattern_mastery.scheduled_days',
      'pattern_mastery.learning_steps',
      'pattern_mastery.reps',
      'pattern_mastery.lapses',
      'pattern_mastery.state',
      'pattern_mastery.last_review',
      'question_patterns.name as pattern_name',
      'question_patterns.appearance_rate',
      'topics.name as topic_name',
    ])
    .where('pattern_mastery.user_id', '=', userId)
    .where('pattern_mastery.course_id', '=', courseId)
    .where('pattern_mastery.due', 'is not', null)
    .where('pattern_mastery.due', '<=', nowIso)
    .$if(topics !== undefined, (q) => q.where('pattern_mastery.topic_id', 'in', topics!))
    .orderBy('pattern_mastery.due')
    .orderBy('pattern_mastery.pattern_id')
    .limit(limit)
    .execute();
}

export async function countDuePatterns(
  db: Db,
  userId: string,
  courseId: string,
  nowIso: string,
  topics?: TopicScope,
): Promise<number> {
  if (topics?.length === 0) return 0;
  const row = await db
    .selectFrom('pattern_mastery')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .where('due', 'is not', null)
    .where('due', '<=', nowIso)
    .$if(topics !== undefined, (q) => q.where('topic_id', 'in', topics!))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** When the next review after now falls due (null when nothing is scheduled). */
export async function nextDueAfter(
  db: Db,
  userId: string,
  courseId: string,
  nowIso: string,
  topics?: TopicScope,
): Promise<string | null> {
  if (topics?.length === 0) return null;
  const row = await db
    .selectFrom('pattern_mastery')
    .select((eb) => eb.fn.min('due').as('due'))
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .where('due', '>', nowIso)
    .$if(topics !== undefined, (q) => q.where('topic_id', 'in', topics!))
    .executeTakeFirst();
  return (row?.due as string | null | undefined) ?? null;
}

/**
 * The course's original questions with what a practice pick needs (no answers), or the given questions (`ids`, e.g.
 * the generated variants drawVariants chose).
 */
export async function listCourseQuestions(db: Db, courseId: string, ids?: string[]) {
  let query = db
    .selectFrom('questions')
    .select(['id', 'topic_id', 'pattern_id', 'difficulty', 'question_text', 'source_points', 'estimated_time'])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('question_options').select('question_options.id').whereRef('question_id', '=', 'questions.id'),
        )
        .as('has_options'),
    )
    .where('course_id', '=', courseId);
  query = ids ? query.where('id', 'in', ids.length > 0 ? ids : ['']) : query.where('is_generated', '=', false);
  return query.orderBy('id').execute();
}

export async function listCoursePatterns(db: Db, courseId: string) {
  return db
    .selectFrom('question_patterns')
    .select(['id', 'topic_id', 'name', 'appearance_rate'])
    .where('course_id', '=', courseId)
    .orderBy('id')
    .execute();
}

/** How often each outcome ended a wrong try, per topic, over the user's attempts in a course. */
export async function countWrongOutcomes(db: Db, userId: string, courseId: string) {
  return db
    .selectFrom('attempt_submissions')
    .innerJoin('question_attempts', 'question_attempts.id', 'attempt_submissions.attempt_id')
    .innerJoin('questions', 'questions.id', 'question_attempts.question_id')
    .select(['questions.topic_id', 'attempt_submissions.outcome'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('question_attempts.user_id', '=', userId)
    .where('question_attempts.course_id', '=', courseId)
    .where('attempt_submissions.correct', '=', false)
    .where('attempt_submissions.try_number', 'is not', null)
    .groupBy(['questions.topic_id', 'attempt_submissions.outcome'])
    .execute();
}

export async function findQuestionsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('questions')
    .select(['id', 'course_id', 'topic_id', 'pattern_id', 'answer_spec'])
    .where('id', 'in', ids)
    .execute();
}

// ---- D1: reads before, and guarded upserts inside, one atomic batch (see docs/WORKERS.md) ----

export async function findTopicMastery(db: Db, userId: string, topicId: string) {
  return db
    .selectFrom('topic_mastery')
    .select(['estimate', 'attempts'])
    .where('user_id', '=', userId)
    .where('topic_id', '=', topicId)
    .executeTakeFirst();
}

export async function findPatternMastery(db: Db, userId: string, patternId: string) {
  return db
    .selectFrom('pattern_mastery')
    .select(['estimate', 'attempts', ...cardColumns])
    .where('user_id', '=', userId)
    .where('pattern_id', '=', patternId)
    .executeTakeFirst();
}

/** The topic row is still as read (absent, or the same attempts and estimate): a compare-and-set precondition. */
export function topicMasteryUnchanged(
  db: Db,
  userId: string,
  topicId: string,
  observed: { estimate: number; attempts: number } | undefined,
): Expression<SqlBool> {
  const row = db
    .selectFrom('topic_mastery')
    .select(sql`1`.as('one'))
    .where('topic_mastery.user_id', '=', userId)
    .where('topic_mastery.topic_id', '=', topicId);
  if (!observed) return sql<SqlBool>`not exists ${row}`;
  return sql<SqlBool>`exists ${row.where('topic_mastery.attempts', '=', observed.attempts).where('topic_mastery.estimate', '=', observed.estimate)}`;
}

/** As topicMasteryUnchanged, for a pattern (its review count too). */
export function patternMasteryUnchanged(
  db: Db,
  userId: string,
  patternId: string,
  observed: { estimate: number; attempts: number; reps: number } | undefined,
): Expression<SqlBool> {
  const row = db
    .selectFrom('pattern_mastery')
    .select(sql`1`.as('one'))
    .where('pattern_mastery.user_id', '=', userId)
    .where('pattern_mastery.pattern_id', '=', patternId);
  if (!observed) return sql<SqlBool>`not exists ${row}`;
  return sql<SqlBool>`exists ${row
    .where('pattern_mastery.attempts', '=', observed.attempts)
    .where('pattern_mastery.estimate', '=', observed.estimate)
    .where('pattern_mastery.reps', '=', observed.reps)}`;
}

/** Writes a topic's new mastery (creating the row) only `when` the guard holds. */
export function upsertTopicMasteryQuery(
  db: Db,
  row: { userId: string; topicId: string; courseId: string; estimate: number; attempts: number; nowIso: string },
  when: Expression<SqlBool>,
): CompiledQuery {
  const values = {
    user_id: row.userId,
    topic_id: row.topicId,
    course_id: row.courseId,
    estimate: row.estimate,
    attempts: row.attempts,
    updated_at: row.nowIso,
  };
  return insertRowWhen(db, 'topic_mastery', values, when)
    .onConflict((oc) =>
      oc.columns(['user_id', 'topic_id']).doUpdateSet({
        estimate: sql<number>`excluded.estimate`,
        attempts: sql<number>`excluded.attempts`,
        updated_at: sql<string>`excluded.updated_at`,
      }),
    )
    .compile();
}

/** Writes a pattern's new mastery and, given one, its review card (creating the row) only `when` the guard holds. */
export function upsertPatternMasteryQuery(
  db: Db,
  row: {
    userId: string;
    patternId: string;
    topicId: string;
    courseId: string;
    estimate: number;
    attempts: number;
    nowIso: string;
    card?: StoredCard | undefined;
  },
  when: Expression<SqlBool>,
): CompiledQuery {
  const card = row.card;
  const values = {
    user_id: row.userId,
    pattern_id: row.patternId,
    topic_id: row.topicId,
    course_id: row.courseId,
    estimate: row.estimate,
    attempts: row.attempts,
    updated_at: row.nowIso,
    ...(card ? Object.fromEntries(cardColumns.map((c) => [c, card[c]])) : {}),
  };
  return insertRowWhen(db, 'pattern_mastery', values, when)
    .onConflict((oc) =>
      oc.columns(['user_id', 'pattern_id']).doUpdateSet({
        estimate: sql<number>`excluded.estimate`,
        attempts: sql<number>`excluded.attempts`,
        updated_at: sql<string>`excluded.updated_at`,
        ...(card ? Object.fromEntries(cardColumns.map((c) => [c, sql`excluded.${sql.ref(c)}`])) : {}),
      }),
    )
    .compile();
}
