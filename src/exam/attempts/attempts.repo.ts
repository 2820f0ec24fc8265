import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import { bound } from '../../db/atomic.js';
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

export interface NewAttempt {
  id: string;
  userId: string;
  questionId: string;
  courseId: string;
  mode: 'free' | 'mcq';
  optionOrder: string[] | null;
  nowIso: string;
}

function insertAttemptQuery(tx: Db | Tx, a: NewAttempt) {
  return tx.insertInto('question_attempts').values({
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
  });
}

/** The attempt's insert as one statement of an atomic batch (D1). */
export function insertAttemptCompiled(db: Db, a: NewAttempt): CompiledQuery {
  return insertAttemptQuery(db, a).compile();
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

/** When the attempt was last touched: its latest submission, or its start. */
export async function lastActivityAt(tx: Db | Tx, attemptId: string, startedAt: string): Promise<string> {
  const row = await tx
    .selectFrom('attempt_submissions')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('attempt_id', '=', attemptId)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? startedAt;
}

export interface NewSubmission {
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
}

function insertSubmissionQuery(tx: Db | Tx, s: NewSubmission) {
  return tx.insertInto('attempt_submissions').values({
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
  });
}

/** An uncounted submission's insert as one statement of an atomic batch (D1). */
export function insertSubmissionCompiled(db: Db, s: NewSubmission): CompiledQuery {
  return insertSubmissionQuery(db, s).compile();
}

// ---- D1: statements for one atomic batch (no interactive transactions; see docs/WORKERS.md) ----

/** True inside a batch once the submission with this (fresh) id was inserted by it. */
export function submissionExists(db: Db, submissionId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists ${db.selectFrom('attempt_submissions').select(sql`1`.as('one')).where('attempt_submissions.id', '=', submissionId)}`;
}

/** The attempt as read before a batch: its writes apply only while it is still exactly this (compare-and-set). */
export interface ObservedAttempt {
  id: string;
  tries: number;
  assisted: boolean;
  reviewed: boolean;
}

/**
 * A counted try's submission, inserted only while the attempt is unfinished and unchanged since it was read (same
 * tries, assisted and reviewed) and the extra preconditions (mastery unchanged) hold. The batch's other statements
 * check that this row exists, so a concurrent try makes this whole batch a no-op (and the caller reads again).
 */
export function insertCountedSubmissionQuery(
  db: Db,
  s: NewSubmission,
  observed: ObservedAttempt,
  preconditions: Expression<SqlBool>[],
): CompiledQuery {
  let select = db
    .selectFrom('question_attempts')
    .select([
      bound(s.id).as('id'),
      bound(s.attemptId).as('attempt_id'),
      bound(s.userId).as('user_id'),
      bound(s.questionId).as('question_id'),
      bound(s.tryNumber).as('try_number'),
      bound(s.answer).as('answer'),
      bound(s.optionId).as('option_id'),
      sql.lit(s.correct).as('correct'),
      bound(s.outcome).as('outcome'),
      bound(s.timeSpentMs).as('time_spent_ms'),
      bound(s.nowIso).as('created_at'),
    ])
    .where('question_attempts.id', '=', observed.id)
    .where('question_attempts.finished_at', 'is', null)
    .where('question_attempts.tries', '=', observed.tries)
    .where('question_attempts.assisted', '=', sql.lit(observed.assisted))
    .where('question_attempts.reviewed', '=', sql.lit(observed.reviewed));
  for (const condition of preconditions) select = select.where(condition);
  return db
    .insertInto('attempt_submissions')
    .columns([
      'id',
      'attempt_id',
      'user_id',
      'question_id',
      'try_number',
      'answer',
      'option_id',
      'correct',
      'outcome',
      'time_spent_ms',
      'created_at',
    ])
    .expression(select)
    .compile();
}

/** As claimTry + recordTryOnAttempt (+ claimReview when `review`), applied only `when` the guard holds. */
export function recordTryQuery(
  db: Db,
  attemptId: string,
  t: { timeSpentMs: number; correct: boolean; review: boolean; nowIso: string },
  when: Expression<SqlBool>,
): CompiledQuery {
  return db
    .updateTable('question_attempts')
    .set({
      tries: sql`tries + 1`,
      time_spent_ms: sql`time_spent_ms + ${t.timeSpentMs}`,
      ...(t.correct ? { correct: sql.lit(true), finished_at: t.nowIso } : {}),
      ...(t.review ? { reviewed: sql.lit(true) } : {}),
    })
    .where('id', '=', attemptId)
    .where(when)
    .compile();
}

/**
 * As markAssisted (+ claimReview when `review`): only while the attempt is unfinished, not assisted and unchanged
 * since it was read, and the extra preconditions hold. Affects one row when it applied, none otherwise.
 */
export function markAssistedQuery(
  db: Db,
  observed: ObservedAttempt,
  mark: { review: boolean; revealId: string },
  preconditions: Expression<SqlBool>[],
): CompiledQuery {
  let update = db
    .updateTable('question_attempts')
    .set({ assisted: sql.lit(true), assisted_by: mark.revealId, ...(mark.review ? { reviewed: sql.lit(true) } : {}) })
    .where('id', '=', observed.id)
    .where('assisted', '=', sql.lit(false))
    .where('finished_at', 'is', null)
    .where('tries', '=', observed.tries)
    .where('reviewed', '=', sql.lit(observed.reviewed));
  for (const condition of preconditions) update = update.where(condition);
  return update.compile();
}

/** True once the reveal `revealId` marked the attempt assisted (earlier in its own list). */
export function markedBy(db: Db, attemptId: string, revealId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists ${db
    .selectFrom('question_attempts')
    .select(sql`1`.as('one'))
    .where('question_attempts.id', '=', attemptId)
    .where('question_attempts.assisted_by', '=', revealId)}`;
}

/** Whether a counted submission with this id exists (the outcome of a try's batch). */
export function submissionCountQuery(db: Db, submissionId: string): CompiledQuery {
  return db
    .selectFrom('attempt_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '=', submissionId)
    .compile();
}

/**
 * One page of a user's attempts, newest first, after the `(started_at, id)` of the previous page's last row
 * (idx_question_attempts_user_started), each with its question's text and topic and the outcome of its last answer.
 */
export async function attemptHistoryPage(
  db: Db,
  userId: string,
  page: { limit: number; courseId?: string | undefined; before?: { startedAt: string; id: string } | undefined },
) {
  let query = db
    .selectFrom('question_attempts as a')
    .innerJoin('questions as q', 'q.id', 'a.question_id')
    .select((eb) => [
      'a.id',
      'a.question_id',
      'a.course_id',
      'a.mode',
      'a.started_at',
      'a.finished_at',
      'a.correct',
      'a.assisted',
      'a.tries',
      'a.time_spent_ms',
      'a.exam_id',
      'q.question_text',
      'q.topic_id',
      eb
        .selectFrom('attempt_submissions as s')
        .select('s.outcome')
        .whereRef('s.attempt_id', '=', 'a.id')
        .orderBy('s.created_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(1)
        .as('last_outcome'),
    ])
    .where('a.user_id', '=', userId);
  if (page.courseId) query = query.where('a.course_id', '=', page.courseId);
  const before = page.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('a.started_at', '<', before.startedAt),
        eb.and([eb('a.started_at', '=', before.startedAt), eb('a.id', '<', before.id)]),
      ]),
    );
  }
  return query.orderBy('a.started_at', 'desc').orderBy('a.id', 'desc').limit(page.limit).execute();
}
