import type { Db } from '../../db/transaction.js';

/** Enrols once: a repeated (or concurrent) enrolment changes nothing. True when this call created it. */
export async function insertEnrollment(
  db: Db,
  row: { userId: string; courseId: string; nowIso: string },
): Promise<boolean> {
  const result = await db
    .insertInto('user_courses')
    .values({ user_id: row.userId, course_id: row.courseId, enrolled_at: row.nowIso })
    .onConflict((oc) => oc.columns(['user_id', 'course_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findEnrollment(db: Db, userId: string, courseId: string) {
  return db
    .selectFrom('user_courses')
    .select(['course_id', 'enrolled_at'])
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .executeTakeFirst();
}

/** Leaves a course; progress and mastery stay (enrolling again picks them up). True when there was an enrolment. */
export async function deleteEnrollment(db: Db, userId: string, courseId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('user_courses')
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0) > 0;
}

/** A user's enrolments, most recent first. */
export async function listEnrollments(db: Db, userId: string) {
  return db
    .selectFrom('user_courses')
    .select(['course_id', 'enrolled_at'])
    .where('user_id', '=', userId)
    .orderBy('enrolled_at', 'desc')
    .orderBy('course_id')
    .execute();
}
