import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import { insertRowWhen } from '../../db/atomic.js';
import type { Db } from '../../db/transaction.js';

/** Counters added to a user's progress on one question (all default to 0). */
export interface ProgressIncrement {
  userId: string;
  questionId: string;
  courseId: string;
  nowIso: string;
  attempts?: number;
  correct?: number;
  firstTryCorrect?: number;
  assisted?: number;
  timeSpentMs?: number;
}

function increments(p: ProgressIncrement) {
  return {
    attempts: p.attempts ?? 0,
    correct: p.correct ?? 0,
    first_try_correct: p.firstTryCorrect ?? 0,
    assisted: p.assisted ?? 0,
    time_spent_ms: p.timeSpentMs ?? 0,
  };
}

function addTo(add: ReturnType<typeof increments>, nowIso: string) {
  return {
    attempts: sql<number>`user_progress.attempts + ${add.attempts}`,
    correct: sql<number>`user_progress.correct + ${add.correct}`,
    first_try_correct: sql<number>`user_progress.first_try_correct + ${add.first_try_correct}`,
    assisted: sql<number>`user_progress.assisted + ${add.assisted}`,
    time_spent_ms: sql<number>`user_progress.time_spent_ms + ${add.time_spent_ms}`,
    last_seen_at: nowIso,
  };
}

/**
 * addProgress as one statement of an atomic batch (D1), applied only `when` the guard holds (an `INSERT ... SELECT
 * ... WHERE` upsert; without a guard, the same statement addProgress runs).
 */
export function addProgressQuery(db: Db, p: ProgressIncrement, when?: Expression<SqlBool>): CompiledQuery {
  const add = increments(p);
  const row = {
    user_id: p.userId,
    question_id: p.questionId,
    course_id: p.courseId,
    last_seen_at: p.nowIso,
    attempts: add.attempts,
    correct: add.correct,
    first_try_correct: add.first_try_correct,
    assisted: add.assisted,
    time_spent_ms: add.time_spent_ms,
  };
  // SQLite needs a WHERE in an upsert's SELECT (else ON reads as a join constraint).
  return insertRowWhen(db, 'user_progress', row, when ?? sql<SqlBool>`true`)
    .onConflict((oc) => oc.columns(['user_id', 'question_id']).doUpdateSet(addTo(add, p.nowIso)))
    .compile();
}

export async function listCourseProgress(db: Db, userId: string, courseId: string) {
  return db
    .selectFrom('user_progress')
    .select(['question_id', 'attempts', 'correct', 'first_try_correct', 'assisted', 'time_spent_ms', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .execute();
}

/**
 * Totals of a user's progress in a course (idx_user_progress_user_course). A question counts as seen once it was
 * attempted or unlocked (a practice set or bundle hands its questions over with their solutions: the student has seen
 * them even before trying one). Seen, correct and first-try count the course's past-exam questions, the bank its
 * question count is of; attempts and time count all practice, variants included.
 */
export async function summarizeCourseProgress(db: Db, userId: string, courseId: string) {
  const original = sql<boolean>`not questions.is_generated`;
  const [row, seen] = await Promise.all([
    db
      .selectFrom('user_progress')
      .innerJoin('questions', 'questions.id', 'user_progress.question_id')
      .select((eb) => [
        eb.fn.sum<number>('user_progress.attempts').as('attempts'),
        eb.fn
          .sum<number>(sql`case when user_progress.correct > 0 and ${original} then 1 else 0 end`)
          .as('questions_correct'),
        eb.fn
          .sum<number>(sql`case when user_progress.first_try_correct > 0 and ${original} then 1 else 0 end`)
          .as('questions_first_try'),
        eb.fn.sum<number>('user_progress.assisted').as('assisted'),
        eb.fn.sum<number>('user_progress.time_spent_ms').as('time_spent_ms'),
        eb.fn.max('user_progress.last_seen_at').as('last_seen_at'),
      ])
      .where('user_progress.user_id', '=', userId)
      .where('user_progress.course_id', '=', courseId)
      .executeTakeFirst(),
    db
      .selectFrom(
        db
          .selectFrom('user_progress')
          .innerJoin('questions', 'questions.id', 'user_progress.question_id')
          .select('user_progress.question_id')
          .where('user_progress.user_id', '=', userId)
          .where('user_progress.course_id', '=', courseId)
          .where('questions.is_generated', '=', false)
          .union(
            db
              .selectFrom('user_unlocks')
              .innerJoin('questions', 'questions.id', 'user_unlocks.resource_id')
              .select('user_unlocks.resource_id as question_id')
              .where('user_unlocks.user_id', '=', userId)
              .where('user_unlocks.resource_type', '=', 'question')
              .where('questions.course_id', '=', courseId)
              .where('questions.is_generated', '=', false),
          )
          .as('seen'),
      )
      .select((eb) => eb.fn.countAll<number>().as('questions_seen'))
      .executeTakeFirst(),
  ]);
  return {
    questionsSeen: Number(seen?.questions_seen ?? 0),
    attempts: Number(row?.attempts ?? 0),
    questionsCorrect: Number(row?.questions_correct ?? 0),
    questionsFirstTry: Number(row?.questions_first_try ?? 0),
    assisted: Number(row?.assisted ?? 0),
    timeSpentMs: Number(row?.time_spent_ms ?? 0),
    lastSeenAt: (row?.last_seen_at as string | null | undefined) ?? null,
  };
}
