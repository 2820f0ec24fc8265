import { affectedRows, firstRow } from '../../db/atomic.js';
import { type QuestionRow, toBool } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { evidenceBatch, readMastery } from '../assessment/evidence.js';
import { type AnswerMode, evidenceFor } from '../assessment/mastery.js';
import { REVIEW_AFTER_WRONG_TRIES, ratingFor } from '../assessment/review-schedule.js';
import { addProgressQuery } from '../progress/progress.service.js';
import * as repo from './attempts.repo.js';
import type { SubmissionGrade } from './grade-submission.js';

/**
 * A try and a reveal's marking, each as one atomic statement list (src/db/atomic.ts). Reads (the attempt, its last
 * activity, the mastery rows) happen first. The list starts by writing the user's row, so on PostgreSQL the same
 * user's tries and reveals queue and each later statement sees the earlier ones committed; its next statement
 * re-checks in SQL that nothing the list was computed from has changed, and every later statement applies only if that
 * one did (by a fresh id it wrote). A list that lost a race changes nothing and is recomputed from fresh reads.
 */
type BatchDeps = Pick<ServiceDeps, 'db' | 'atomic'>;

/** Takes the user's row (a no-op write) so the same user's lists queue on PostgreSQL. */
const lockUser = (db: ServiceDeps['db'], userId: string) =>
  db
    .updateTable('users')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', userId)
    .compile();

/** Enough for any realistic contention; each lost race means another request's batch committed in between. */
const MAX_ATTEMPTS = 8;

/** A try's time is the time since the attempt's previous activity, capped so a tab left open does not count. */
export const MAX_TRY_TIME_MS = 30 * 60_000;

const alreadyAnswered = () =>
  new AppError('conflict', 'This attempt is already answered correctly; start a new attempt to try again');

export interface TryInput {
  question: QuestionRow;
  attempt: repo.AttemptRow;
  grade: SubmissionGrade;
  submission: Omit<repo.NewSubmission, 'id' | 'tryNumber' | 'timeSpentMs'>;
  now: Date;
}

/**
 * A counted try as one batch: the submission (only while the attempt and the mastery rows are as read), then the
 * attempt's try count and time, the progress counters and the mastery/review update, each only if that submission
 * row (by its fresh id) exists.
 */
export async function recordTryInBatch(
  deps: BatchDeps,
  input: TryInput,
): Promise<{ tryNumber: number; timeSpentMs: number }> {
  const { question, grade, now } = input;
  const userId = input.submission.userId;
  let attempt: repo.AttemptRow | undefined = input.attempt;
  for (let round = 1; round <= MAX_ATTEMPTS; round++) {
    if (round > 1) attempt = await repo.findAttempt(deps.db, userId, input.attempt.id);
    if (!attempt || attempt.finished_at !== null) throw alreadyAnswered();
    const tryNumber = attempt.tries + 1;
    const assisted = toBool(attempt.assisted);
    const last = await repo.lastActivityAt(deps.db, attempt.id, attempt.started_at);
    const timeSpentMs = Math.min(MAX_TRY_TIME_MS, Math.max(0, now.getTime() - Date.parse(last)));
    const resolves = grade.correct || tryNumber >= REVIEW_AFTER_WRONG_TRIES;
    const review =
      resolves && !toBool(attempt.reviewed)
        ? ratingFor({
            correct: grade.correct,
            tryNumber,
            assisted,
            timeSpentMs: Number(attempt.time_spent_ms) + timeSpentMs,
            estimatedMinutes: question.estimated_time,
          })
        : undefined;
    const evidenceInput = {
      userId,
      courseId: question.course_id,
      topicId: question.topic_id,
      patternId: question.pattern_id,
      evidence: evidenceFor({ type: 'try', tryNumber, correct: grade.correct, assisted, mode: attempt.mode }),
      review,
      now,
    };
    const observed = await readMastery(deps.db, evidenceInput);
    const submissionId = newId();
    const applied = repo.submissionExists(deps.db, submissionId);
    const evidence = evidenceBatch(deps.db, evidenceInput, observed, applied);
    const results = await deps.atomic([
      lockUser(deps.db, userId),
      repo.insertCountedSubmissionQuery(
        deps.db,
        { ...input.submission, id: submissionId, tryNumber, timeSpentMs },
        {
          id: attempt.id,
          tries: attempt.tries,
          assisted,
          reviewed: toBool(attempt.reviewed),
        },
        evidence.unchanged,
      ),
      repo.recordTryQuery(
        deps.db,
        attempt.id,
        { timeSpentMs, correct: grade.correct, review: review !== undefined, nowIso: now.toISOString() },
        applied,
      ),
      addProgressQuery(
        deps.db,
        {
          userId,
          questionId: question.id,
          courseId: question.course_id,
          nowIso: now.toISOString(),
          timeSpentMs,
          correct: grade.correct ? 1 : 0,
          firstTryCorrect: grade.correct && tryNumber === 1 && !assisted ? 1 : 0,
        },
        applied,
      ),
      ...evidence.queries,
      repo.submissionCountQuery(deps.db, submissionId),
    ]);
    if (Number(firstRow<{ n: number }>(results.at(-1))?.n ?? 0) === 1) return { tryNumber, timeSpentMs };
    // Another try, a reveal or a mastery update landed since we read: read again.
  }
  throw new Error(`try on attempt ${input.attempt.id} lost ${MAX_ATTEMPTS} races in a row`);
}

/**
 * A reveal's effect on the attempt as one list (the unlock and its charge ran before, as the credits' own list): mark
 * it assisted by this reveal (only while it is open, not assisted and unchanged since read, and the mastery rows too),
 * then the progress counter and the mastery/review update, each only if the attempt carries this reveal's fresh id.
 * Returns the attempt marked, or undefined when there was none to mark.
 */
export async function markAssistedInBatch(
  deps: BatchDeps,
  input: { userId: string; question: QuestionRow; attemptId: string | undefined; now: Date },
): Promise<string | undefined> {
  const { question, now, userId } = input;
  for (let round = 1; round <= MAX_ATTEMPTS; round++) {
    const target = input.attemptId
      ? await repo.findAttempt(deps.db, userId, input.attemptId)
      : await repo.findOpenAttempt(deps.db, userId, question.id);
    if (!target || toBool(target.assisted) || target.finished_at !== null) return undefined;
    const reviewed = toBool(target.reviewed);
    const mode: AnswerMode = target.mode;
    const evidenceInput = {
      userId,
      courseId: question.course_id,
      topicId: question.topic_id,
      patternId: question.pattern_id,
      evidence: evidenceFor({ type: 'revealed', triesBefore: target.tries, mode }),
      review: reviewed
        ? undefined
        : ratingFor({
            correct: false,
            tryNumber: target.tries,
            assisted: true,
            timeSpentMs: 0,
            estimatedMinutes: null,
          }),
      now,
    };
    const observed = await readMastery(deps.db, evidenceInput);
    const revealId = newId();
    const marked = repo.markedBy(deps.db, target.id, revealId);
    const evidence = evidenceBatch(deps.db, evidenceInput, observed, marked);
    const results = await deps.atomic([
      lockUser(deps.db, userId),
      repo.markAssistedQuery(
        deps.db,
        { id: target.id, tries: target.tries, assisted: false, reviewed },
        { review: !reviewed, revealId },
        evidence.unchanged,
      ),
      addProgressQuery(
        deps.db,
        { userId, questionId: question.id, courseId: question.course_id, nowIso: now.toISOString(), assisted: 1 },
        marked,
      ),
      ...evidence.queries,
    ]);
    if (affectedRows(results[1]) === 1) return target.id;
    // A concurrent try or reveal changed the attempt (or mastery) since we read: read again.
  }
  throw new Error(`reveal on attempt ${input.attemptId ?? question.id} lost ${MAX_ATTEMPTS} races in a row`);
}
