import type { ServiceDeps } from '../../platform/deps.js';
import { getCourseDetails } from '../courses/courses.service.js';
import { listEnrollments } from '../enrollment/enrollment.service.js';

export interface MyCourse {
  course: {
    id: string;
    name: string;
    description: string | null;
    examCount: number;
    topicCount: number;
    questionCount: number;
  };
  enrolledAt: string;
  progress: {
    questionsTotal: number;
    questionsSeen: number;
    questionsCorrect: number;
    attempts: number;
    averageMastery: number;
    lastSeenAt: string | null;
  };
}

/** The courses the caller is enrolled in, most recently enrolled first, each with their progress in it. */
export async function listMyCourses(deps: ServiceDeps, userId: string): Promise<MyCourse[]> {
  const enrollments = await listEnrollments(deps, userId);
  return Promise.all(
    enrollments.map(async ({ courseId, enrolledAt }) => {
      const { course, progress } = await getCourseDetails(deps, { courseId, userId });
      if (!progress) throw new Error('a signed-in caller always has progress');
      const { topics: _topics, ...summary } = course;
      return {
        course: summary,
        enrolledAt,
        progress: {
          questionsTotal: progress.questionsTotal,
          questionsSeen: progress.questionsSeen,
          questionsCorrect: progress.questionsCorrect,
          attempts: progress.attempts,
          averageMastery: progress.averageMastery,
          lastSeenAt: progress.lastSeenAt,
        },
      };
    }),
  );
}
