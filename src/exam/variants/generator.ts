import type { AnswerCheck, AnswerKind, QuestionContent } from '../content/schema.js';
import type { Draw } from './draw.js';

/** A variant's parameters: what the generator drew. Stored with the variant (questions.variant_params). */
export type VariantParams = Record<string, number | string>;

/** A close-but-wrong answer and the real mistake behind it; the first three become the MCQ distractors. */
export interface Mistake {
  /** Plain math, as the student would write it. */
  value: string;
  mistake: string;
}

/** What a generator writes for one set of parameters. */
export interface VariantDraft {
  /** Question text, math in `$...$` LaTeX (see latex.ts). */
  text: string;
  /** Worked solution, one step per entry, ending in the answer. */
  solution: string[];
  answer: {
    kind: AnswerKind;
    /** Plain math; LaTeX is derived from it unless given. */
    value: string;
    latex?: string;
    /** Other correct forms (a decimal is added for numbers). */
    alternates?: string[];
    vars?: string[];
    domain?: Record<string, [number, number]>;
  };
  /** The independent machine check of the answer (checks.ts), where the question is an integral or derivative. */
  check?: AnswerCheck;
  mistakes: Mistake[];
}

/**
 * A generator of fresh variants of one pattern, as WeBWorK's randomised problems: `params` draws parameters from
 * ranges that keep the numbers exam-like, `build` writes the question for them. Both are pure: the same draws give
 * the same variant. `verify` is the pattern's own machine check where `check` cannot express it (a limit evaluated
 * numerically, a series summed, an equation substituted); it returns a sentence when the answer is wrong.
 */
export interface VariantGenerator<P extends VariantParams = VariantParams> {
  patternId: string;
  difficulty: number;
  difficultyReason: string;
  estimatedMinutes: number;
  techniques: string[];
  params(draw: Draw): P;
  build(params: P): VariantDraft;
  verify?(params: P, draft: VariantDraft): string | undefined;
}

/** Declares a generator with its parameter type inferred (and erased for the registry). */
export function defineGenerator<P extends VariantParams>(generator: VariantGenerator<P>): VariantGenerator {
  return generator as unknown as VariantGenerator;
}

/** A generated question: the bank's question shape without the past-exam fields, plus its pattern and parameters. */
export type VariantQuestion = Omit<QuestionContent, 'id' | 'exam' | 'number' | 'points' | 'pattern'> & {
  patternId: string;
  params: VariantParams;
};
