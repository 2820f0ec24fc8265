import { prepared } from '../../db/prepared.js';
import type { Db } from '../../db/transaction.js';

export async function listActiveCourses(db: Db) {
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
        .as('question_count'),
    ])
    .where('is_active', '=', true)
    .orderBy('id')
    .execute();
}

/** One active course with its topic and question counts. */
export async function findCourseWithCounts(db: Db, courseId: string) {
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
        .as('question_count'),
    ])
    .where('id', '=', courseId)
    .where('is_active', '=', true)
    .executeTakeFirst();
}

// Hot paths (every course route checks the course; topics is a public read): compiled once, kept prepared.
const courseQuery = prepared('course', (db, p: { courseId: string }) =>
  db
    .selectFrom('courses')
    .select(['id', 'name', 'description', 'exam_count'])
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

export async function findCourse(db: Db, courseId: string) {
  return courseQuery.first(db, { courseId });
}

export async function listTopics(db: Db, courseId: string) {
  return topicsQuery.rows(db, { courseId });
}
