import { sql } from 'kysely';
import type { Db, Tx } from '../../db/transaction.js';

export async function listOptions(db: Db | Tx, questionId: string) {
  return db
    .selectFrom('question_options')
    .select(['id', 'position', 'text', 'is_correct', 'mistake'])
    .where('question_id', '=', questionId)
    .orderBy('position')
    .execute();
}

export type OptionRow = Awaited<ReturnType<typeof listOptions>>[number];

export async function insertAttempt(
  tx: Db | Tx,
  a: {
    id: string;
    userId: string;
    questionId: string;
    courseId: string;
    mode: 'free' | 'mcq';
    optionOrder: string[] | null;
    nowIso: string;
  },
): Promise<void> {
  await tx
    .insertInto('question_attempts')
    .values({
      id: a.id,
      user_id: a.userId,
      question_id: a.questionId,
      course_id: a.courseId,
      mode: a.mode,
      option_order: a.optionOrder ? JSON.stringify(a.optionOrder) : null,
      started_at: a.nowIso,
      correct: false,
      assisted: false,
      reviewed: false,
    })
    .execute();
}

const attemptColumns = [
  'id',
  'user_id',
  'question_id',
  'course_id',
  'mode',
  'option_order',
  'started_at',
  'finished_at',
  'correct',
  'assisted',
  'tries',
  'time_spent_ms',
  'reviewed',
] as const;

/** The caller's attempt (owner-filtered: another user's attempt is not found). */
export async function findAttempt(db: Db | Tx, userId: string, attemptId: string) {
  return db
    .selectFrom('question_attempts')
    .select(attemptColumns)
    .where('id', '=', attemptId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export type AttemptRow = NonNullable<Awaited<ReturnType<typeof findAttempt>>>;

/** The caller's most recent unfinished attempt on a question (idx_question_attempts_user_question). */
export async function findOpenAttempt(db: Db | Tx, userId: string, questionId: string) {
  return db
    .selectFrom('question_attempts')
    .select(attemptColumns)
    .where('user_id', '=', userId)
    .where('question_id', '=', questionId)
    .where('finished_at', 'is', null)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Claims the next try number of an unfinished attempt in one conditional update (which also locks the row on
 * PostgreSQL for the rest of the transaction); undefined when the attempt is finished.
 */
export async function claimTry(tx: Tx, attemptId: string) {
  return tx
    .updateTable('question_attempts')
    .set({ tries: sql`tries + 1` })
    .where('id', '=', attemptId)
    .where('finished_at', 'is', null)
    .returning(['tries', 'assisted', 'reviewed'])
    .executeTakeFirst();
}

/** When the attempt was last touched: its latest submission, or its start. */
export async function lastActivityAt(tx: Db | Tx, attemptId: string, startedAt: string): Promise<string> {
  const row = await tx
    .selectFrom('attempt_submissions')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('attempt_id', '=', attemptId)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? startedAt;
}

export async function insertSubmission(
  tx: Db | Tx,
  s: {
    id: string;
    attemptId: string;
    userId: string;
    questionId: string;
    tryNumber: number | null;
    answer: string | null;
    optionId: string | null;
    correct: boolean;
    outcome: string;
    timeSpentMs: number;
    nowIso: string;
  },
): Promise<void> {
  await tx
    .insertInto('attempt_submissions')
    .values({
      id: s.id,
      attempt_id: s.attemptId,
      user_id: s.userId,
      question_id: s.questionId,
      try_number: s.tryNumber,
      answer: s.answer,
      option_id: s.optionId,
      correct: s.correct,
      outcome: s.outcome,
      time_spent_ms: s.timeSpentMs,
      created_at: s.nowIso,
    })
    .execute();
}

/** Adds a try's time to the attempt, and finishes it when the try was correct. */
export async function recordTryOnAttempt(
  tx: Tx,
  attemptId: string,
  t: { timeSpentMs: number; correct: boolean; nowIso: string },
): Promise<void> {
  await tx
    .updateTable('question_attempts')
    .set({
      time_spent_ms: sql`time_spent_ms + ${t.timeSpentMs}`,
      ...(t.correct ? { correct: true, finished_at: t.nowIso } : {}),
    })
    .where('id', '=', attemptId)
    .execute();
}

/** Marks an unfinished attempt as assisted; undefined when it already was (or is finished), so it counts once. */
export async function markAssisted(tx: Tx, attemptId: string) {
  return tx
    .updateTable('question_attempts')
    .set({ assisted: true })
    .where('id', '=', attemptId)
    .where('assisted', '=', false)
    .where('finished_at', 'is', null)
    .returning(['tries', 'reviewed', 'mode'])
    .executeTakeFirst();
}

/** Marks the attempt as applied to its pattern's review schedule; false when it already was. */
export async function claimReview(tx: Tx, attemptId: string): Promise<boolean> {
  const result = await tx
    .updateTable('question_attempts')
    .set({ reviewed: true })
    .where('id', '=', attemptId)
    .where('reviewed', '=', false)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
