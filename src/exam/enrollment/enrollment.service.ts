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
