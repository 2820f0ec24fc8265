import type { ServiceDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import { listTopicMastery } from '../assessment/assessment.service.js';
import { defaultBkt } from '../assessment/mastery.js';
import { findEnrollment } from '../enrollment/enrollment.service.js';
import { summarizeCourseProgress } from '../progress/progress.service.js';
import * as repo from './courses.repo.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export { courseDataVersion, listTopics } from './courses.repo.js';

export interface CourseSummary {
  id: string;
  name: string;
  description: string | null;
  examCount: number;
  topicCount: number;
  questionCount: number;
}

export interface TopicSummary {
  id: string;
  courseId: string;
  name: string;
  slug: string;
  category: string;
  difficulty: number | null;
  frequencyScore: number | null;
  avgPoints: number | null;
  totalAppearances: number;
}

export async function listCourses(deps: ServiceDeps): Promise<CourseSummary[]> {
  const rows = await repo.listActiveCourses(deps.db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    examCount: r.exam_count,
    topicCount: Number(r.topic_count ?? 0),
    questionCount: Number(r.question_count ?? 0),
  }));
}

export async function requireCourse(deps: ServiceDeps, courseId: string) {
  const course = await repo.findCourse(deps.db, courseId);
  if (!course) throw notFound(`Course "${courseId}"`);
  return course;
}

export async function listCourseTopics(deps: ServiceDeps, courseId: string): Promise<TopicSummary[]> {
  await requireCourse(deps, courseId);
  return topicSummaries(deps, courseId);
}

async function topicSummaries(deps: ServiceDeps, courseId: string): Promise<TopicSummary[]> {
  const rows = await repo.listTopics(deps.db, courseId);
  return rows.map((t) => ({
    id: t.id,
    courseId: t.course_id,
    name: t.name,
    slug: t.slug,
    category: t.category,
    difficulty: t.difficulty,
    frequencyScore: t.frequency_score,
    avgPoints: t.avg_points,
    totalAppearances: t.total_appearances,
  }));
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface CourseDetails {
  course: CourseSummary & { topics: TopicSummary[]; examYears: number[] };
  enrollment: { enrolled: boolean; enrolledAt: string | null } | null;
  progress: {
    questionsTotal: number;
    questionsSeen: number;
    questionsCorrect: number;
    questionsFirstTry: number;
    attempts: number;
    assisted: number;
    timeSpentMs: number;
    lastSeenAt: string | null;
    averageMastery: number;
    topics: Array<{ topicId: string; mastery: number; evidence: number }>;
  } | null;
}

/** A course with its exam count and topics and, for a signed-in caller, their enrolment and progress summary. */
export async function getCourseDetails(
  deps: ServiceDeps,
  input: { courseId: string; userId?: string | undefined },
): Promise<CourseDetails> {
  const row = await repo.findCourseWithCounts(deps.db, input.courseId);
  if (!row) throw notFound(`Course "${input.courseId}"`);
  const [topics, examYears] = await Promise.all([topicSummaries(deps, row.id), repo.examYears(deps.db, row.id)]);
  const course = {
    id: row.id,
    name: row.name,
    description: row.description,
    examCount: row.exam_count,
    topicCount: Number(row.topic_count ?? 0),
    questionCount: Number(row.question_count ?? 0),
    topics,
    examYears,
  };
  if (!input.userId) return { course, enrollment: null, progress: null };

  const [enrollment, summary, mastery] = await Promise.all([
    findEnrollment(deps.db, input.userId, row.id),
    summarizeCourseProgress(deps.db, input.userId, row.id),
    listTopicMastery(deps.db, input.userId, row.id),
  ]);
  const byTopic = new Map(mastery.map((m) => [m.topic_id, m]));
  const topicMastery = topics.map((t) => ({
    topicId: t.id,
    mastery: round(byTopic.get(t.id)?.estimate ?? defaultBkt.prior),
    evidence: byTopic.get(t.id)?.attempts ?? 0,
  }));
  return {
    course,
    enrollment: { enrolled: enrollment !== undefined, enrolledAt: enrollment?.enrolled_at ?? null },
    progress: {
      questionsTotal: course.questionCount,
      ...summary,
      averageMastery: topicMastery.length
        ? round(topicMastery.reduce((s, t) => s + t.mastery, 0) / topicMastery.length)
        : defaultBkt.prior,
      topics: topicMastery,
    },
  };
}
