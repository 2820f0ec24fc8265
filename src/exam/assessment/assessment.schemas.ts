import { z } from '@hono/zod-openapi';
import { examTypes } from '../content/schema.js';
import { maxInputLength } from '../grading/index.js';

const examTypeField = z.enum(examTypes).optional();

const formats = z.array(z.enum(['free', 'mcq']));

export const practiceQuestionSchema = z
  .object({
    id: z.string(),
    patternId: z.string().nullable(),
    difficulty: z.number().int().nullable(),
    questionText: z.string(),
    formats,
  })
  .openapi('PracticeQuestion');

export const weakTopicsBodySchema = z
  .object({
    courseId: z.string().min(1).max(100).openapi({ example: 'calc2' }),
    examType: examTypeField.openapi({
      description: 'Weigh topics by how often and for how much they appear on this kind of exam (default: all)',
    }),
    responses: z
      .array(
        z
          .object({
            questionId: z.string().min(1).max(200),
            answer: z.string().max(maxInputLength, `must be at most ${maxInputLength} characters`).optional(),
            optionId: z.string().min(1).max(100).optional(),
          })
          .superRefine((r, ctx) => {
            if ((r.answer === undefined) === (r.optionId === undefined)) {
              ctx.addIssue({ code: 'custom', path: ['answer'], message: 'send exactly one of answer or optionId' });
            }
          }),
      )
      .max(50, 'at most 50 diagnostic responses')
      .optional()
      .openapi({ description: 'Diagnostic answers, graded as first tries and folded in (not stored)' }),
  })
  .openapi('WeakTopicsRequest');

export const weakTopicsResponseSchema = z
  .object({
    courseId: z.string(),
    examType: z.enum(examTypes).nullable(),
    model: z
      .object({
        name: z.literal('bayesian-knowledge-tracing'),
        prior: z.number(),
        learn: z.number(),
        slip: z.number(),
        guessFree: z.number(),
        guessMcq: z.number(),
      })
      .openapi({ description: 'The mastery model and its parameters (docs/ASSESSMENT.md)' }),
    diagnostics: z.array(z.object({ questionId: z.string(), correct: z.boolean(), outcome: z.string() })),
    topics: z.array(
      z
        .object({
          rank: z.number().int(),
          topicId: z.string(),
          name: z.string(),
          mastery: z.number().openapi({ description: 'Probability the topic is mastered (0-1)' }),
          evidence: z.number().int().openapi({ description: 'Graded answers behind the estimate' }),
          mastered: z.boolean(),
          frequency: z.number().openapi({ description: 'Share of past exams the topic appeared on' }),
          avgPoints: z.number(),
          expectedPointsLost: z.number().openapi({ description: '(1 - mastery) x frequency x avgPoints' }),
          reason: z.string(),
          commonMistakes: z.array(z.object({ outcome: z.string(), count: z.number().int() })),
          patterns: z.array(
            z.object({ patternId: z.string(), name: z.string(), mastery: z.number(), evidence: z.number().int() }),
          ),
          nextQuestions: z.array(practiceQuestionSchema),
        })
        .openapi('WeakTopic'),
    ),
  })
  .openapi('WeakTopics');

export const reviewQuerySchema = z.object({
  courseId: z.string().min(1).max(100).openapi({ example: 'calc2' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  examType: examTypeField.openapi({ description: 'Only patterns of topics this kind of exam asks about' }),
});

export const reviewResponseSchema = z
  .object({
    courseId: z.string(),
    now: z.string(),
    dueCount: z.number().int(),
    nextDueAt: z.string().nullable().openapi({ description: 'When the next review after now falls due' }),
    reviews: z.array(
      z
        .object({
          patternId: z.string(),
          patternName: z.string(),
          topicId: z.string(),
          topicName: z.string(),
          due: z.string(),
          state: z.enum(['new', 'learning', 'review', 'relearning']),
          reps: z.number().int(),
          lapses: z.number().int(),
          stability: z.number().openapi({ description: 'FSRS stability, days' }),
          retrievability: z.number().openapi({ description: 'Estimated chance of recall now (0-1)' }),
          mastery: z.number(),
          mastered: z.boolean(),
          question: practiceQuestionSchema.nullable(),
        })
        .openapi('DueReview'),
    ),
  })
  .openapi('ReviewQueue');
