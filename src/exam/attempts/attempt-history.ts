import { z } from 'zod';
import { toBool } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { cursorId, decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import * as repo from './attempts.repo.js';

/** How an attempt stands: answered right, solution revealed, closed wrong (3 tries, or an exam), or still open. */
export type AttemptStatus = 'correct' | 'revealed' | 'incorrect' | 'open';

export interface AttemptHistoryItem {
  id: string;
  questionId: string;
  courseId: string;
  topicId: string;
  questionText: string;
  mode: 'free' | 'mcq';
  status: AttemptStatus;
  tries: number;
  lastOutcome: string | null;
  timeSpentMs: number;
  examId: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const historyCursor = z.strictObject({ startedAt: z.iso.datetime(), id: cursorId });

function statusOf(row: {
  correct: boolean | number;
  assisted: boolean | number;
  finished_at: string | null;
}): AttemptStatus {
  if (toBool(row.correct)) return 'correct';
  if (toBool(row.assisted)) return 'revealed';
  return row.finished_at !== null ? 'incorrect' : 'open';
}

/** The caller's attempts (practice and exams), newest first, in keyset pages on `(started_at, id)`. */
export async function listAttemptHistory(
  deps: ServiceDeps,
  input: { userId: string; limit: number; courseId?: string | undefined; cursor?: string | undefined },
): Promise<{ attempts: AttemptHistoryItem[]; nextCursor: string | null }> {
  const before = input.cursor ? decodeCursor(input.cursor, historyCursor) : undefined;
  const rows = await repo.attemptHistoryPage(deps.db, input.userId, {
    limit: input.limit + 1,
    courseId: input.courseId,
    before,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    attempts: page.map((row) => ({
      id: row.id,
      questionId: row.question_id,
      courseId: row.course_id,
      topicId: row.topic_id,
      questionText: row.question_text,
      mode: row.mode,
      status: statusOf(row),
      tries: Number(row.tries),
      lastOutcome: row.last_outcome ?? null,
      timeSpentMs: Number(row.time_spent_ms),
      examId: row.exam_id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ startedAt: last.started_at, id: last.id }) : null,
  };
}
