import { type SelectQueryBuilder, sql } from 'kysely';
import { type PreparedQuery, prepared } from '../../db/prepared.js';
import type { Database, QuestionRow } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';

export interface QuestionFilters {
  courseId?: string | undefined;
  topicId?: string | undefined;
  topicIds?: string[] | undefined;
  patternId?: string | undefined;
  difficulty?: number | undefined;
  year?: number | undefined;
  examType?: string | undefined;
}

/** Columns of a question without its answer and solution: what a listing may show. */
export const listingColumns = [
  'id',
  'course_id',
  'topic_id',
  'pattern_id',
  'exam_id',
  'question_text',
  'techniques',
  'difficulty',
  'difficulty_reason',
  'estimated_time',
  'answer_kind',
  'source_exam_year',
  'source_exam_type',
  'source_question_number',
  'source_points',
  'frequency_score',
  'is_generated',
] as const;

export type QuestionListingRow = Pick<QuestionRow, (typeof listingColumns)[number]>;

function applyFilters<O>(
  qb: SelectQueryBuilder<Database, 'questions', O>,
  f: QuestionFilters,
): SelectQueryBuilder<Database, 'questions', O> {
  let q = qb;
  if (f.courseId) q = q.where('course_id', '=', f.courseId);
  if (f.topicId) q = q.where('topic_id', '=', f.topicId);
  if (f.topicIds && f.topicIds.length > 0) q = q.where('topic_id', 'in', f.topicIds);
  if (f.patternId) q = q.where('pattern_id', '=', f.patternId);
  if (f.difficulty !== undefined) q = q.where('difficulty', '=', f.difficulty);
  if (f.year !== undefined) q = q.where('source_exam_year', '=', f.year);
  if (f.examType) q = q.where('source_exam_type', '=', f.examType);
  return q;
}

// The bank a student browses is the past exams' questions: a generated variant was drawn for one student's practice
// and is reached from there, not listed for everyone (idx_questions_course_originals serves both pages).
// The common browse (a course's bank, page by page) is compiled once and kept prepared; other filters are built.
const coursePageQuery = prepared('browse_course', (db, p: { courseId: string; limit: number }) =>
  db
    .selectFrom('questions')
    .select(listingColumns)
    .where('course_id', '=', p.courseId)
    .where('is_generated', '=', false)
    .orderBy('id')
    .limit(p.limit),
);
const coursePageAfterQuery = prepared(
  'browse_course_after',
  (db, p: { courseId: string; afterId: string; limit: number }) =>
    db
      .selectFrom('questions')
      .select(listingColumns)
      .where('course_id', '=', p.courseId)
      .where('is_generated', '=', false)
      .where('id', '>', p.afterId)
      .orderBy('id')
      .limit(p.limit),
);

const onlyCourse = (f: QuestionFilters) =>
  f.topicId === undefined &&
  !f.topicIds?.length &&
  f.patternId === undefined &&
  f.difficulty === undefined &&
  f.year === undefined &&
  f.examType === undefined;

/**
 * One page ordered by id, starting after `afterId` (keyset pagination: deep pages cost the same as the first). Not
 * `async`: the query's own promise, one hop fewer on the read path.
 */
export function browseQuestions(
  db: Db,
  filters: QuestionFilters,
  page: { limit: number; afterId?: string | undefined },
): Promise<QuestionListingRow[]> {
  if (filters.courseId && onlyCourse(filters)) {
    const params = { courseId: filters.courseId, limit: page.limit };
    return page.afterId
      ? coursePageAfterQuery.rows(db, { ...params, afterId: page.afterId })
      : coursePageQuery.rows(db, params);
  }
  let query = applyFilters(db.selectFrom('questions').select(listingColumns), filters).where(
    'is_generated',
    '=',
    false,
  );
  if (page.afterId) query = query.where('id', '>', page.afterId);
  return query.orderBy('id').limit(page.limit).execute();
}

export async function findQuestion(db: Db, id: string): Promise<QuestionRow | undefined> {
  return db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a question with its solution shows: the listing and its answer and worked steps. */
export const withSolutionColumns = [...listingColumns, 'answer', 'solution_steps'] as const;
export type QuestionWithSolutionRow = Pick<QuestionRow, (typeof withSolutionColumns)[number]>;

// A practice set's questions, on every paid request: one compiled query per set size (at most MAX_PREPARED_SET).
const MAX_PREPARED_SET = 10;
const byIdsQueries = new Map<number, PreparedQuery<Record<string, string>, QuestionWithSolutionRow>>();

function byIdsQuery(count: number) {
  let query = byIdsQueries.get(count);
  if (!query) {
    query = prepared(`questions_by_ids_${count}`, (db, p: Record<string, string>) =>
      db
        .selectFrom('questions')
        .select(withSolutionColumns)
        .where(
          'id',
          'in',
          Array.from({ length: count }, (_, i) => p[`id${i}`] as string),
        ),
    );
    byIdsQueries.set(count, query);
  }
  return query;
}

/** Questions with their solutions, in no particular order. */
export async function findQuestions(db: Db, ids: string[]): Promise<QuestionWithSolutionRow[]> {
  if (ids.length === 0) return [];
  if (ids.length > MAX_PREPARED_SET) {
    return db.selectFrom('questions').select(withSolutionColumns).where('id', 'in', ids).execute();
  }
  const params: Record<string, string> = {};
  ids.forEach((id, i) => {
    params[`id${i}`] = id;
  });
  return byIdsQuery(ids.length).rows(db, params);
}

const courseOriginalsQuery = prepared('course_originals', (db, p: { courseId: string }) =>
  db
    .selectFrom('questions')
    .select(['id', 'topic_id', 'pattern_id', 'difficulty'])
    .where('course_id', '=', p.courseId)
    .where('is_generated', '=', false)
    .orderBy('id'),
);

/** A course's original (past-exam) questions, by id: what picking a practice set needs to know of each. */
export function courseOriginals(db: Db, courseId: string) {
  return courseOriginalsQuery.rows(db, { courseId });
}

const seenQuery = prepared('practice_seen', (db, p: { userId: string; courseId: string }) =>
  db
    .selectFrom('user_unlocks')
    .select(['resource_id as question_id', sql<number>`1`.as('unlocked')])
    .where('user_id', '=', p.userId)
    .where('resource_type', '=', 'question')
    .unionAll(
      db
        .selectFrom('user_progress')
        .select(['question_id', sql<number>`0`.as('unlocked')])
        .where('user_id', '=', p.userId)
        .where('course_id', '=', p.courseId),
    ),
);

/**
 * The questions the user has unlocked (in any course: the caller keeps the ones it knows) and those attempted in
 * this course, in one statement over two primary-key ranges: its cost follows the user's history, not the bank.
 */
export function seenQuestions(db: Db, input: { userId: string; courseId: string }) {
  return seenQuery.rows(db, input);
}

export async function topicIdsOfCourse(db: Db, courseId: string): Promise<string[]> {
  const rows = await db.selectFrom('topics').select('id').where('course_id', '=', courseId).execute();
  return rows.map((r) => r.id);
}
