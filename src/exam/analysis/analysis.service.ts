import type { ServiceDeps } from '../../platform/deps.js';
import { unlockWithCredits } from '../../platform/credits/credits.service.js';
import { requireCourse } from '../courses/courses.service.js';
import { loadAnalysisInput } from './analysis.repo.js';
import { type CourseAnalysis, computeAnalysis } from './compute-analysis.js';

export const ANALYSIS_PRICE = 2;

/** The course's exam-pattern analysis; 2 credits the first time per user and course, free afterwards. */
export async function getCourseAnalysis(
  deps: ServiceDeps,
  input: { userId: string; courseId: string },
): Promise<{ analysis: CourseAnalysis & { courseId: string }; charged: number }> {
  const course = await requireCourse(deps, input.courseId);
  const { charged } = await unlockWithCredits(deps, {
    userId: input.userId,
    type: 'analysis',
    resourceIds: [course.id],
    price: (newlyUnlocked) => newlyUnlocked * ANALYSIS_PRICE,
    description: `Exam analysis for ${course.name}`,
  });
  const analysis = computeAnalysis(await loadAnalysisInput(deps.db, course.id));
  return { analysis: { courseId: course.id, ...analysis }, charged };
}
