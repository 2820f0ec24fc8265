import { z } from '@hono/zod-openapi';
import { examTypes } from '../content/schema.js';

export const examTypeQuery = z.object({
  examType: z
    .enum(examTypes)
    .optional()
    .openapi({ description: 'Compute over midterms or finals only (default: all exams)', example: 'midterm' }),
});

export const analysisSchema = z
  .object({
    courseId: z.string(),
    examType: z
      .enum(examTypes)
      .nullable()
      .openapi({ description: 'The exam type every statistic is computed over; null: all exams' }),
    examCount: z.number().int(),
    years: z.array(z.number().int()),
    topics: z.array(
      z.object({
        topicId: z.string(),
        name: z.string(),
        category: z.string(),
        frequency: z.number().openapi({ description: 'Share of past exams (of this type) the topic appeared on' }),
        examsAppeared: z.number().int(),
        totalAppearances: z.number().int(),
        avgPoints: z.number(),
        shareOfPoints: z.number(),
        trend: z.object({
          direction: z.enum(['rising', 'falling', 'steady']),
          slope: z.number().openapi({ description: 'Questions per year (least squares)' }),
          byYear: z.array(z.object({ year: z.number().int(), questions: z.number().int(), points: z.number() })),
        }),
      }),
    ),
    topPatterns: z.array(
      z.object({
        patternId: z.string(),
        name: z.string(),
        topicId: z.string(),
        appearanceRate: z.number(),
        appearances: z.number().int(),
        lastSeenYear: z.number().int().nullable(),
      }),
    ),
    likelihood: z.array(
      z.object({
        rank: z.number().int(),
        topicId: z.string(),
        name: z.string(),
        score: z.number(),
        reasoning: z.string(),
      }),
    ),
    difficultyDistribution: z.array(
      z.object({ difficulty: z.number().int(), questions: z.number().int(), share: z.number() }),
    ),
    examShape: z.array(
      z.object({
        examType: z.string(),
        exams: z.number().int(),
        averageQuestionCount: z.number(),
        averageTotalPoints: z.number(),
      }),
    ),
  })
  .openapi('CourseAnalysis');
