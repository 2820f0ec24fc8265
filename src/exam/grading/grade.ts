import type { AnswerKind } from '../content/schema.js';
import { gradeAntiderivative } from './kinds/antiderivative.js';
import { gradeConvergence } from './kinds/convergence.js';
import { gradeEquation } from './kinds/equation.js';
import { gradeExpression } from './kinds/expression.js';
import { gradeInterval } from './kinds/interval.js';
import { gradeNumber } from './kinds/number.js';
import { gradeSet } from './kinds/set.js';
import { ExpectedAnswerError, type GradeContext, type KindResult } from './kinds/shared.js';
import { gradeVector } from './kinds/vector.js';
import { MathParseError } from './normalize.js';
import { type FeedbackDetail, feedbackFor, type OutcomeCode } from './outcomes.js';

export type { AnswerKind } from '../content/schema.js';

export interface GradeInput {
  kind: AnswerKind;
  /** The expected answer (the bank's `answer.value`), plain math or LaTeX. */
  expected: string;
  /** The student's answer, plain math or LaTeX. */
  answer: string;
  /** The question's variables; default: the letters the expected answer uses. */
  vars?: string[];
  /** Sampling range per variable; default [-2, 2]. */
  domain?: Record<string, [number, number]>;
  /** Seed of the sample points; the same input and seed always give the same result. */
  seed?: number;
}

export interface GradeResult {
  correct: boolean;
  outcome: OutcomeCode;
  feedback: string;
  /** Set when outcome is `unparsable`: what failed and where (0-based character offset in the answer). */
  parseError?: { message: string; position?: number };
}

/** Seed used when the caller gives none. */
export const defaultSeed = 20240917;

type KindGrader = (expected: string, answer: string, ctx: GradeContext) => KindResult;

const graders: Record<AnswerKind, KindGrader> = {
  number: gradeNumber,
  expression: gradeExpression,
  antiderivative: gradeAntiderivative,
  equation: gradeEquation,
  interval: (e, a) => gradeInterval(e, a),
  convergence: (e, a) => gradeConvergence(e, a),
  vector: gradeVector,
  set: gradeSet,
};

export { ExpectedAnswerError } from './kinds/shared.js';

function result(outcome: OutcomeCode, detail: FeedbackDetail = {}): GradeResult {
  return { correct: outcome === 'correct', outcome, feedback: feedbackFor(outcome, detail) };
}

/**
 * Grades a free-response answer mathematically. Never throws for anything the student typed: unreadable input
 * is `unparsable` with a parseError, and an unexpected failure is `grading_error`. An unusable EXPECTED answer
 * (a content or programming error) throws ExpectedAnswerError.
 */
export function gradeAnswer(input: GradeInput): GradeResult {
  const grader = graders[input.kind];
  if (!grader) throw new ExpectedAnswerError(`unknown answer kind "${String(input.kind)}"`);
  const ctx: GradeContext = {
    ...(input.vars && input.vars.length > 0 ? { vars: input.vars } : {}),
    ...(input.domain ? { domain: input.domain } : {}),
    seed: input.seed ?? defaultSeed,
  };
  try {
    const r = grader(input.expected, typeof input.answer === 'string' ? input.answer : '', ctx);
    return result(r.outcome, { kind: input.kind, ...r.detail });
  } catch (error) {
    if (error instanceof MathParseError) {
      const parseError = {
        message: error.message,
        ...(error.position !== undefined ? { position: error.position } : {}),
      };
      return {
        ...result('unparsable', {
          kind: input.kind,
          message: error.message,
          ...(error.position !== undefined ? { position: error.position } : {}),
        }),
        parseError,
      };
    }
    if (error instanceof ExpectedAnswerError) throw error;
    return result('grading_error');
  }
}
