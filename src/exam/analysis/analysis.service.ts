import { fromJson } from '../../db/schema.js';
import { unlockWithCredits } from '../../platform/credits/credits.service.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { courseCache } from '../courses/course-cache.js';
import { requireCourse } from '../courses/courses.service.js';
import { findCachedAnalysis, loadAnalysisInput, storeAnalysis } from './analysis.repo.js';
import { type CourseAnalysis, computeScopedAnalysis, type ExamType, type ScopedAnalysis } from './compute-analysis.js';

export const ANALYSIS_PRICE = 2;

/**
 * The course's exam-pattern analysis over all its exams, or over one exam type; 2 credits the first time per user and
 * course (every scope included), free afterwards.
 */
export async function getCourseAnalysis(
  deps: ServiceDeps,
  input: { userId: string; courseId: string; examType?: ExamType | undefined },
): Promise<{ analysis: CourseAnalysis & { courseId: string; examType: ExamType | null }; charged: number }> {
  const course = await requireCourse(deps, input.courseId);
  const { charged } = await unlockWithCredits(deps, {
    userId: input.userId,
    type: 'analysis',
    resourceIds: [course.id],
    price: (newlyUnlocked) => newlyUnlocked * ANALYSIS_PRICE,
    description: `Exam analysis for ${course.name}`,
  });
  const scopes = await cachedAnalysis(deps, course);
  const analysis = input.examType ? scopes[input.examType] : scopes.overall;
  return { analysis: { courseId: course.id, examType: input.examType ?? null, ...analysis }, charged };
}

/** The cached value's format: an entry written by an older format is recomputed rather than misread. */
const CACHE_FORMAT = 2;

/**
 * The analysis (every scope) is computed once per course and data version (bumped whenever the course's exams or
 * questions change, see seedCourse) and served from `analysis_cache` until then. The version is read before the data,
 * so a concurrent import can only make a stored analysis look older than it is, and the next request recomputes it.
 * Each process also keeps the parsed analysis per data version, read from the course row the caller already has (the
 * course check every route makes): a cached answer then costs no query, where reading and parsing the stored JSON took
 * ~1 ms on PostgreSQL (docs/PERFORMANCE.md).
 */
export async function cachedAnalysis(deps: ServiceDeps, course: CourseVersion): Promise<ScopedAnalysis> {
  const courseId = course.id;
  const kept = parsedAnalyses.get(deps.db, courseId, course.data_version);
  if (kept) return kept;
  const state = await findCachedAnalysis(deps.db, courseId);
  if (state && state.analysis !== null && state.cached_version === state.data_version) {
    const cached = fromJson<{ format?: number; scopes?: ScopedAnalysis }>(state.analysis);
    if (cached.format === CACHE_FORMAT && cached.scopes) {
      return parsedAnalyses.set(deps.db, courseId, state.data_version, cached.scopes);
    }
  }
  const scopes = computeScopedAnalysis(await loadAnalysisInput(deps.db, courseId));
  if (state) {
    await storeAnalysis(deps.db, {
      courseId,
      dataVersion: state.data_version,
      analysis: { format: CACHE_FORMAT, scopes },
      nowIso: deps.clock.now().toISOString(),
    });
    parsedAnalyses.set(deps.db, courseId, state.data_version, scopes);
  }
  return scopes;
}

const parsedAnalyses = courseCache<ScopedAnalysis>();

/** A course as `requireCourse` returns it: its id and the data version its bank is at. */
type CourseVersion = { id: string; data_version: number };

/** One scope of the cached analysis: all exams, or one exam type. */
export async function analysisFor(
  deps: ServiceDeps,
  course: CourseVersion,
  examType?: ExamType,
): Promise<CourseAnalysis> {
  const scopes = await cachedAnalysis(deps, course);
  return examType ? scopes[examType] : scopes.overall;
}
