import type { Logger } from '../../platform/logger.js';
import type { AnswerKind } from '../content/schema.js';
import { ExpectedAnswerError, feedbackFor, gradeAnswer, type OutcomeCode } from '../grading/index.js';

/** A grader outcome, or the multiple-choice one: a distractor was picked (its mistake is named in the feedback). */
export type SubmissionOutcome = OutcomeCode | 'mcq_distractor';

export interface SubmissionGrade {
  correct: boolean;
  outcome: SubmissionOutcome;
  feedback: string;
  /** For a distractor: the mistake behind it. */
  mistake: string | null;
  /** Set for unparsable input: where reading failed. */
  parseError?: { message: string; position?: number };
}

/** What the grader needs, stored as `questions.answer_spec`. */
export interface AnswerSpec {
  kind: AnswerKind;
  value: string;
  vars?: string[];
  domain?: Record<string, [number, number]>;
}

/**
 * Grades a free-response answer. Never throws: a broken expected answer (a content bug) is logged and graded as
 * `grading_error`, which is not held against the student.
 */
export function gradeFreeResponse(
  spec: AnswerSpec,
  answer: string,
  context: { logger: Logger; questionId: string },
): SubmissionGrade {
  try {
    const result = gradeAnswer({
      kind: spec.kind,
      expected: spec.value,
      answer,
      ...(spec.vars ? { vars: spec.vars } : {}),
      ...(spec.domain ? { domain: spec.domain } : {}),
    });
    if (result.outcome === 'grading_error') {
      context.logger.error({ questionId: context.questionId, answer }, 'grader failed on an answer');
    }
    return {
      correct: result.correct,
      outcome: result.outcome,
      feedback: result.feedback,
      mistake: null,
      ...(result.parseError ? { parseError: result.parseError } : {}),
    };
  } catch (error) {
    if (!(error instanceof ExpectedAnswerError)) throw error;
    context.logger.error({ err: error, questionId: context.questionId }, 'expected answer is not gradable');
    return { correct: false, outcome: 'grading_error', feedback: feedbackFor('grading_error'), mistake: null };
  }
}

/** Grades a multiple-choice pick by option id; for a distractor the feedback names the mistake behind it. */
export function gradeOption(option: { is_correct: boolean | number; mistake: string | null }): SubmissionGrade {
  if (option.is_correct === true || option.is_correct === 1) {
    return { correct: true, outcome: 'correct', feedback: feedbackFor('correct'), mistake: null };
  }
  if (!option.mistake)
    return { correct: false, outcome: 'incorrect', feedback: feedbackFor('incorrect'), mistake: null };
  return {
    correct: false,
    outcome: 'mcq_distractor',
    feedback: `Not correct. This choice comes from a common mistake: ${option.mistake.replace(/\.$/, '')}.`,
    mistake: option.mistake,
  };
}
