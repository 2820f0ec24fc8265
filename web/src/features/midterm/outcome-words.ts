import type { Schemas } from '../../lib/api/client';

type GraderOutcome = Schemas['SubmitAnswerResult']['outcome'];

/**
 * The grader's outcome codes as a marker would say them. Keyed by the API's own list, so a new code fails the
 * typecheck here instead of showing as snake_case; `unanswered` is exam mode's own (docs/EXAM-MODE.md).
 */
const WORDS: Record<GraderOutcome | 'unanswered', string> = {
  correct: 'Correct',
  incorrect: 'Incorrect',
  unparsable: 'Could not be read',
  missing_constant: 'Missing the constant of integration (+ C)',
  constant_not_arbitrary: 'The constant is not an arbitrary + C',
  differentiated_instead: 'Differentiated instead of integrated',
  sign_error: 'Sign error',
  off_by_constant_factor: 'Off by a constant factor',
  off_by_constant: 'Off by a constant',
  missing_term: 'A term is missing',
  not_simplified_numeric: 'Rounded too early',
  numerically_close: 'Close, but not exact',
  wrong_variable: 'Uses the wrong variable',
  undefined_at_points: 'Undefined where the answer is defined',
  missing_absolute_value: 'Missing an absolute value',
  wrong_dimension: 'Wrong number of components',
  wrong_components: 'Some components are wrong',
  wrong_endpoints: 'Wrong endpoints',
  wrong_brackets: 'Wrong brackets (open or closed)',
  wrong_form: 'Not in the form asked for',
  wrong_verdict: 'Wrong verdict',
  incomplete_verdict: 'Verdict incomplete',
  missing_elements: 'Some solutions are missing',
  extra_elements: 'Includes values that are not solutions',
  grading_error: 'Could not be marked (not held against you)',
  mcq_distractor: 'Wrong choice',
  unanswered: 'Not answered',
};

export function outcomeInWords(outcome: string): string {
  return (WORDS as Record<string, string>)[outcome] ?? outcome.replaceAll('_', ' ');
}
