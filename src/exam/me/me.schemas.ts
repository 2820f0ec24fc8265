import { z } from '@hono/zod-openapi';
import { courseSchema } from '../courses/courses.schemas.js';

export const myCourseSchema = z
  .object({
    course: courseSchema,
    enrolledAt: z.string(),
    progress: z.object({
      questionsTotal: z.number().int(),
      questionsSeen: z.number().int().openapi({ description: 'Questions with at least one attempt' }),
      questionsCorrect: z.number().int().openapi({ description: 'Questions answered correctly at least once' }),
      attempts: z.number().int(),
      averageMastery: z.number().openapi({ description: 'Mean topic mastery (0-1), the prior for untried topics' }),
      lastSeenAt: z.string().nullable(),
    }),
  })
  .openapi('MyCourse');

export const myCoursesSchema = z.object({ courses: z.array(myCourseSchema) }).openapi('MyCourses');

export const attemptHistoryQuery = z.object({
  courseId: z.string().min(1).max(100).optional(),
  cursor: z.string().min(1).max(500).optional().openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const attemptHistorySchema = z
  .object({
    attempts: z.array(
      z
        .object({
          id: z.string(),
          questionId: z.string(),
          courseId: z.string(),
          topicId: z.string(),
          questionText: z.string(),
          mode: z.enum(['free', 'mcq']),
          status: z.enum(['correct', 'revealed', 'incorrect', 'open']).openapi({
            description:
              'correct: answered right; revealed: the solution was shown first; incorrect: closed wrong (3 tries, or an exam); open: can still be answered',
          }),
          tries: z.number().int(),
          lastOutcome: z
            .string()
            .nullable()
            .openapi({ description: "The grader's outcome code of the last answer (null before any answer)" }),
          timeSpentMs: z.number().int(),
          examId: z.string().nullable().openapi({ description: 'The generated exam it was part of (null: practice)' }),
          startedAt: z.string(),
          finishedAt: z.string().nullable(),
        })
        .openapi('AttemptHistoryItem'),
    ),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as cursor for the next (older) page' }),
  })
  .openapi('AttemptHistory');
