/**
 * Mastery model: Bayesian Knowledge Tracing (Corbett & Anderson, 1994) with weighted evidence. Pure; documented with
 * worked numbers in docs/ASSESSMENT.md.
 *
 * A skill (a topic, or a pattern within it) is either learned or not; the estimate p is the probability it is learned.
 * After an answer that is correct (c) or wrong (w):
 *
 *   p(L | c) = p (1 - S) / (p (1 - S) + (1 - p) G)
 *   p(L | w) = p S       / (p S       + (1 - p) (1 - G))
 *
 * with S the slip rate (knows it, answers wrong) and G the guess rate (does not know it, answers right; 1 in 4 for a
 * four-option MCQ, lower for free response). Not every answer is equally good evidence, so the posterior is taken only
 * part of the way, by the evidence weight w in [0, 1], and so is the learning step T (the chance of learning the skill
 * from this practice opportunity):
 *
 *   p' = p + w (p(L | obs) - p)          p_next = p' + (1 - p') T w
 *
 * Weights (see `evidenceFor`): a first try is full evidence; a later try, after feedback, much less; revealing the
 * solution is not-mastered evidence; anything answered after the solution was revealed is no evidence at all.
 */

export interface BktParameters {
  /** p(L0): the estimate before any evidence. */
  prior: number;
  /** T: chance the skill is learned at one (fully weighted) practice opportunity. */
  learn: number;
  /** S: chance of a wrong answer although the skill is learned. */
  slip: number;
  /** G for free-response answers: typing an equivalent expression by chance is rare. */
  guessFree: number;
  /** G for four-option multiple choice. */
  guessMcq: number;
}

export const defaultBkt: BktParameters = {
  prior: 0.4,
  learn: 0.1,
  slip: 0.1,
  guessFree: 0.1,
  guessMcq: 0.25,
};

/** Estimates stay inside (0, 1) so one slip can always be recovered from. */
const FLOOR = 0.001;
const CEILING = 0.999;

export type AnswerMode = 'free' | 'mcq';

/** One piece of evidence about a skill. */
export interface Evidence {
  correct: boolean;
  /** 0 = no evidence, 1 = a full observation. */
  weight: number;
  mode: AnswerMode;
}

/** What happened in an attempt, as the attempts service records it. */
export type AttemptEvent =
  | { type: 'try'; tryNumber: number; correct: boolean; assisted: boolean; mode: AnswerMode }
  | { type: 'revealed'; triesBefore: number; mode: AnswerMode };

/** Evidence weights of the events (docs/ASSESSMENT.md has the table). */
export const evidenceWeights = {
  firstTryCorrect: 1,
  laterTryCorrect: 0.35,
  firstTryWrong: 1,
  laterTryWrong: 0.25,
  revealedWithoutTrying: 1,
  revealedAfterTries: 0.5,
  afterReveal: 0,
} as const;

export function evidenceFor(event: AttemptEvent): Evidence {
  if (event.type === 'revealed') {
    const weight = event.triesBefore === 0 ? evidenceWeights.revealedWithoutTrying : evidenceWeights.revealedAfterTries;
    return { correct: false, weight, mode: event.mode };
  }
  if (event.assisted) return { correct: event.correct, weight: evidenceWeights.afterReveal, mode: event.mode };
  const first = event.tryNumber <= 1;
  const weight = event.correct
    ? first
      ? evidenceWeights.firstTryCorrect
      : evidenceWeights.laterTryCorrect
    : first
      ? evidenceWeights.firstTryWrong
      : evidenceWeights.laterTryWrong;
  return { correct: event.correct, weight, mode: event.mode };
}

const clamp = (p: number) => Math.min(CEILING, Math.max(FLOOR, p));

/** The estimate after one piece of evidence. */
export function updateMastery(p: number, evidence: Evidence, params: BktParameters = defaultBkt): number {
  const w = Math.min(1, Math.max(0, evidence.weight));
  if (w === 0) return p;
  const guess = evidence.mode === 'mcq' ? params.guessMcq : params.guessFree;
  const posterior = evidence.correct
    ? (p * (1 - params.slip)) / (p * (1 - params.slip) + (1 - p) * guess)
    : (p * params.slip) / (p * params.slip + (1 - p) * (1 - guess));
  const observed = p + w * (posterior - p);
  return clamp(observed + (1 - observed) * params.learn * w);
}

/** Folds a sequence of evidence into an estimate, starting from `p` (the prior by default). */
export function foldMastery(evidence: Evidence[], p = defaultBkt.prior, params: BktParameters = defaultBkt): number {
  return evidence.reduce((estimate, e) => updateMastery(estimate, e, params), p);
}

/** Mastery at or above this counts as mastered (for display and review lists). */
export const MASTERED = 0.8;

/**
 * Points a student can expect to lose on a topic at the next exam: the chance they do not master it, times the share
 * of past exams it appeared on, times its average points per appearance.
 */
export function expectedPointsLost(mastery: number, frequency: number, avgPoints: number): number {
  return (1 - mastery) * frequency * avgPoints;
}
