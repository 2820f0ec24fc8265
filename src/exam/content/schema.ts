import { z } from 'zod';

/**
 * The shape of the course content under `content/courses/<courseId>/`:
 * `course.yaml` (course, topics, exams) and `topics/<topic-slug>.yaml` (patterns and questions of one topic).
 * Statistics (frequency, appearances, rates, years) are never written here: they are computed from the exams.
 */

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens');

export const answerKinds = [
  'number',
  'expression',
  'antiderivative',
  'equation',
  'interval',
  'convergence',
  'vector',
  'set',
] as const;
export type AnswerKind = (typeof answerKinds)[number];

/** A bound or point in plain math (`pi/2`, `1`, `sqrt(3)`), or an expression in an outer variable. */
const mathText = z.string().min(1);

const domainSchema = z.record(z.string(), z.tuple([z.number(), z.number()]));

export const answerSchema = z.object({
  kind: z.enum(answerKinds),
  /** The canonical answer in plain math, as a student would type it (`x^2/2 + C`, `<1, 2, 3>`, `(-1, 3]`). */
  value: mathText,
  /** The same answer as LaTeX, for display. */
  latex: z.string().min(1),
  /** Variables of the answer; default: the letters the answer uses (minus the constant of integration). */
  vars: z.array(z.string().regex(/^[a-z]$/)).optional(),
  /** Sampling range per variable for numeric comparison; default [-2, 2]. */
  domain: domainSchema.optional(),
  /** Other forms a student may give that must be graded correct (plain math or LaTeX). */
  alternates: z.array(z.string().min(1)).min(1),
  /** Close but wrong answers (a dropped constant, a sign error, a missing factor) that must be graded wrong. */
  wrong: z.array(z.string().min(1)).min(1),
});

/**
 * Independent machine checks of the answer, so that a wrong answer in the bank fails the build.
 * Expressions are plain math (mathjs syntax: `x*e^(2x)`, `log(x)` is the natural log, `sqrt`, `abs`).
 */
export const answerCheckSchema = z.discriminatedUnion('type', [
  // d/d(var) of the answer (without its constant) equals the integrand.
  z.object({ type: z.literal('antiderivative'), integrand: mathText, var: z.string() }),
  // The answer equals d/d(var) of `of`, optionally evaluated at a point (then the answer is a number).
  z.object({
    type: z.literal('derivative'),
    of: mathText,
    var: z.string(),
    at: z.record(z.string(), z.number()).optional(),
  }),
  // The (number) answer equals the integral of `integrand` from `from` to `to` (finite bounds).
  z.object({
    type: z.literal('definite-integral'),
    integrand: mathText,
    var: z.string(),
    from: mathText,
    to: mathText,
  }),
  // The (number) answer equals an iterated double integral; inner bounds may use the outer variable.
  z.object({
    type: z.literal('double-integral'),
    integrand: mathText,
    outer: z.object({ var: z.string(), from: mathText, to: mathText }),
    inner: z.object({ var: z.string(), from: mathText, to: mathText }),
  }),
  // The (number) answer equals an iterated triple integral; inner bounds may use the outer variables.
  z.object({
    type: z.literal('triple-integral'),
    integrand: mathText,
    outer: z.object({ var: z.string(), from: mathText, to: mathText }),
    middle: z.object({ var: z.string(), from: mathText, to: mathText }),
    inner: z.object({ var: z.string(), from: mathText, to: mathText }),
  }),
  // The (number) answer equals the sum of `term` for var = from .. infinity (checked by partial sums).
  z.object({ type: z.literal('series-sum'), term: mathText, var: z.string(), from: z.number().int() }),
]);
export type AnswerCheck = z.infer<typeof answerCheckSchema>;

export const optionSchema = z.object({
  text: z.string().min(1),
  correct: z.boolean().default(false),
  /** For a distractor: the real mistake that produces it (e.g. "forgot the chain-rule factor 1/2"). */
  mistake: z.string().min(1).optional(),
});

export const questionSchema = z
  .object({
    id: slug,
    exam: slug,
    number: z.number().int().min(1),
    points: z.number().int().min(1).max(50),
    pattern: slug,
    difficulty: z.number().int().min(1).max(5),
    difficultyReason: z.string().min(10),
    techniques: z.array(z.string().min(1)).min(1),
    estimatedMinutes: z.number().int().min(1).max(60),
    /** Question text; math in `$...$` / `$$...$$` LaTeX. */
    text: z.string().min(10),
    /** Worked solution, one step per entry, LaTeX math in `$...$`. */
    solution: z.array(z.string().min(5)).min(2),
    answer: answerSchema,
    check: answerCheckSchema.optional(),
    options: z.array(optionSchema).length(4).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.options && q.options.filter((o) => o.correct).length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'exactly one option must be correct' });
    }
    if (q.options?.some((o) => !o.correct && !o.mistake)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'every distractor names the mistake behind it' });
    }
  });
export type QuestionContent = z.infer<typeof questionSchema>;

export const patternSchema = z.object({
  id: slug,
  name: z.string().min(3),
  techniques: z.array(z.string().min(1)).min(1),
  /** The generic shape of the question, e.g. `\int x^n e^{ax}\,dx`. */
  canonicalForm: z.string().min(3),
  description: z.string().min(10).optional(),
});
export type PatternContent = z.infer<typeof patternSchema>;

export const topicFileSchema = z.object({
  topic: slug,
  patterns: z.array(patternSchema).min(1),
  questions: z.array(questionSchema).min(1),
});
export type TopicFile = z.infer<typeof topicFileSchema>;

export const examTypes = ['midterm', 'final'] as const;

export const courseFileSchema = z.object({
  course: z.object({ id: slug, name: z.string().min(3), description: z.string().min(10) }),
  topics: z
    .array(
      z.object({
        id: slug,
        slug,
        name: z.string().min(3),
        category: z.string().min(3),
        difficulty: z.number().int().min(1).max(5),
      }),
    )
    .min(1),
  exams: z
    .array(
      z.object({
        id: slug,
        year: z.number().int().min(1990).max(2100),
        semester: z.enum(['spring', 'summer', 'fall', 'winter']),
        type: z.enum(examTypes),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        totalPoints: z.number().int().min(1),
      }),
    )
    .min(1),
});
export type CourseFile = z.infer<typeof courseFileSchema>;
