import { type Card, createEmptyCard, fsrs, type Grade, Rating, State } from 'ts-fsrs';

/**
 * Spaced re-review of patterns with FSRS (ts-fsrs). Each pattern a student practises gets one card; an attempt on one
 * of its questions is one review, rated from how the attempt went:
 *
 *   correct on the first try, fast (at most half the question's estimated time)  -> Easy
 *   correct on the first try                                                      -> Good
 *   correct on a later try                                                        -> Hard
 *   wrong (after REVIEW_AFTER_WRONG_TRIES tries) or the solution revealed         -> Again
 *
 * Fuzz is off so schedules are reproducible; intervals are capped at a semester, the horizon of an exam.
 */
export const scheduler = fsrs({ request_retention: 0.9, maximum_interval: 180, enable_fuzz: false });

/** An attempt still wrong after this many tries is rated Again (it may still be answered later, without a review). */
export const REVIEW_AFTER_WRONG_TRIES = 3;

export interface ReviewInput {
  correct: boolean;
  tryNumber: number;
  assisted: boolean;
  timeSpentMs: number;
  /** The question's estimated minutes (10 when unknown). */
  estimatedMinutes: number | null;
}

export function ratingFor(input: ReviewInput): Grade {
  if (input.assisted || !input.correct) return Rating.Again;
  if (input.tryNumber > 1) return Rating.Hard;
  const budgetMs = (input.estimatedMinutes ?? 10) * 60_000;
  return input.timeSpentMs <= budgetMs / 2 ? Rating.Easy : Rating.Good;
}

/** The card columns stored on `pattern_mastery` (timestamps as ISO strings, `due` NULL before the first review). */
export interface StoredCard {
  due: string | null;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: string | null;
}

export function toCard(stored: StoredCard | undefined, now: Date): Card {
  if (!stored || stored.due === null) return createEmptyCard(now);
  return {
    due: new Date(stored.due),
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: 0,
    scheduled_days: stored.scheduled_days,
    learning_steps: stored.learning_steps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state as State,
    ...(stored.last_review ? { last_review: new Date(stored.last_review) } : {}),
  };
}

export function fromCard(card: Card): StoredCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

/** Applies one review to a stored card. */
export function reviewCard(stored: StoredCard | undefined, grade: Grade, now: Date): StoredCard {
  return fromCard(scheduler.next(toCard(stored, now), now, grade).card);
}

/** Probability of recalling the pattern now (FSRS retrievability), 0 before the first review. */
export function retrievability(stored: StoredCard, now: Date): number {
  if (stored.due === null) return 0;
  return scheduler.get_retrievability(toCard(stored, now), now, false);
}

export const stateNames: Record<number, 'new' | 'learning' | 'review' | 'relearning'> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
