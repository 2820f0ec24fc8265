import { z } from '@hono/zod-openapi';

const source = z.object({
  year: z.number().int().nullable(),
  examType: z.string().nullable(),
  questionNumber: z.number().int().nullable(),
  points: z.number().int().nullable(),
});

export const questionSummarySchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    topicId: z.string(),
    patternId: z.string().nullable(),
    examId: z.string().nullable(),
    questionText: z.string().openapi({ description: 'LaTeX inside $...$' }),
    techniques: z.array(z.string()),
    difficulty: z.number().int().nullable(),
    difficultyReason: z.string().nullable(),
    estimatedTime: z.number().int().nullable().openapi({ description: 'Minutes' }),
    answerKind: z.string(),
    frequencyScore: z.number().nullable(),
    isGenerated: z.boolean().openapi({
      description: 'A generated variant of its pattern (verified by machine checks), not a past-exam question',
    }),
    source,
  })
  .openapi('QuestionSummary');

export const questionWithSolutionSchema = questionSummarySchema
  .extend({
    answer: z.string().openapi({ description: 'The final answer, LaTeX' }),
    solutionSteps: z.array(z.string()),
  })
  .openapi('QuestionWithSolution');

export const browseQuerySchema = z.object({
  courseId: z.string().max(100).optional(),
  topicId: z.string().max(200).optional(),
  patternId: z.string().max(200).optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  examType: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const practiceBodySchema = z
  .object({
    courseId: z.string().min(1).max(100).openapi({ example: 'calc2' }),
    topicIds: z.array(z.string().min(1).max(200)).max(50).optional(),
    difficulty: z.number().int().min(1).max(5).optional(),
    count: z.number().int().min(1, 'must be between 1 and 10').max(10, 'must be between 1 and 10'),
  })
  .openapi('PracticeRequest');

export const bundleBodySchema = z
  .object({
    courseId: z.string().min(1).max(100).openapi({ example: 'calc2' }),
    topicIds: z.array(z.string().min(1).max(200)).max(50).optional(),
  })
  .openapi('BundleRequest');

export const practiceResponseSchema = z
  .object({
    questions: z.array(questionWithSolutionSchema),
    charged: z.number().int().openapi({ description: 'Credits charged by this request' }),
    balance: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Balance after the charge (null when nothing changed)' }),
  })
  .openapi('PracticeSet');
