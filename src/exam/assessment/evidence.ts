import type { Grade } from 'ts-fsrs';
import type { Tx } from '../../db/transaction.js';
import * as repo from './assessment.repo.js';
import { defaultBkt, type Evidence, updateMastery } from './mastery.js';
import { reviewCard } from './review-schedule.js';

export interface EvidenceInput {
  userId: string;
  courseId: string;
  topicId: string;
  patternId: string | null;
  evidence: Evidence;
  /** A spaced-repetition review of the pattern, when this event resolves an attempt. */
  review?: Grade | undefined;
  now: Date;
}

/**
 * Folds one piece of evidence into the user's topic and pattern mastery, and applies a review to the pattern's card,
 * inside the caller's transaction (the attempt's try or reveal is recorded in the same one).
 */
export async function recordEvidence(tx: Tx, input: EvidenceInput): Promise<void> {
  const nowIso = input.now.toISOString();
  const counts = input.evidence.weight > 0;
  if (counts) {
    const topic = await repo.lockTopicMastery(tx, {
      userId: input.userId,
      topicId: input.topicId,
      courseId: input.courseId,
      prior: defaultBkt.prior,
      nowIso,
    });
    await repo.saveTopicMastery(tx, {
      userId: input.userId,
      topicId: input.topicId,
      estimate: updateMastery(topic.estimate, input.evidence),
      attempts: topic.attempts + 1,
      nowIso,
    });
  }
  if (!input.patternId || (!counts && input.review === undefined)) return;
  const pattern = await repo.lockPatternMastery(tx, {
    userId: input.userId,
    patternId: input.patternId,
    topicId: input.topicId,
    courseId: input.courseId,
    prior: defaultBkt.prior,
    nowIso,
  });
  await repo.savePatternMastery(tx, {
    userId: input.userId,
    patternId: input.patternId,
    estimate: counts ? updateMastery(pattern.estimate, input.evidence) : pattern.estimate,
    attempts: pattern.attempts + (counts ? 1 : 0),
    nowIso,
    ...(input.review !== undefined ? { card: reviewCard(pattern, input.review, input.now) } : {}),
  });
}
