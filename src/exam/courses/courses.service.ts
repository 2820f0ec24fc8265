import type { ServiceDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import * as repo from './courses.repo.js';

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
