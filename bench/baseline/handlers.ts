import { createHash } from 'node:crypto';
import type { BareStore, QuestionListingRow, QuestionRow, SessionRow } from './store.js';

/**
 * What the baseline servers answer, framework-free: a status and a JSON body. Same session lookup (SHA-256 of the
 * bearer token, sessions joined with users), same queries, same JSON shapes as Pathwise; nothing else (no request
 * ids, logs, metrics, security headers, rate limits, validation library or query builder).
 */
export interface Reply {
  status: number;
  body: unknown;
}

const DAY_MS = 86_400_000;

async function caller(store: BareStore, authorization: string | undefined): Promise<SessionRow | undefined> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
  if (!token) return undefined;
  const sessionId = createHash('sha256').update(token).digest('hex');
  const now = Date.now();
  const row = await store.sessionUser(sessionId, new Date(now).toISOString());
  if (!row || !(row.is_active === true || row.is_active === 1)) return undefined;
  // The app extends a session at most once a day; bench sessions are fresh, so this never writes.
  if (now - Date.parse(row.last_refreshed_at) > DAY_MS) return row;
  return row;
}

const error = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

export async function topics(store: BareStore, courseId: string, authorization: string | undefined): Promise<Reply> {
  await caller(store, authorization);
  if ((await store.courseVersion(courseId)) === undefined) {
    return error(404, 'not_found', `Course "${courseId}" not found`);
  }
  const rows = await store.topics(courseId);
  return {
    status: 200,
    body: {
      topics: rows.map((t) => ({
        id: t.id,
        courseId: t.course_id,
        name: t.name,
        slug: t.slug,
        category: t.category,
        difficulty: t.difficulty,
        frequencyScore: t.frequency_score,
        avgPoints: t.avg_points,
        totalAppearances: t.total_appearances,
      })),
    },
  };
}

function summary(row: QuestionListingRow) {
  return {
    id: row.id,
    courseId: row.course_id,
    topicId: row.topic_id,
    patternId: row.pattern_id,
    examId: row.exam_id,
    questionText: row.question_text,
    techniques: row.techniques ? (JSON.parse(row.techniques) as string[]) : [],
    difficulty: row.difficulty,
    difficultyReason: row.difficulty_reason,
    estimatedTime: row.estimated_time,
    answerKind: row.answer_kind,
    frequencyScore: row.frequency_score,
    source: {
      year: row.source_exam_year,
      examType: row.source_exam_type,
      questionNumber: row.source_question_number,
      points: row.source_points,
    },
  };
}

const withSolution = (row: QuestionRow) => ({
  ...summary(row),
  answer: row.answer,
  solutionSteps: JSON.parse(row.solution_steps) as string[],
});

const encodeCursor = (id: string) => Buffer.from(JSON.stringify({ id })).toString('base64url');

export async function browse(
  store: BareStore,
  query: URLSearchParams,
  authorization: string | undefined,
): Promise<Reply> {
  await caller(store, authorization);
  const courseId = query.get('courseId');
  const limit = Number(query.get('limit') ?? 20);
  if (!courseId || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    return error(422, 'validation_failed', 'Invalid request: courseId and limit (1-100)');
  }
  let afterId: string | undefined;
  const cursor = query.get('cursor');
  if (cursor) {
    try {
      afterId = (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { id: string }).id;
    } catch {
      return error(422, 'validation_failed', 'Invalid request: cursor');
    }
  }
  const rows = await store.browse(courseId, afterId, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    status: 200,
    body: { questions: page.map(summary), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null },
  };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

// A course's question ids, kept while its data version holds, as the app keeps a course's originals.
const questionIdsByCourse = new Map<string, { version: number; ids: string[] }>();

async function courseQuestionIds(store: BareStore, courseId: string, version: number): Promise<string[]> {
  const known = questionIdsByCourse.get(courseId);
  if (known?.version === version) return known.ids;
  const ids = await store.questionIds(courseId);
  questionIdsByCourse.set(courseId, { version, ids });
  return ids;
}

export async function practice(store: BareStore, body: unknown, authorization: string | undefined): Promise<Reply> {
  const user = await caller(store, authorization);
  if (!user) return error(401, 'unauthorized', 'Send a session token');
  const input = body as { courseId?: unknown; count?: unknown };
  const count = input.count;
  if (
    typeof input.courseId !== 'string' ||
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > 10
  ) {
    return error(422, 'validation_failed', 'Invalid request: courseId, count (1-10)');
  }
  const version = await store.courseVersion(input.courseId);
  if (version === undefined) return error(404, 'not_found', 'Course not found');
  const ids = await courseQuestionIds(store, input.courseId, version);
  const seen = await store.unlockedQuestionIds(user.id);
  const picked = [...shuffle(ids.filter((id) => !seen.has(id))), ...shuffle(ids.filter((id) => seen.has(id)))].slice(
    0,
    count,
  );
  const spent = await store.unlockAndSpend(user.id, picked, new Date().toISOString());
  if (spent === 'insufficient') return error(402, 'insufficient_credits', 'Not enough credits');
  const rows = new Map((await store.questions(picked)).map((r) => [r.id, r]));
  return {
    status: 200,
    body: {
      questions: picked.map((id) => withSolution(rows.get(id)!)),
      charged: spent.charged,
      balance: spent.balance ?? null,
    },
  };
}
