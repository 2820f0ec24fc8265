import { fromJson } from '../../db/schema.js';
import { unlockWithCredits } from '../../platform/credits/credits.service.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireCourse } from '../courses/courses.service.js';
import { findCachedAnalysis, loadAnalysisInput, storeAnalysis } from './analysis.repo.js';
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
  return { analysis: { courseId: course.id, ...(await cachedAnalysis(deps, course.id)) }, charged };
}

/**
 * The analysis is computed once per course and data version (bumped whenever the course's exams or questions change,
 * see seedCourse) and served from `analysis_cache` until then. The version is read before the data, so a concurrent
 * import can only make a stored analysis look older than it is, and the next request recomputes it.
 */
export async function cachedAnalysis(deps: ServiceDeps, courseId: string): Promise<CourseAnalysis> {
  const state = await findCachedAnalysis(deps.db, courseId);
  if (state && state.analysis !== null && state.cached_version === state.data_version) {
    return fromJson<CourseAnalysis>(state.analysis);
  }
  const analysis = computeAnalysis(await loadAnalysisInput(deps.db, courseId));
  if (state) {
    await storeAnalysis(deps.db, {
      courseId,
      dataVersion: state.data_version,
      analysis,
      nowIso: deps.clock.now().toISOString(),
    });
  }
  return analysis;
}
