import { z } from '@hono/zod-openapi';
import { maxInputLength, outcomeCodes } from '../grading/index.js';
import { questionSummarySchema, questionWithSolutionSchema } from '../questions/questions.schemas.js';

export const questionIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'calc2-2021-fall-midterm-q1' }),
});

const attemptId = z.string().min(1).max(100);

export const attemptSchema = z
  .object({
    id: z.string(),
    questionId: z.string(),
    mode: z.enum(['free', 'mcq']),
    startedAt: z.string(),
    finishedAt: z.string().nullable().openapi({ description: 'When it was answered correctly' }),
    tries: z.number().int().openapi({ description: 'Graded tries so far' }),
    correct: z.boolean(),
    assisted: z.boolean().openapi({ description: 'The solution was revealed during the attempt' }),
    timeSpentMs: z.number().int(),
  })
  .openapi('Attempt');

export const startBodySchema = z
  .object({
    mode: z
      .enum(['free', 'mcq'])
      .optional()
      .openapi({ description: 'Answer by typing (default) or by picking one of the shuffled options' }),
  })
  .openapi('StartAttemptRequest');

export const startResponseSchema = z
  .object({
    attempt: attemptSchema,
    question: questionSummarySchema,
    formats: z.array(z.enum(['free', 'mcq'])).openapi({ description: 'How this question can be answered' }),
    options: z
      .array(z.object({ id: z.string(), text: z.string().openapi({ description: 'LaTeX inside $...$' }) }))
      .nullable()
      .openapi({ description: 'MCQ mode: the options in this attempt’s order (null in free mode)' }),
  })
  .openapi('StartedAttempt');

export const submitBodySchema = z
  .object({
    attemptId: attemptId.optional().openapi({
      description: 'Default: the latest unfinished attempt on the question, or a new one',
    }),
    answer: z
      .string()
      .max(maxInputLength, `must be at most ${maxInputLength} characters`)
      .optional()
      .openapi({ description: 'Free response, plain math or LaTeX', example: 'x^2/2 + C' }),
    optionId: z.string().min(1).max(100).optional().openapi({ description: 'Multiple choice: the chosen option' }),
  })
  .superRefine((body, ctx) => {
    if (body.answer === undefined && body.optionId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: 'send answer (free response) or optionId (multiple choice)',
      });
    } else if (body.answer !== undefined && body.optionId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['optionId'], message: 'send either answer or optionId, not both' });
    }
  })
  .openapi('SubmitAnswerRequest');

export const submitResponseSchema = z
  .object({
    correct: z.boolean(),
    outcome: z.enum([...outcomeCodes, 'mcq_distractor']).openapi({
      description: 'What the grader concluded, like STACK answer notes (`missing_constant`, `mcq_distractor`, ...)',
    }),
    feedback: z.string(),
    mistake: z.string().nullable().openapi({ description: 'For a distractor: the mistake behind it' }),
    counted: z.boolean().openapi({ description: 'False when the answer could not be graded: not held against you' }),
    tryNumber: z.number().int().nullable(),
    timeSpentMs: z.number().int(),
    attempt: attemptSchema,
  })
  .openapi('SubmitAnswerResult');

export const solutionBodySchema = z
  .object({
    attemptId: attemptId.optional().openapi({ description: 'Default: the latest unfinished attempt on the question' }),
  })
  .openapi('RevealSolutionRequest');

export const solutionResponseSchema = z
  .object({
    question: questionWithSolutionSchema,
    charged: z.number().int(),
    balance: z.number().int().nullable(),
    assistedAttemptId: z.string().nullable(),
  })
  .openapi('RevealedSolution');
