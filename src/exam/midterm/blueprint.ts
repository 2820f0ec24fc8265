import type { OutcomeCode } from '../grading/index.js';

/** The kinds of exam a student can generate and take. */
export const generatedExamTypes = ['midterm', 'final'] as const;
export type GeneratedExamType = (typeof generatedExamTypes)[number];

/**
 * How an exam of each type is set and marked. Its questions, their count and their points come from the course's
 * real exams of that type (see loadExamShape); the blueprint adds what past papers do not record:
 * - the time allowed, as on a real paper (a midterm is one lecture slot, a final a three-hour sitting);
 * - the price, the same for both: a final has more questions, but it is one generated paper with one set of
 *   solutions, and charging by length would make students skip the exam that counts most (docs/EXAM-MODE.md);
 * - the marking scheme: each question's points are split between the method and the final form, as a marker does,
 *   so an answer whose outcome shows the method was right but the last step slipped earns the method's share.
 */
export interface ExamBlueprint {
  durationMinutes: number;
  price: number;
  /** Share of a question's points earned per outcome; outcomes not listed earn 1 when correct, else 0. */
  partialCredit: Partial<Record<OutcomeCode, number>>;
}

/**
 * The method share of a question's points, per outcome that shows the method worked: a forgotten "+ C" or an
 * unsimplified decimal loses the form's share only; a slipped sign or factor, the wrong brackets of an interval, an
 * incomplete convergence verdict or a set missing (or adding) elements keep half.
 */
const partialCredit: Partial<Record<OutcomeCode, number>> = {
  missing_constant: 0.8,
  constant_not_arbitrary: 0.8,
  not_simplified_numeric: 0.8,
  wrong_brackets: 0.5,
  sign_error: 0.5,
  off_by_constant_factor: 0.5,
  incomplete_verdict: 0.5,
  missing_elements: 0.5,
  extra_elements: 0.5,
};

export const blueprints: Record<GeneratedExamType, ExamBlueprint> = {
  midterm: { durationMinutes: 90, price: 3, partialCredit },
  final: { durationMinutes: 180, price: 3, partialCredit },
};

/** Points earned for one answer: the question's points times the outcome's share, rounded to half points. */
export function pointsFor(
  blueprint: ExamBlueprint,
  points: number,
  outcome: { correct: boolean; code: string },
): number {
  const share = outcome.correct ? 1 : (blueprint.partialCredit[outcome.code as OutcomeCode] ?? 0);
  return Math.round(points * share * 2) / 2;
}
