import type { ServiceDeps } from '../../platform/deps.js';
import { requireCourse } from '../courses/courses.service.js';
import * as repo from './enrollment.repo.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export { findEnrollment } from './enrollment.repo.js';

export interface Enrollment {
  courseId: string;
  enrolled: true;
  enrolledAt: string;
}

/** Enrols the caller in a course; idempotent (enrolling again returns the first enrolment, `created: false`). */
export async function enrollInCourse(
  deps: ServiceDeps,
  input: { userId: string; courseId: string },
): Promise<{ enrollment: Enrollment; created: boolean }> {
  const course = await requireCourse(deps, input.courseId);
  const created = await repo.insertEnrollment(deps.db, {
    userId: input.userId,
    courseId: course.id,
    nowIso: deps.clock.now().toISOString(),
  });
  const row = await repo.findEnrollment(deps.db, input.userId, course.id);
  if (!row) throw new Error('enrolment vanished after insert');
  return { enrollment: { courseId: course.id, enrolled: true, enrolledAt: row.enrolled_at }, created };
}

/**
 * Leaves a course; idempotent (`removed: false` when not enrolled). Progress, mastery, attempts and unlocked questions
 * are the student's and stay: enrolling again shows them as they were.
 */
export async function unenrollFromCourse(
  deps: ServiceDeps,
  input: { userId: string; courseId: string },
): Promise<{ courseId: string; enrolled: false; removed: boolean }> {
  const course = await requireCourse(deps, input.courseId);
  const removed = await repo.deleteEnrollment(deps.db, input.userId, course.id);
  return { courseId: course.id, enrolled: false, removed };
}

/** The courses a user is enrolled in, most recently enrolled first. */
export async function listEnrollments(deps: ServiceDeps, userId: string): Promise<Enrollment[]> {
  const rows = await repo.listEnrollments(deps.db, userId);
  return rows.map((row) => ({ courseId: row.course_id, enrolled: true, enrolledAt: row.enrolled_at }));
}
