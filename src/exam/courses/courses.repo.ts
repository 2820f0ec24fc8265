import { prepared } from '../../db/prepared.js';
import type { Db } from '../../db/transaction.js';

/** Active courses with their topic and question counts (past-exam questions: variants drawn for practice are not). */
function coursesWithCounts(db: Db) {
  return db
    .selectFrom('courses')
    .select(['id', 'name', 'description', 'exam_count'])
    .select((eb) => [
      eb
        .selectFrom('topics')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('topics.course_id', '=', 'courses.id')
        .as('topic_count'),
      eb
        .selectFrom('questions')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('questions.course_id', '=', 'courses.id')
        .where('questions.is_generated', '=', false)
        .as('question_count'),
    ])
    .where('is_active', '=', true);
}

export async function listActiveCourses(db: Db) {
  return coursesWithCounts(db).orderBy('id').execute();
}

/** The years of a course's past exams, newest first (what the question bank can be filtered by). */
export async function examYears(db: Db, courseId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('exams')
    .select('year')
    .distinct()
    .where('course_id', '=', courseId)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => Number(r.year));
}

export async function findCourseWithCounts(db: Db, courseId: string) {
  return coursesWithCounts(db).where('id', '=', courseId).executeTakeFirst();
}

// Hot paths (every course route checks the course; topics is a public read): compiled once, kept prepared.
const courseQuery = prepared('course', (db, p: { courseId: string }) =>
  db
    .selectFrom('courses')
    .select(['id', 'name', 'description', 'exam_count', 'data_version'])
    .where('id', '=', p.courseId)
    .where('is_active', '=', true),
);

const topicsQuery = prepared('topics', (db, p: { courseId: string }) =>
  db
    .selectFrom('topics')
    .select([
      'id',
      'course_id',
      'name',
      'slug',
      'category',
      'difficulty',
      'frequency_score',
      'avg_points',
      'total_appearances',
      'position',
    ])
    .where('course_id', '=', p.courseId)
    .orderBy('position')
    .orderBy('id'),
);

const dataVersionQuery = prepared('course_data_version', (db, p: { courseId: string }) =>
  db.selectFrom('courses').select('data_version').where('id', '=', p.courseId),
);

/** The course's data version: it changes whenever its exams or questions do (see seedCourse). */
export async function courseDataVersion(db: Db, courseId: string): Promise<number | undefined> {
  return (await dataVersionQuery.first(db, { courseId }))?.data_version;
}

// Not `async` (findCourse, listTopics): the query's own promise, one hop fewer on the read path.
export function findCourse(db: Db, courseId: string) {
  return courseQuery.first(db, { courseId });
}

export function listTopics(db: Db, courseId: string) {
  return topicsQuery.rows(db, { courseId });
}
