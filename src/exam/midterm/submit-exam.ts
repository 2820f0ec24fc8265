import type { CompiledQuery, Expression, SqlBool } from 'kysely';
import { fromJson } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { validationError } from '../../platform/http/router.js';
import { newId } from '../../platform/ids.js';
import {
  findPatternMastery,
  findTopicMastery,
  patternMasteryUnchanged,
  topicMasteryUnchanged,
  upsertPatternMasteryQuery,
  upsertTopicMasteryQuery,
} from '../assessment/assessment.service.js';
import { type AnswerMode, defaultBkt, evidenceFor, updateMastery } from '../assessment/mastery.js';
import { ratingFor, reviewCard, type StoredCard } from '../assessment/review-schedule.js';
import { type AnswerSpec, gradeFreeResponse, gradeOption, type SubmissionGrade } from '../attempts/grade-submission.js';
import { addProgressQuery } from '../progress/progress.service.js';
import { blueprints, pointsFor } from './blueprint.js';
import * as repo from './exam-mode.repo.js';
import { loadExamView, requireExam } from './exam-mode.service.js';
import type { ExamView } from './exam-view.js';

export interface ExamAnswer {
  number: number;
  answer?: string | undefined;
  optionId?: string | undefined;
}

interface Marked {
  question: repo.ExamQuestionRow;
  mode: AnswerMode;
  answer: string | null;
  optionId: string | null;
  grade: SubmissionGrade | { correct: false; outcome: 'unanswered' };
  score: number;
}

/** Enough for any realistic contention: each lost race means a practice try changed the student's mastery meanwhile. */
const MAX_ROUNDS = 8;

const alreadySubmitted = () =>
  new AppError('conflict', 'This exam is already submitted; its results and solutions are on GET /api/midterms/{id}', {
    details: { reason: 'already_submitted' },
  });

/**
 * Grades every answer of the exam before anything is written, so a bad submission changes nothing: a question not on
 * the exam, one answered twice, an option of another question or unreadable math is a 422 naming the answer.
 * A question left out scores 0 (`unanswered`).
 */
async function markAnswers(
  deps: ServiceDeps,
  exam: repo.ExamRow,
  questions: repo.ExamQuestionRow[],
  answers: ExamAnswer[],
): Promise<Marked[]> {
  const blueprint = blueprints[exam.exam_type];
  const byNumber = new Map(questions.map((q) => [q.number, q]));
  const given = new Map<number, { index: number; answer: ExamAnswer }>();
  for (const [index, answer] of answers.entries()) {
    if (!byNumber.has(answer.number)) {
      throw validationError([
        { field: `answers.${index}.number`, message: `question ${answer.number} is not on this exam` },
      ]);
    }
    if (given.has(answer.number)) {
      throw validationError([
        { field: `answers.${index}.number`, message: `question ${answer.number} is answered twice` },
      ]);
    }
    given.set(answer.number, { index, answer });
  }
  const options = await repo.listOptionsOf(
    deps.db,
    questions.map((q) => q.id),
  );
  return questions.map((question): Marked => {
    const entry = given.get(question.number);
    if (!entry) {
      return {
        question,
        mode: 'free',
        answer: null,
        optionId: null,
        grade: { correct: false, outcome: 'unanswered' },
        score: 0,
      };
    }
    const { index, answer } = entry;
    let grade: SubmissionGrade;
    if (answer.optionId !== undefined) {
      const option = options.find((o) => o.id === answer.optionId && o.question_id === question.id);
      if (!option) {
        throw validationError([{ field: `answers.${index}.optionId`, message: 'is not an option of this question' }]);
      }
      grade = gradeOption(option);
    } else {
      grade = gradeFreeResponse(fromJson<AnswerSpec>(question.answer_spec), answer.answer ?? '', {
        logger: deps.logger,
        questionId: question.id,
      });
      if (grade.outcome === 'unparsable') {
        throw new AppError('unparsable_answer', `answers.${index}.answer: ${grade.feedback}`, {
          details: {
            field: `answers.${index}.answer`,
            message: grade.parseError?.message ?? 'the answer could not be read',
            position: grade.parseError?.position ?? null,
          },
        });
      }
    }
    return {
      question,
      mode: answer.optionId !== undefined ? 'mcq' : 'free',
      answer: answer.answer ?? null,
      optionId: answer.optionId ?? null,
      grade,
      score: pointsFor(blueprint, question.points, { correct: grade.correct, code: grade.outcome }),
    };
  });
}

/**
 * The submission's mastery and review writes: each topic's and pattern's evidence folded in question order from the
 * rows as read, with `unchanged` preconditions for the claim (a practice try landing meanwhile makes the claim a no-op
 * and the caller reads again). A question whose grading failed is no evidence either way.
 */
async function masteryStatements(
  deps: ServiceDeps,
  input: { userId: string; courseId: string; marked: Marked[]; now: Date; when: Expression<SqlBool> },
): Promise<{ unchanged: Expression<SqlBool>[]; queries: CompiledQuery[] }> {
  const counted = input.marked.filter((m) => m.grade.outcome !== 'grading_error');
  const nowIso = input.now.toISOString();
  const unchanged: Expression<SqlBool>[] = [];
  const queries: CompiledQuery[] = [];

  const topics = new Map<string, { estimate: number; attempts: number }>();
  for (const topicId of new Set(counted.map((m) => m.question.topic_id))) {
    const row = await findTopicMastery(deps.db, input.userId, topicId);
    unchanged.push(topicMasteryUnchanged(deps.db, input.userId, topicId, row));
    topics.set(topicId, { estimate: row?.estimate ?? defaultBkt.prior, attempts: row?.attempts ?? 0 });
  }
  const patterns = new Map<
    string,
    { topicId: string; estimate: number; attempts: number; card: StoredCard | undefined }
  >();
  for (const m of counted) {
    const patternId = m.question.pattern_id;
    if (!patternId || patterns.has(patternId)) continue;
    const row = await findPatternMastery(deps.db, input.userId, patternId);
    unchanged.push(patternMasteryUnchanged(deps.db, input.userId, patternId, row));
    patterns.set(patternId, {
      topicId: m.question.topic_id,
      estimate: row?.estimate ?? defaultBkt.prior,
      attempts: row?.attempts ?? 0,
      card: row,
    });
  }

  for (const m of counted) {
    const evidence = evidenceFor({
      type: 'try',
      tryNumber: 1,
      correct: m.grade.correct,
      assisted: false,
      mode: m.mode,
    });
    const topic = topics.get(m.question.topic_id)!;
    topic.estimate = updateMastery(topic.estimate, evidence);
    topic.attempts += 1;
    const pattern = m.question.pattern_id ? patterns.get(m.question.pattern_id) : undefined;
    if (pattern) {
      pattern.estimate = updateMastery(pattern.estimate, evidence);
      pattern.attempts += 1;
      // An exam answer is one review of its pattern; the time per question is unknown, so rated as in its estimate.
      const rating = ratingFor({
        correct: m.grade.correct,
        tryNumber: 1,
        assisted: false,
        timeSpentMs: (m.question.estimated_time ?? 10) * 60_000,
        estimatedMinutes: m.question.estimated_time,
      });
      pattern.card = reviewCard(pattern.card, rating, input.now);
    }
  }
  for (const [topicId, t] of topics) {
    queries.push(
      upsertTopicMasteryQuery(
        deps.db,
        { userId: input.userId, topicId, courseId: input.courseId, ...t, nowIso },
        input.when,
      ),
    );
  }
  for (const [patternId, p] of patterns) {
    queries.push(
      upsertPatternMasteryQuery(
        deps.db,
        {
          userId: input.userId,
          patternId,
          topicId: p.topicId,
          courseId: input.courseId,
          estimate: p.estimate,
          attempts: p.attempts,
          nowIso,
          card: p.card,
        },
        input.when,
      ),
    );
  }
  return { unchanged, queries };
}

/**
 * Submits a started exam, once: every answer graded by the practice grader, points per the blueprint (partial credit
 * where it splits them), late submissions accepted with the lateness recorded. One atomic list of statements (a
 * transaction, or one D1 batch) claims the exam and records the answers, an attempt per answered question (the
 * caller's history), progress, mastery and the pattern reviews, and unlocks the exam's solutions, paid with the exam.
 */
export async function submitExam(
  deps: ServiceDeps,
  input: { userId: string; examId: string; answers: ExamAnswer[] },
): Promise<ExamView> {
  const exam = await requireExam(deps, input.userId, input.examId);
  if (exam.submitted_at !== null) throw alreadySubmitted();
  if (exam.started_at === null) {
    throw new AppError('conflict', 'Start the exam first (POST /api/midterms/{id}/start): its clock runs from then', {
      details: { reason: 'not_started' },
    });
  }
  const questions = await repo.listExamQuestions(deps.db, exam.id);
  const marked = await markAnswers(deps, exam, questions, input.answers);

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const startedMs = Date.parse(exam.started_at);
  const lateMs = exam.due_at === null ? 0 : Math.max(0, now.getTime() - Date.parse(exam.due_at));
  const durationMs = exam.duration_minutes * 60_000;
  const perQuestionMs = Math.round(
    Math.min(durationMs, Math.max(0, now.getTime() - startedMs)) / Math.max(1, questions.length),
  );
  const score = marked.reduce((s, m) => s + m.score, 0);

  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const submissionId = newId();
    const when = repo.submissionClaimed(deps.db, exam.id, submissionId);
    const mastery = await masteryStatements(deps, {
      userId: input.userId,
      courseId: exam.course_id,
      marked,
      now,
      when,
    });
    const statements: CompiledQuery[] = [
      repo.claimSubmissionQuery(
        deps.db,
        { examId: exam.id, userId: input.userId, submissionId, nowIso, lateMs, score },
        mastery.unchanged,
      ),
    ];
    for (const m of marked) {
      const q = m.question;
      statements.push(
        repo.recordAnswerQuery(
          deps.db,
          {
            examId: exam.id,
            number: q.number,
            answer: m.answer,
            optionId: m.optionId,
            outcome: m.grade.outcome,
            correct: m.grade.correct,
            score: m.score,
          },
          when,
        ),
        repo.unlockSolutionQuery(deps.db, { userId: input.userId, questionId: q.id, nowIso }, when),
      );
      // A question left blank is scored (0) and marked in mastery as not known, but it is not an attempt: the
      // student's history and progress list what they tried.
      if (m.grade.outcome === 'unanswered') continue;
      statements.push(
        ...repo.insertExamAttemptStatements(
          deps.db,
          {
            attemptId: newId(),
            submissionRowId: newId(),
            examId: exam.id,
            userId: input.userId,
            questionId: q.id,
            courseId: exam.course_id,
            mode: m.mode,
            answer: m.answer,
            optionId: m.optionId,
            correct: m.grade.correct,
            outcome: m.grade.outcome,
            timeSpentMs: perQuestionMs,
            startedAt: exam.started_at,
            nowIso,
          },
          when,
        ),
        addProgressQuery(
          deps.db,
          {
            userId: input.userId,
            questionId: q.id,
            courseId: exam.course_id,
            nowIso,
            attempts: 1,
            correct: m.grade.correct ? 1 : 0,
            firstTryCorrect: m.grade.correct ? 1 : 0,
            timeSpentMs: perQuestionMs,
          },
          when,
        ),
      );
    }
    statements.push(...mastery.queries);
    await deps.atomic(statements);

    const after = await requireExam(deps, input.userId, exam.id);
    if (after.submission_id === submissionId) return loadExamView(deps, after);
    if (after.submitted_at !== null) throw alreadySubmitted();
    // The student's mastery changed since it was read (a practice try meanwhile): read again.
  }
  throw new Error(`submission of exam ${exam.id} lost ${MAX_ROUNDS} races in a row`);
}
