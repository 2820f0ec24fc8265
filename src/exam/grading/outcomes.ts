import type { AnswerKind } from '../content/schema.js';
import { formatFactor } from './numeric.js';

/**
 * Outcome codes, like STACK's answer notes: every graded submission records exactly one. Feedback is built from
 * the code (plus a few details), and the code feeds analytics, MCQ distractors and weak-pattern detection.
 */
export const outcomeCodes = [
  /** Mathematically equivalent to the expected answer. */
  'correct',
  /** Wrong, with no more specific diagnosis. */
  'incorrect',
  /** The input could not be read (the API answers 422); see parseError. */
  'unparsable',
  /** Antiderivative right up to a constant, but no arbitrary constant (+ C) was added. */
  'missing_constant',
  /** A letter was added as the constant but not as "+ C" (C*x, e^C, C^2, or with a zero coefficient). */
  'constant_not_arbitrary',
  /** Gave the integrand, or its derivative, instead of an antiderivative. */
  'differentiated_instead',
  /** Right up to sign: the whole answer, or one term of it. */
  'sign_error',
  /** A constant multiple of the answer (a dropped chain-rule factor): the whole answer, or one term. */
  'off_by_constant_factor',
  /** Differs from the expected expression by a non-zero constant. */
  'off_by_constant',
  /** One term of the expected answer is missing. */
  'missing_term',
  /** A decimal approximation rounded too early (close, but not within the decimal tolerance). */
  'not_simplified_numeric',
  /** Exact input that is numerically close but not equal (22/7 for pi). */
  'numerically_close',
  /** Uses a letter that is not a variable of the question. */
  'wrong_variable',
  /** Undefined (division by zero, log or root of a negative) where the correct answer is defined. */
  'undefined_at_points',
  /** Antiderivative: ln(u) where ln|u| is meant (undefined where u < 0; right with the absolute value). */
  'missing_absolute_value',
  /** A vector, point or tuple with the wrong number of components. */
  'wrong_dimension',
  /** Right length, some components wrong. */
  'wrong_components',
  /** Interval with the right brackets (open/closed) but wrong endpoints. */
  'wrong_endpoints',
  /** Interval with the right endpoints but wrong brackets. */
  'wrong_brackets',
  /** The answer is not of the requested form (a number was asked and an expression given, no "=", ...). */
  'wrong_form',
  /** Convergence: converges vs diverges wrong. */
  'wrong_verdict',
  /** Convergence: "converges" when absolute or conditional convergence was asked, or the wrong one of those. */
  'incomplete_verdict',
  /** Set: some expected elements are missing (every given element is right). */
  'missing_elements',
  /** Set: contains elements that are not solutions (all solutions are there). */
  'extra_elements',
  /** The grader failed on this input; logged, never shown as the student's fault. */
  'grading_error',
] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];

export interface FeedbackDetail {
  kind?: AnswerKind;
  /** wrong_variable: the letters that do not belong; constant_not_arbitrary: the constant. */
  letters?: string[];
  /** off_by_constant_factor: student / expected. */
  factor?: number;
  /** The sign error or factor applies to one term, not the whole answer. */
  oneTerm?: boolean;
  /** undefined_at_points: one such point. */
  point?: Record<string, number>;
  /** wrong_components: 1-based positions. */
  components?: number[];
  expectedLength?: number;
  actualLength?: number;
  /** missing_elements / extra_elements. */
  count?: number;
  /** wrong_form: what was asked ("a number", "an equation"). */
  form?: string;
  /** unparsable. */
  message?: string;
  position?: number;
  /** Antiderivative: also no + C (shown after the main feedback). */
  alsoMissingConstant?: boolean;
  /** Correct decimal answer to an exact question: the student gave a decimal. */
  decimalAccepted?: boolean;
  /** wrong_brackets: which ends are wrong. */
  ends?: Array<'left' | 'right'>;
}

/** How to write an answer of each kind, for unparsable feedback. */
const examples: Record<AnswerKind, string | undefined> = {
  number: '3/2, 2*sqrt(3) or pi/4',
  expression: '2x*y + y^2, 2*sqrt(x), ln|x| or e^(2x)',
  antiderivative: 'x^2/2 + C, 2*sqrt(x) + C or ln|x| + C',
  equation: 'y = 3e^(x^2) or 2x + y - z = 4',
  interval: '(-1, 3], [0, inf) or -1 < x <= 3',
  convergence: undefined,
  vector: '<1, -2, 3>',
  set: '{-1, 2}',
};

const formatPoint = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} = ${Number(v.toPrecision(3))}`)
    .join(', ');

const list = (xs: Array<string | number>) =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** The sentence a student sees for an outcome. Never reveals the expected answer. */
export function feedbackFor(outcome: OutcomeCode, detail: FeedbackDetail = {}): string {
  const text = baseFeedback(outcome, detail);
  return detail.alsoMissingConstant && outcome !== 'missing_constant'
    ? `${text} Also, an indefinite integral needs an arbitrary constant: add + C.`
    : text;
}

function baseFeedback(outcome: OutcomeCode, d: FeedbackDetail): string {
  switch (outcome) {
    case 'correct':
      return d.decimalAccepted
        ? 'Correct. (Your decimal is accurate enough; the exact value is preferred where you can give it.)'
        : 'Correct.';
    case 'incorrect':
      return 'Not correct. Check your work step by step.';
    case 'unparsable': {
      const where = d.position === undefined ? '' : ` at character ${d.position + 1}`;
      const example = d.kind ? examples[d.kind] : examples.expression;
      return `We could not read your answer${where}: ${d.message ?? 'check the syntax'}.${example ? ` Write it like ${example}.` : ''}`;
    }
    case 'missing_constant':
      return 'Almost: this is an indefinite integral, so add an arbitrary constant (+ C).';
    case 'constant_not_arbitrary':
      return `Your constant ${d.letters?.[0] ?? 'C'} must be added as an arbitrary constant, like "+ ${d.letters?.[0] ?? 'C'}" (not multiplied by the variable, squared or inside a function).`;
    case 'differentiated_instead':
      return 'It looks like you differentiated (or copied the integrand) instead of integrating. Check: the derivative of your answer should give back the integrand.';
    case 'sign_error':
      return d.oneTerm
        ? 'Correct up to sign in one term: check the signs (for example when subtracting in integration by parts or differentiating cos).'
        : 'Correct up to sign: check the signs in your work.';
    case 'off_by_constant_factor': {
      const factor = d.factor === undefined ? '' : ` (by a factor of ${formatFactor(d.factor)})`;
      return d.oneTerm
        ? `One term is off by a constant factor${factor}: check chain-rule factors and coefficients in that term.`
        : `Your answer is off by a constant factor${factor}: check chain-rule factors and coefficients.`;
    }
    case 'off_by_constant':
      return 'Your answer differs from the correct one by a constant: check constant terms.';
    case 'missing_term':
      return 'A term is missing from your answer.';
    case 'not_simplified_numeric':
      return 'Your decimal is close but rounded too early: give the exact value (a fraction, root, pi or ln) or more significant digits.';
    case 'numerically_close':
      return 'Numerically close but not exact: your answer is a little off. Give the exact value, not an approximation.';
    case 'wrong_variable': {
      const letters = d.letters ?? [];
      return letters.length > 1
        ? `Your answer uses the letters ${list(letters)}, which are not variables of this question.`
        : `Your answer uses ${letters[0] ?? 'a letter'}, which is not a variable of this question.`;
    }
    case 'undefined_at_points':
      return d.point && Object.keys(d.point).length > 0
        ? `Your answer is undefined at ${formatPoint(d.point)}, where the correct answer is defined: check absolute values, square roots and domains.`
        : 'Your answer is undefined (division by zero, or a root or logarithm of a negative number).';
    case 'missing_absolute_value':
      return d.point && Object.keys(d.point).length > 0
        ? `Check your logarithm at ${formatPoint(d.point)}: the antiderivative of 1/u is ln|u|, with an absolute value, so it also exists where u < 0.`
        : 'The antiderivative of 1/u is ln|u|: your logarithm needs an absolute value.';
    case 'wrong_dimension':
      return d.expectedLength !== undefined
        ? `Your answer has ${d.actualLength ?? '?'} component${d.actualLength === 1 ? '' : 's'}; ${d.expectedLength} ${d.expectedLength === 1 ? 'is' : 'are'} expected.`
        : 'Your answer has the wrong number of components.';
    case 'wrong_components':
      return `Component${(d.components?.length ?? 0) > 1 ? 's' : ''} ${list(d.components ?? [])} ${(d.components?.length ?? 0) > 1 ? 'are' : 'is'} not correct.`;
    case 'wrong_endpoints':
      return 'The endpoints of your interval are not right.';
    case 'wrong_brackets':
      return d.ends && d.ends.length === 1
        ? `The endpoints are right, but check whether the ${d.ends[0]} endpoint is included: [ ] includes an endpoint, ( ) excludes it (and infinity is never included).`
        : 'The endpoints are right, but check which endpoints are included: [ ] includes an endpoint, ( ) excludes it (and infinity is never included).';
    case 'wrong_form':
      return `Your answer should be ${d.form ?? 'of a different form'}.`;
    case 'wrong_verdict':
      return 'Not correct: reconsider whether it converges or diverges, and which test applies.';
    case 'incomplete_verdict':
      return 'Say how it converges: absolutely (the series of absolute values converges) or conditionally.';
    case 'missing_elements': {
      const missing = d.count === undefined ? 'some are' : d.count === 1 ? 'one is' : `${d.count} are`;
      return `Every value you gave is right, but ${missing} missing.`;
    }
    case 'extra_elements':
      return `All the right values are there, but ${d.count === 1 ? 'one of your values is' : 'some of your values are'} not ${d.count === 1 ? 'a solution' : 'solutions'}.`;
    case 'grading_error':
      return 'We could not check this answer automatically; it has been logged for review.';
  }
}
