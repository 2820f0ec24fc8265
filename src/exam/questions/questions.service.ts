import { unlockedIds, unlockWithCredits } from '../../platform/credits/credits.service.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { decodeCursor, encodeCursor, idCursor } from '../../platform/http/cursor.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { shuffled } from '../../platform/random.js';
import { courseCache } from '../courses/course-cache.js';
import { requireCourse } from '../courses/courses.service.js';
import { drawVariants } from '../variants/draw-variants.js';
import {
  type QuestionSummary,
  type QuestionWithSolution,
  toQuestionSummary,
  toQuestionWithSolution,
} from './questions.mapper.js';
import * as repo from './questions.repo.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export { questionSource } from './questions.mapper.js';
export { findQuestion } from './questions.repo.js';

export async function browseQuestions(
  deps: ServiceDeps,
  input: repo.QuestionFilters & { limit: number; cursor?: string | undefined },
): Promise<{ questions: QuestionSummary[]; nextCursor: string | null }> {
  const afterId = input.cursor ? decodeCursor(input.cursor, idCursor).id : undefined;
  const rows = await repo.browseQuestions(deps.db, input, { limit: input.limit + 1, afterId });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    questions: page.map(toQuestionSummary),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

/** A question; its answer and worked solution only when the caller has unlocked it. */
export async function getQuestion(
  deps: ServiceDeps,
  input: { questionId: string; userId?: string | undefined },
): Promise<{ question: QuestionSummary | QuestionWithSolution; unlocked: boolean }> {
  const row = await repo.findQuestion(deps.db, input.questionId);
  if (!row) throw notFound(`Question "${input.questionId}"`);
  const unlocked = input.userId ? (await unlockedIds(deps, input.userId, 'question', [row.id])).has(row.id) : false;
  return { question: unlocked ? toQuestionWithSolution(row) : toQuestionSummary(row), unlocked };
}

export interface PracticeInput {
  userId: string;
  courseId: string;
  topicIds?: string[] | undefined;
  difficulty?: number | undefined;
  count: number;
}

interface Picked {
  /** The course's name, for the ledger line. */
  courseName: string;
  ids: string[];
  /** Of the course's originals, the ones the caller had unlocked when they were picked. */
  unlockedBefore: Set<string>;
}

/**
 * A course's originals, read once per process and data version (they change only when the course is seeded again):
 * the practice path read every one of them on every request, with two index probes each for the caller's flags.
 */
const originalsCache = courseCache<Awaited<ReturnType<typeof repo.courseOriginals>>>();

async function originalsOf(deps: ServiceDeps, course: { id: string; data_version: number }) {
  return (
    originalsCache.get(deps.db, course.id, course.data_version) ??
    originalsCache.set(deps.db, course.id, course.data_version, await repo.courseOriginals(deps.db, course.id))
  );
}

async function pickQuestions(deps: ServiceDeps, input: PracticeInput): Promise<Picked> {
  const course = await requireCourse(deps, input.courseId);
  if (input.topicIds?.length) {
    const known = new Set(await repo.topicIdsOfCourse(deps.db, input.courseId));
    const unknown = input.topicIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new AppError(
        'validation_failed',
        `Invalid request: topicIds: ${unknown.join(', ')} not in ${input.courseId}`,
        {
          details: {
            fields: [{ field: 'topicIds', message: `unknown topics for this course: ${unknown.join(', ')}` }],
          },
        },
      );
    }
  }
  const [originals, seenRows] = await Promise.all([
    originalsOf(deps, course),
    repo.seenQuestions(deps.db, { userId: input.userId, courseId: input.courseId }),
  ]);
  const unlocked = new Set<string>();
  const seen = new Set<string>();
  for (const row of seenRows) {
    if (row.unlocked) unlocked.add(row.question_id);
    seen.add(row.question_id);
  }
  const topics = input.topicIds?.length ? new Set(input.topicIds) : undefined;
  // Prefer questions the caller has not unlocked yet; fill up with seen ones only when the unseen run out.
  const unseen: string[] = [];
  const again: string[] = [];
  for (const q of originals) {
    if (topics && !topics.has(q.topic_id)) continue;
    if (input.difficulty !== undefined && q.difficulty !== input.difficulty) continue;
    (unlocked.has(q.id) ? again : unseen).push(q.id);
  }
  if (unseen.length + again.length === 0) throw notFound('Questions matching these filters');
  // A pattern whose originals the caller has all seen is served as a fresh generated variant (issue 16 §4).
  const ids = await drawVariants(deps, {
    userId: input.userId,
    questionIds: [...shuffled(unseen, deps.random), ...shuffled(again, deps.random)].slice(0, input.count),
    seed: `practice:${Math.floor(deps.random() * 2 ** 32).toString(36)}`,
    courseOriginals: { courseId: input.courseId, questions: originals, seen },
  });
  return { courseName: course.name, ids, unlockedBefore: unlocked };
}

export interface PracticeResult {
  questions: QuestionWithSolution[];
  charged: number;
  /** Null when nothing was charged (the balance was not touched). */
  balance: number | null;
}

async function unlockSet(
  deps: ServiceDeps,
  userId: string,
  { ids, unlockedBefore }: Picked,
  price: (newlyUnlocked: number) => number,
  description: string,
): Promise<PracticeResult> {
  const { charged, balance } = await unlockWithCredits(deps, {
    userId,
    type: 'question',
    resourceIds: ids,
    price,
    description,
    unlockedBefore,
  });
  const rows = await repo.findQuestions(deps.db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { questions: ids.map((id) => toQuestionWithSolution(byId.get(id)!)), charged, balance: balance ?? null };
}

/** Practice questions with solutions, 1 credit per question newly unlocked (unlocked for good). */
export async function createPracticeSet(deps: ServiceDeps, input: PracticeInput): Promise<PracticeResult> {
  const picked = await pickQuestions(deps, input);
  const n = picked.ids.length;
  const description = `Practice set: ${n} ${n === 1 ? 'question' : 'questions'} in ${picked.courseName}`;
  return unlockSet(deps, input.userId, picked, (count) => count, description);
}

export const BUNDLE_SIZE = 3;

/** Three questions for one credit (free if all three were already unlocked). */
export async function createBundle(
  deps: ServiceDeps,
  input: Omit<PracticeInput, 'count' | 'difficulty'>,
): Promise<PracticeResult> {
  const picked = await pickQuestions(deps, { ...input, count: BUNDLE_SIZE });
  return unlockSet(deps, input.userId, picked, (n) => (n > 0 ? 1 : 0), `Question bundle in ${picked.courseName}`);
}
