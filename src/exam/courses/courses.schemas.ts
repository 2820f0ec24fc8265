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
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'calc2' }),
});
