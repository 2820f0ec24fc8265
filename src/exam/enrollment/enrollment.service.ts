import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { type CourseDetails, getCourseDetails, requireCourse } from '../courses/courses.service.js';
import * as repo from './enrollment.repo.js';

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
 * Leaves a course. Idempotent like enrolling: leaving a course one is not in answers `removed: false`. What the
 * student did there (progress, unlocked questions, attempts, mastery) is kept, so enrolling again picks it up.
 */
export async function leaveCourse(
  deps: ServiceDeps,
  input: { userId: string; courseId: string },
): Promise<{ courseId: string; enrolled: false; removed: boolean }> {
  const course = await requireCourse(deps, input.courseId);
  const removed = await repo.deleteEnrollment(deps.db, input.userId, course.id);
  return { courseId: course.id, enrolled: false, removed };
}

export interface MyCourse {
  enrolledAt: string;
  course: Omit<CourseDetails['course'], 'topics'>;
  progress: NonNullable<CourseDetails['progress']>;
}

/** The courses the caller is enrolled in, each with the progress the course page shows. */
export async function listMyCourses(deps: ServiceDeps, userId: string): Promise<MyCourse[]> {
  const enrollments = await repo.listEnrollments(deps.db, userId);
  const courses: MyCourse[] = [];
  for (const enrollment of enrollments) {
    const details = await getCourseDetails(deps, { courseId: enrollment.course_id, userId }).catch((error: unknown) => {
      // A course taken out of the catalogue since: not listed (its enrolment stays for when it returns).
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    });
    if (!details?.progress) continue;
    const { topics: _topics, ...course } = details.course;
    courses.push({ enrolledAt: enrollment.enrolled_at, course, progress: details.progress });
  }
  return courses;
}
