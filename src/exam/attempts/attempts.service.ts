import { fromJson, type QuestionRow, toBool } from '../../db/schema.js';
import { unlockWithCredits } from '../../platform/credits/credits.service.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { validationError } from '../../platform/http/router.js';
import { newId } from '../../platform/ids.js';
import { shuffled } from '../../platform/random.js';
import type { AnswerMode } from '../assessment/mastery.js';
import { addProgressQuery } from '../progress/progress.service.js';
import {
  type QuestionSummary,
  type QuestionWithSolution,
  toQuestionSummary,
  toQuestionWithSolution,
} from '../questions/questions.mapper.js';
import { findQuestion, questionSource } from '../questions/questions.service.js';
import * as repo from './attempts.repo.js';
import { MAX_TRY_TIME_MS, markAssistedInBatch, recordTryInBatch } from './attempts-batch.js';
import {
  type AnswerSpec,
  gradeFreeResponse,
  gradeOption,
  type SubmissionGrade,
  type SubmissionOutcome,
} from './grade-submission.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export { listOptions } from './attempts.repo.js';

export { MAX_TRY_TIME_MS };

export interface AttemptView {
  id: string;
  questionId: string;
  mode: AnswerMode;
  startedAt: string;
  finishedAt: string | null;
  tries: number;
  correct: boolean;
  assisted: boolean;
  timeSpentMs: number;
}

function toAttemptView(row: repo.AttemptRow): AttemptView {
  return {
    id: row.id,
    questionId: row.question_id,
    mode: row.mode,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    tries: row.tries,
    correct: toBool(row.correct),
    assisted: toBool(row.assisted),
    timeSpentMs: Number(row.time_spent_ms),
  };
}

async function requireQuestion(deps: ServiceDeps, questionId: string): Promise<QuestionRow> {
  const question = await findQuestion(deps.db, questionId);
  if (!question) throw notFound(`Question "${questionId}"`);
  return question;
}

/** The caller's attempt on this question; another user's attempt (or one on another question) is a 404. */
async function requireAttempt(deps: ServiceDeps, userId: string, questionId: string, attemptId: string) {
  const attempt = await repo.findAttempt(deps.db, userId, attemptId);
  if (!attempt || attempt.question_id !== questionId) throw notFound(`Attempt "${attemptId}"`);
  return attempt;
}

export interface StartResult {
  attempt: AttemptView;
  question: QuestionSummary;
  formats: AnswerMode[];
  options: Array<{ id: string; text: string }> | null;
}

/**
 * Opens an attempt: the question without its answer and, in multiple-choice mode, its options shuffled for this
 * attempt (the order is stored on the attempt; grading is by option id, so the order never matters for correctness).
 */
export async function startAttempt(
  deps: ServiceDeps,
  input: { userId: string; questionId: string; mode?: AnswerMode | undefined },
): Promise<StartResult> {
  const question = await requireQuestion(deps, input.questionId);
  const options = await repo.listOptions(deps.db, question.id);
  const mode = input.mode ?? 'free';
  if (mode === 'mcq' && options.length === 0) {
    throw validationError([{ field: 'mode', message: 'this question has no multiple-choice options; use "free"' }]);
  }
  const order = mode === 'mcq' ? shuffled(options, deps.random) : null;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const id = newId();
  const attempt = {
    id,
    userId: input.userId,
    questionId: question.id,
    courseId: question.course_id,
    mode,
    optionOrder: order ? order.map((o) => o.id) : null,
    nowIso,
  };
  const progress = { userId: input.userId, questionId: question.id, courseId: question.course_id, nowIso, attempts: 1 };
  // Two independent writes, one atomic list.
  await deps.atomic([repo.insertAttemptCompiled(deps.db, attempt), addProgressQuery(deps.db, progress)]);
  return {
    attempt: {
      id,
      questionId: question.id,
      mode,
      startedAt: nowIso,
      finishedAt: null,
      tries: 0,
      correct: false,
      assisted: false,
      timeSpentMs: 0,
    },
    question: toQuestionSummary(question),
    formats: options.length > 0 ? ['free', 'mcq'] : ['free'],
    options: order ? order.map((o) => ({ id: o.id, text: o.text })) : null,
  };
}

export interface SubmitInput {
  userId: string;
  questionId: string;
  attemptId?: string | undefined;
  answer?: string | undefined;
  optionId?: string | undefined;
}

export interface SubmitResult {
  correct: boolean;
  outcome: SubmissionOutcome;
  feedback: string;
  mistake: string | null;
  /** False for input that was not graded (a grader failure): it does not count as a try. */
  counted: boolean;
  tryNumber: number | null;
  timeSpentMs: number;
  attempt: AttemptView;
}

/** The attempt a submission goes to: the one named, else the latest open one, else a new one in the answer's mode. */
async function attemptForSubmission(deps: ServiceDeps, question: QuestionRow, input: SubmitInput) {
  if (input.attemptId) return requireAttempt(deps, input.userId, question.id, input.attemptId);
  const open = await repo.findOpenAttempt(deps.db, input.userId, question.id);
  if (open) return open;
  const mode: AnswerMode = input.optionId !== undefined ? 'mcq' : 'free';
  const started = await startAttempt(deps, { userId: input.userId, questionId: question.id, mode });
  const created = await repo.findAttempt(deps.db, input.userId, started.attempt.id);
  if (!created) throw new Error('attempt vanished after insert');
  return created;
}

/**
 * Grades one try. Unparsable input answers 422 (`unparsable_answer`, naming where reading failed) and does not count
 * as a try; it is still recorded with its outcome. A counted try updates the attempt, the caller's progress and
 * mastery, and, when it resolves the attempt, the pattern's review schedule, all in one transaction.
 */
export async function submitAnswer(deps: ServiceDeps, input: SubmitInput): Promise<SubmitResult> {
  const question = await requireQuestion(deps, input.questionId);
  const attempt = await attemptForSubmission(deps, question, input);
  if (attempt.finished_at !== null) {
    throw new AppError('conflict', 'This attempt is already answered correctly; start a new attempt to try again');
  }

  let grade: SubmissionGrade;
  if (attempt.mode === 'mcq') {
    if (input.optionId === undefined) {
      throw validationError([{ field: 'optionId', message: 'this attempt is multiple choice: send optionId' }]);
    }
    const option = (await repo.listOptions(deps.db, question.id)).find((o) => o.id === input.optionId);
    if (!option) throw validationError([{ field: 'optionId', message: 'is not an option of this question' }]);
    grade = gradeOption(option);
  } else {
    if (input.answer === undefined) {
      throw validationError([{ field: 'answer', message: 'this attempt is free response: send answer' }]);
    }
    grade = gradeFreeResponse(fromJson<AnswerSpec>(question.answer_spec), input.answer, {
      logger: deps.logger,
      questionId: question.id,
    });
  }

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const counted = grade.outcome !== 'unparsable' && grade.outcome !== 'grading_error';
  const sinceLast = async (tx: Parameters<typeof repo.lastActivityAt>[0]) => {
    const last = await repo.lastActivityAt(tx, attempt.id, attempt.started_at);
    return Math.min(MAX_TRY_TIME_MS, Math.max(0, now.getTime() - Date.parse(last)));
  };
  const submission = {
    attemptId: attempt.id,
    userId: input.userId,
    questionId: question.id,
    answer: input.answer ?? null,
    optionId: attempt.mode === 'mcq' ? (input.optionId ?? null) : null,
    correct: grade.correct,
    outcome: grade.outcome,
    nowIso,
  };

  if (!counted) {
    const progress = {
      userId: input.userId,
      questionId: question.id,
      courseId: question.course_id,
      nowIso,
    };
    // Two independent writes, one atomic list.
    const timeSpentMs = await sinceLast(deps.db);
    await deps.atomic([
      repo.insertSubmissionCompiled(deps.db, { ...submission, id: newId(), tryNumber: null, timeSpentMs }),
      addProgressQuery(deps.db, { ...progress, timeSpentMs }),
    ]);
    if (grade.outcome === 'unparsable') {
      throw new AppError('unparsable_answer', grade.feedback, {
        details: {
          field: 'answer',
          message: grade.parseError?.message ?? 'the answer could not be read',
          position: grade.parseError?.position ?? null,
        },
      });
    }
    return { ...result(grade, false, null, timeSpentMs), attempt: toAttemptView(attempt) };
  }

  const { tryNumber, timeSpentMs } = await recordTryInBatch(deps, { question, attempt, grade, submission, now });
  const updated = await repo.findAttempt(deps.db, input.userId, attempt.id);
  return { ...result(grade, true, tryNumber, timeSpentMs), attempt: toAttemptView(updated ?? attempt) };
}

function result(grade: SubmissionGrade, counted: boolean, tryNumber: number | null, timeSpentMs: number) {
  return {
    correct: grade.correct,
    outcome: grade.outcome,
    feedback: grade.feedback,
    mistake: grade.mistake,
    counted,
    tryNumber,
    timeSpentMs,
  };
}

export const SOLUTION_PRICE = 1;

export interface SolutionResult {
  question: QuestionWithSolution;
  charged: number;
  balance: number | null;
  /** The attempt this reveal marked as assisted (null when there was no open attempt). */
  assistedAttemptId: string | null;
}

/**
 * Reveals the worked solution and answer: free when the question is already unlocked (by a practice set, a bundle or
 * an earlier reveal), else 1 credit, through the same unlock. It marks the open attempt (the one named, else the
 * latest unfinished one) as assisted: evidence the question was not mastered, and a review rated Again.
 */
export async function revealSolution(
  deps: ServiceDeps,
  input: { userId: string; questionId: string; attemptId?: string | undefined },
): Promise<SolutionResult> {
  const question = await requireQuestion(deps, input.questionId);
  const named = input.attemptId ? await requireAttempt(deps, input.userId, question.id, input.attemptId) : undefined;
  const now = deps.clock.now();
  const _nowIso = now.toISOString();
  // The unlock and its charge are the credits' own atomic list (as for practice sets: charged once, free afterwards);
  // marking the attempt assisted follows, conditioned on the attempt as read.
  const { charged, balance } = await unlockWithCredits(deps, {
    userId: input.userId,
    type: 'question',
    resourceIds: [question.id],
    price: (newlyUnlocked) => newlyUnlocked * SOLUTION_PRICE,
    description: `Solution to ${questionSource(question)}`,
  });
  const assistedAttemptId = await markAssistedInBatch(deps, {
    userId: input.userId,
    question,
    attemptId: named?.id,
    now,
  });
  return {
    question: toQuestionWithSolution(question),
    charged,
    balance: balance ?? null,
    assistedAttemptId: assistedAttemptId ?? null,
  };
}
