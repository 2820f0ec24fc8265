import { z } from '@hono/zod-openapi';

export const courseSchema = z
  .object({
    id: z.string().openapi({ example: 'calc2' }),
    name: z.string(),
    description: z.string().nullable(),
    examCount: z.number().int(),
    topicCount: z.number().int(),
    questionCount: z.number().int(),
  })
  .openapi('Course');

export const topicSchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    name: z.string(),
    slug: z.string(),
    category: z.string(),
    difficulty: z.number().int().nullable(),
    frequencyScore: z.number().nullable().openapi({ description: 'Share of past exams the topic appeared on (0-1)' }),
    avgPoints: z.number().nullable().openapi({ description: 'Average points of its questions' }),
    totalAppearances: z.number().int(),
  })
  .openapi('Topic');

export const courseIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'calc2' }),
});

export const courseDetailsSchema = z
  .object({
    course: courseSchema.extend({
      topics: z.array(topicSchema),
      examYears: z
        .array(z.number().int())
        .openapi({ description: "The years of the course's past exams, newest first" }),
    }),
    enrollment: z
      .object({ enrolled: z.boolean(), enrolledAt: z.string().nullable() })
      .nullable()
      .openapi({ description: "The caller's enrolment (null without a token)" }),
    progress: z
      .object({
        questionsTotal: z.number().int(),
        questionsSeen: z
          .number()
          .int()
          .openapi({ description: 'Questions attempted or unlocked (practice sets and bundles count)' }),
        questionsCorrect: z.number().int().openapi({ description: 'Questions answered correctly at least once' }),
        questionsFirstTry: z.number().int().openapi({ description: 'Questions answered correctly on a first try' }),
        attempts: z.number().int(),
        assisted: z.number().int().openapi({ description: 'Attempts in which the solution was revealed' }),
        timeSpentMs: z.number().int(),
        lastSeenAt: z.string().nullable(),
        averageMastery: z.number().openapi({ description: 'Mean topic mastery (0-1), the prior for untried topics' }),
        topics: z.array(
          z.object({ topicId: z.string(), mastery: z.number(), evidence: z.number().int() }).openapi('TopicMastery'),
        ),
      })
      .nullable()
      .openapi({ description: "The caller's progress in the course (null without a token)" }),
  })
  .openapi('CourseDetails');
