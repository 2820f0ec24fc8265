/**
 * Answer checking: free-response answers judged mathematically (numeric comparison at seeded random points,
 * WeBWorK-style), in plain math or LaTeX. See docs/GRADING.md.
 */
export {
  type AnswerKind,
  defaultSeed,
  ExpectedAnswerError,
  type GradeInput,
  type GradeResult,
  gradeAnswer,
} from './grade.js';
export { readVerdict } from './kinds/convergence.js';
export { MathParseError } from './normalize.js';
export { type FeedbackDetail, feedbackFor, type OutcomeCode, outcomeCodes } from './outcomes.js';
export { maxInputLength, parseMath } from './parse.js';
