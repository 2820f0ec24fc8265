import { z } from 'zod';
import type { ServiceDeps } from '../../platform/deps.js';
import { cursorId, decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { blueprints, type GeneratedExamType } from './blueprint.js';
import * as repo from './exam-mode.repo.js';
import { type ExamSummary, type ExamView, toExamSummary, toExamView } from './exam-view.js';

export async function loadExamView(deps: ServiceDeps, exam: repo.ExamRow): Promise<ExamView> {
  const questions = await repo.listExamQuestions(deps.db, exam.id);
  const options = await repo.listOptionsOf(
    deps.db,
    questions.map((q) => q.id),
  );
  return toExamView(exam, questions, options);
}

/** The caller's exam; another user's (or an unknown id) is a 404. */
export async function requireExam(deps: ServiceDeps, userId: string, examId: string): Promise<repo.ExamRow> {
  const exam = await repo.findExam(deps.db, userId, examId);
  if (!exam) throw notFound(`Exam "${examId}"`);
  return exam;
}

export async function getMyExam(deps: ServiceDeps, input: { userId: string; examId: string }): Promise<ExamView> {
  return loadExamView(deps, await requireExam(deps, input.userId, input.examId));
}

/** Where a page of exams ends: the last one's creation time and id (newest first). */
const examCursor = z.strictObject({ createdAt: z.iso.datetime(), id: cursorId });

/** The caller's generated exams, newest first, in keyset pages. */
export async function listMyExams(
  deps: ServiceDeps,
  input: {
    userId: string;
    courseId?: string | undefined;
    examType?: GeneratedExamType | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{
  midterms: Array<ExamSummary & { questionCount: number; correctCount: number | null }>;
  nextCursor: string | null;
}> {
  const after = input.cursor ? decodeCursor(input.cursor, examCursor) : undefined;
  const rows = await repo.listExams(deps.db, {
    userId: input.userId,
    courseId: input.courseId,
    examType: input.examType,
    after,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const counts = await repo.countExamQuestions(
    deps.db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    midterms: page.map((row) => {
      const count = counts.get(row.id);
      return {
        ...toExamSummary(row),
        questionCount: count?.questions ?? 0,
        correctCount: row.submitted_at === null ? null : (count?.correct ?? 0),
      };
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/**
 * Starts the exam's clock: due after the blueprint's duration. Starting again returns the exam as it is (the clock is
 * not reset); a submitted exam cannot be started.
 */
export async function startExam(deps: ServiceDeps, input: { userId: string; examId: string }): Promise<ExamView> {
  const exam = await requireExam(deps, input.userId, input.examId);
  if (exam.submitted_at !== null) {
    throw new AppError('conflict', 'This exam is already submitted; generate another to sit one again', {
      details: { reason: 'already_submitted' },
    });
  }
  if (exam.started_at === null) {
    const now = deps.clock.now();
    const due = new Date(now.getTime() + blueprints[exam.exam_type].durationMinutes * 60_000);
    await repo.startExamClock(deps.db, {
      userId: input.userId,
      examId: exam.id,
      nowIso: now.toISOString(),
      dueIso: due.toISOString(),
    });
  }
  return loadExamView(deps, await requireExam(deps, input.userId, input.examId));
}
