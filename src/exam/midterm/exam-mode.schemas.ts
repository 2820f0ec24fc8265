import { z } from '@hono/zod-openapi';
import { idParam } from '../../platform/http/openapi-helpers.js';
import { maxInputLength } from '../grading/index.js';
import { questionSummarySchema } from '../questions/questions.schemas.js';
import { generatedExamTypes } from './blueprint.js';

export const examIdParams = z.object({ id: idParam('id', 'V1StGXR8_Z5jdHi6B-myT') });

const examSummaryShape = {
  id: z.string(),
  courseId: z.string(),
  examType: z.enum(generatedExamTypes),
  seed: z.string().openapi({ description: 'Generate with it again to get this same exam back (free)' }),
  status: z
    .enum(['ready', 'in_progress', 'submitted'])
    .openapi({ description: 'ready: not started; in_progress: the clock runs; submitted: results and solutions' }),
  totalPoints: z.number().int(),
  durationMinutes: z.number().int().openapi({ description: 'Time allowed once started (from the blueprint)' }),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable().openapi({ description: 'startedAt + durationMinutes; later submissions are late' }),
  submittedAt: z.string().nullable(),
  lateMs: z.number().int().nullable().openapi({ description: 'How late the submission was (0: on time)' }),
  score: z.number().nullable().openapi({ description: 'Points earned, once submitted' }),
};

export const examSummarySchema = z
  .object({
    ...examSummaryShape,
    questionCount: z.number().int(),
    correctCount: z.number().int().nullable(),
  })
  .openapi('GeneratedExamSummary');

export const examSchema = z
  .object({
    ...examSummaryShape,
    estimatedMinutes: z.number().int().openapi({ description: "Sum of the questions' estimated times" }),
    questions: z.array(
      z.object({
        number: z.number().int(),
        points: z.number().int(),
        question: questionSummarySchema,
        formats: z.array(z.enum(['free', 'mcq'])).openapi({ description: 'How this question can be answered' }),
        options: z
          .array(z.object({ id: z.string(), text: z.string() }))
          .nullable()
          .openapi({ description: 'Multiple choice options in this exam’s order (never which one is right)' }),
        result: z
          .object({
            answer: z.string().nullable(),
            optionId: z.string().nullable(),
            outcome: z.string().openapi({
              description:
                "The grader's outcome code (`correct`, `missing_constant`, `mcq_distractor`, `unanswered`...)",
            }),
            correct: z.boolean(),
            score: z.number().openapi({ description: 'Points earned (partial credit per the blueprint)' }),
            feedback: z.string(),
          })
          .nullable()
          .openapi({ description: 'Once submitted' }),
        solution: z
          .object({ answer: z.string(), solutionSteps: z.array(z.string()) })
          .nullable()
          .openapi({ description: 'Once submitted: the worked solution (paid with the exam)' }),
      }),
    ),
  })
  .openapi('GeneratedExam');

export const listExamsQuery = z.object({
  courseId: z.string().min(1).max(100).optional(),
  examType: z.enum(generatedExamTypes).optional(),
  cursor: z.string().min(1).max(500).optional().openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const submitExamBody = z
  .object({
    answers: z
      .array(
        z
          .object({
            number: z.number().int().min(1).openapi({ description: 'The question number on this exam' }),
            answer: z
              .string()
              .max(maxInputLength, `must be at most ${maxInputLength} characters`)
              .optional()
              .openapi({ description: 'Free response, plain math or LaTeX' }),
            optionId: z.string().min(1).max(100).optional().openapi({ description: 'Multiple choice: the option' }),
          })
          .superRefine((a, ctx) => {
            if ((a.answer === undefined) === (a.optionId === undefined)) {
              ctx.addIssue({ code: 'custom', path: ['answer'], message: 'send exactly one of answer or optionId' });
            }
          }),
      )
      .max(100)
      .openapi({ description: 'Every answer at once; a question left out scores 0 (`unanswered`)' }),
  })
  .openapi('SubmitExamRequest');
