import type { Db } from '../../db/transaction.js';

export async function listActiveCourses(db: Db) {
  return db
    .selectFrom('courses')
    .select(['id', 'name', 'description', 'exam_count'])
    .select((eb) => [
      eb.selectFrom('topics').select(eb.fn.countAll<number>().as('n')).whereRef('topics.course_id', '=', 'courses.id').as('topic_count'),
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

export async function findCourse(db: Db, courseId: string) {
  return db
    .selectFrom('courses')
    .select(['id', 'name', 'description', 'exam_count'])
    .where('id', '=', courseId)
    .where('is_active', '=', true)
    .executeTakeFirst();
}

export async function listTopics(db: Db, courseId: string) {
  return db.selectFrom('topics').selectAll().where('course_id', '=', courseId).orderBy('position').orderBy('id').execute();
}
