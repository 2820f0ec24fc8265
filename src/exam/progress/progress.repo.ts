import { sql } from 'kysely';
import type { Db, Tx } from '../../db/transaction.js';

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

/** Adds to a user's progress on a question in one upsert (no read-modify-write, so concurrent tries all count). */
export async function addProgress(tx: Db | Tx, p: ProgressIncrement): Promise<void> {
  const add = {
    attempts: p.attempts ?? 0,
    correct: p.correct ?? 0,
    first_try_correct: p.firstTryCorrect ?? 0,
    assisted: p.assisted ?? 0,
    time_spent_ms: p.timeSpentMs ?? 0,
  };
  await tx
    .insertInto('user_progress')
    .values({ user_id: p.userId, question_id: p.questionId, course_id: p.courseId, last_seen_at: p.nowIso, ...add })
    .onConflict((oc) =>
      oc.columns(['user_id', 'question_id']).doUpdateSet({
        attempts: sql`user_progress.attempts + ${add.attempts}`,
        correct: sql`user_progress.correct + ${add.correct}`,
        first_try_correct: sql`user_progress.first_try_correct + ${add.first_try_correct}`,
        assisted: sql`user_progress.assisted + ${add.assisted}`,
        time_spent_ms: sql`user_progress.time_spent_ms + ${add.time_spent_ms}`,
        last_seen_at: p.nowIso,
      }),
    )
    .execute();
}

export async function listCourseProgress(db: Db, userId: string, courseId: string) {
  return db
    .selectFrom('user_progress')
    .select(['question_id', 'attempts', 'correct', 'first_try_correct', 'assisted', 'time_spent_ms', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .execute();
}

/** Totals of a user's progress in a course (idx_user_progress_user_course). */
export async function summarizeCourseProgress(db: Db, userId: string, courseId: string) {
  const row = await db
    .selectFrom('user_progress')
    .select((eb) => [
      eb.fn.countAll<number>().as('questions_seen'),
      eb.fn.sum<number>('attempts').as('attempts'),
      eb.fn.sum<number>(sql`case when correct > 0 then 1 else 0 end`).as('questions_correct'),
      eb.fn.sum<number>(sql`case when first_try_correct > 0 then 1 else 0 end`).as('questions_first_try'),
      eb.fn.sum<number>('assisted').as('assisted'),
      eb.fn.sum<number>('time_spent_ms').as('time_spent_ms'),
      eb.fn.max('last_seen_at').as('last_seen_at'),
    ])
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .executeTakeFirst();
  return {
    questionsSeen: Number(row?.questions_seen ?? 0),
    attempts: Number(row?.attempts ?? 0),
    questionsCorrect: Number(row?.questions_correct ?? 0),
    questionsFirstTry: Number(row?.questions_first_try ?? 0),
    assisted: Number(row?.assisted ?? 0),
    timeSpentMs: Number(row?.time_spent_ms ?? 0),
    lastSeenAt: (row?.last_seen_at as string | null | undefined) ?? null,
  };
}
