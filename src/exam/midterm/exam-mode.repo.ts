import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import { bound, boundFlag, insertRowWhen } from '../../db/atomic.js';
import type { Db } from '../../db/transaction.js';
import type { GeneratedExamType } from './blueprint.js';

export interface NewExam {
  id: string;
  userId: string;
  courseId: string;
  examType: GeneratedExamType;
  seed: string;
  totalPoints: number;
  durationMinutes: number;
  nowIso: string;
  questions: Array<{ number: number; questionId: string; points: number }>;
}

/**
 * A generated exam and its questions. The exam is inserted unless the caller already has one for this course, type and
 * seed; its questions only if that insert happened (by the fresh id), so a repeated request stores nothing twice.
 */
export function insertExamStatements(db: Db, exam: NewExam): CompiledQuery[] {
  const insertedNow = db.selectFrom('generated_exams').where('generated_exams.id', '=', exam.id);
  return [
    db
      .insertInto('generated_exams')
      .values({
        id: exam.id,
        user_id: exam.userId,
        course_id: exam.courseId,
        exam_type: exam.examType,
        seed: exam.seed,
        total_points: exam.totalPoints,
        duration_minutes: exam.durationMinutes,
        created_at: exam.nowIso,
      })
      .onConflict((oc) => oc.columns(['user_id', 'course_id', 'exam_type', 'seed']).doNothing())
      .compile(),
    ...exam.questions.map((q) =>
      db
        .insertInto('generated_exam_questions')
        .columns(['exam_id', 'number', 'question_id', 'points'])
        .expression(
          insertedNow.select([
            'generated_exams.id as exam_id',
            bound(q.number).as('number'),
            bound(q.questionId).as('question_id'),
            bound(q.points).as('points'),
          ]),
        )
        .compile(),
    ),
  ];
}

const examColumns = [
  'id',
  'user_id',
  'course_id',
  'exam_type',
  'seed',
  'total_points',
  'duration_minutes',
  'created_at',
  'started_at',
  'due_at',
  'submitted_at',
  'late_ms',
  'score',
  'submission_id',
] as const;

export async function findExamBySeed(
  db: Db,
  key: { userId: string; courseId: string; examType: GeneratedExamType; seed: string },
) {
  return db
    .selectFrom('generated_exams')
    .select(examColumns)
    .where('user_id', '=', key.userId)
    .where('course_id', '=', key.courseId)
    .where('exam_type', '=', key.examType)
    .where('seed', '=', key.seed)
    .executeTakeFirst();
}

/** The caller's exam (owner-filtered: another user's exam is not found). */
export async function findExam(db: Db, userId: string, examId: string) {
  return db
    .selectFrom('generated_exams')
    .select(examColumns)
    .where('id', '=', examId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export type ExamRow = NonNullable<Awaited<ReturnType<typeof findExam>>>;

/** An exam's questions in order, each with its bank row (the answer only ever leaves through a submitted exam). */
export async function listExamQuestions(db: Db, examId: string) {
  return db
    .selectFrom('generated_exam_questions as g')
    .innerJoin('questions as q', 'q.id', 'g.question_id')
    .select([
      'g.number',
      'g.points',
      'g.answer as given_answer',
      'g.option_id as given_option_id',
      'g.outcome',
      'g.correct as given_correct',
      'g.score',
    ])
    .selectAll('q')
    .where('g.exam_id', '=', examId)
    .orderBy('g.number')
    .execute();
}

export type ExamQuestionRow = Awaited<ReturnType<typeof listExamQuestions>>[number];

/** The options of several questions at once, authored order (no correctness: that is read when grading). */
export async function listOptionsOf(db: Db, questionIds: string[]) {
  if (questionIds.length === 0) return [];
  return db
    .selectFrom('question_options')
    .select(['id', 'question_id', 'position', 'text', 'is_correct', 'mistake'])
    .where('question_id', 'in', questionIds)
    .orderBy('question_id')
    .orderBy('position')
    .execute();
}

/** The caller's exams, newest first, after a keyset cursor. */
export async function listExams(
  db: Db,
  input: {
    userId: string;
    courseId?: string | undefined;
    examType?: GeneratedExamType | undefined;
    after?: { createdAt: string; id: string } | undefined;
    limit: number;
  },
) {
  let q = db.selectFrom('generated_exams').select(examColumns).where('user_id', '=', input.userId);
  if (input.courseId) q = q.where('course_id', '=', input.courseId);
  if (input.examType) q = q.where('exam_type', '=', input.examType);
  const after = input.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
}

/** Question counts and, once submitted, how many were answered right, per exam. */
export async function countExamQuestions(db: Db, examIds: string[]) {
  if (examIds.length === 0) return new Map<string, { questions: number; correct: number }>();
  const rows = await db
    .selectFrom('generated_exam_questions')
    .select((eb) => [
      'exam_id',
      eb.fn.countAll<number>().as('questions'),
      eb.fn.sum<number>(eb.case().when('correct', '=', boundFlag(true)).then(1).else(0).end()).as('correct'),
    ])
    .where('exam_id', 'in', examIds)
    .groupBy('exam_id')
    .execute();
  return new Map(rows.map((r) => [r.exam_id, { questions: Number(r.questions), correct: Number(r.correct ?? 0) }]));
}

/** Starts the clock once: affects one row the first time, none after (or for another user's exam). */
export async function startExamClock(
  db: Db,
  input: { userId: string; examId: string; nowIso: string; dueIso: string },
): Promise<boolean> {
  const result = await db
    .updateTable('generated_exams')
    .set({ started_at: input.nowIso, due_at: input.dueIso })
    .where('id', '=', input.examId)
    .where('user_id', '=', input.userId)
    .where('started_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** True inside the submission's statements once its claim (by its fresh id) applied. */
export function submissionClaimed(db: Db, examId: string, submissionId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists ${db
    .selectFrom('generated_exams')
    .select(sql`1`.as('one'))
    .where('generated_exams.id', '=', examId)
    .where('generated_exams.submission_id', '=', submissionId)}`;
}

/**
 * Claims a started, unsubmitted exam for one submission, only while the preconditions (mastery rows as read) hold:
 * every other statement of the submission checks this claim.
 */
export function claimSubmissionQuery(
  db: Db,
  claim: { examId: string; userId: string; submissionId: string; nowIso: string; lateMs: number; score: number },
  preconditions: Expression<SqlBool>[],
): CompiledQuery {
  let update = db
    .updateTable('generated_exams')
    .set({ submission_id: claim.submissionId, submitted_at: claim.nowIso, late_ms: claim.lateMs, score: claim.score })
    .where('id', '=', claim.examId)
    .where('user_id', '=', claim.userId)
    .where('started_at', 'is not', null)
    .where('submitted_at', 'is', null);
  for (const condition of preconditions) update = update.where(condition);
  return update.compile();
}

export function recordAnswerQuery(
  db: Db,
  answer: {
    examId: string;
    number: number;
    answer: string | null;
    optionId: string | null;
    outcome: string;
    correct: boolean;
    score: number;
  },
  when: Expression<SqlBool>,
): CompiledQuery {
  return db
    .updateTable('generated_exam_questions')
    .set({
      answer: answer.answer,
      option_id: answer.optionId,
      outcome: answer.outcome,
      correct: boundFlag(answer.correct),
      score: answer.score,
    })
    .where('exam_id', '=', answer.examId)
    .where('number', '=', answer.number)
    .where(when)
    .compile();
}

/** One answered exam question as a finished attempt with its one try (the caller's history and analytics). */
export function insertExamAttemptStatements(
  db: Db,
  a: {
    attemptId: string;
    submissionRowId: string;
    examId: string;
    userId: string;
    questionId: string;
    courseId: string;
    mode: 'free' | 'mcq';
    answer: string | null;
    optionId: string | null;
    correct: boolean;
    outcome: string;
    timeSpentMs: number;
    startedAt: string;
    nowIso: string;
  },
  when: Expression<SqlBool>,
): CompiledQuery[] {
  return [
    insertRowWhen(
      db,
      'question_attempts',
      {
        id: a.attemptId,
        user_id: a.userId,
        question_id: a.questionId,
        course_id: a.courseId,
        mode: a.mode,
        started_at: a.startedAt,
        finished_at: a.nowIso,
        correct: a.correct,
        assisted: false,
        tries: 1,
        time_spent_ms: a.timeSpentMs,
        reviewed: true,
        exam_id: a.examId,
      },
      when,
    ).compile(),
    insertRowWhen(
      db,
      'attempt_submissions',
      {
        id: a.submissionRowId,
        attempt_id: a.attemptId,
        user_id: a.userId,
        question_id: a.questionId,
        try_number: 1,
        answer: a.answer,
        option_id: a.optionId,
        correct: a.correct,
        outcome: a.outcome,
        time_spent_ms: a.timeSpentMs,
        created_at: a.nowIso,
      },
      when,
    ).compile(),
  ];
}

/** The exam's solutions, unlocked by its submission (paid with the exam: no ledger entry of their own). */
export function unlockSolutionQuery(
  db: Db,
  unlock: { userId: string; questionId: string; nowIso: string },
  when: Expression<SqlBool>,
): CompiledQuery {
  const row = {
    user_id: unlock.userId,
    resource_type: 'question',
    resource_id: unlock.questionId,
    created_at: unlock.nowIso,
  };
  return insertRowWhen(db, 'user_unlocks', row, when)
    .onConflict((oc) => oc.columns(['user_id', 'resource_type', 'resource_id']).doNothing())
    .compile();
}
