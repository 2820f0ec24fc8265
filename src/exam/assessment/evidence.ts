import type { CompiledQuery, Expression, SqlBool } from 'kysely';
import type { Grade } from 'ts-fsrs';
import type { Db } from '../../db/transaction.js';
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

/** The mastery rows as read before a batch (D1); absent rows are created at the prior. */
export interface ObservedMastery {
  topic: Awaited<ReturnType<typeof repo.findTopicMastery>>;
  pattern: Awaited<ReturnType<typeof repo.findPatternMastery>>;
}

export async function readMastery(
  db: Db,
  input: { userId: string; topicId: string; patternId: string | null },
): Promise<ObservedMastery> {
  const [topic, pattern] = await Promise.all([
    repo.findTopicMastery(db, input.userId, input.topicId),
    input.patternId ? repo.findPatternMastery(db, input.userId, input.patternId) : Promise.resolve(undefined),
  ]);
  return { topic, pattern };
}

/**
 * recordEvidence for an atomic batch (D1): the new values are computed from the rows read before, `unchanged` are the
 * preconditions (the rows are still as read) for the batch's first statement, and `queries` write them, each only
 * `when` its guard holds (the guard ties them to that first statement having applied).
 */
export function evidenceBatch(
  db: Db,
  input: EvidenceInput,
  observed: ObservedMastery,
  when: Expression<SqlBool>,
): { unchanged: Expression<SqlBool>[]; queries: CompiledQuery[] } {
  const nowIso = input.now.toISOString();
  const counts = input.evidence.weight > 0;
  const unchanged: Expression<SqlBool>[] = [];
  const queries: CompiledQuery[] = [];
  if (counts) {
    const topic = observed.topic ?? { estimate: defaultBkt.prior, attempts: 0 };
    unchanged.push(repo.topicMasteryUnchanged(db, input.userId, input.topicId, observed.topic));
    queries.push(
      repo.upsertTopicMasteryQuery(
        db,
        {
          userId: input.userId,
          topicId: input.topicId,
          courseId: input.courseId,
          estimate: updateMastery(topic.estimate, input.evidence),
          attempts: topic.attempts + 1,
          nowIso,
        },
        when,
      ),
    );
  }
  if (!input.patternId || (!counts && input.review === undefined)) return { unchanged, queries };
  const pattern = observed.pattern;
  const estimate = pattern?.estimate ?? defaultBkt.prior;
  const attempts = pattern?.attempts ?? 0;
  unchanged.push(repo.patternMasteryUnchanged(db, input.userId, input.patternId, pattern));
  queries.push(
    repo.upsertPatternMasteryQuery(
      db,
      {
        userId: input.userId,
        patternId: input.patternId,
        topicId: input.topicId,
        courseId: input.courseId,
        estimate: counts ? updateMastery(estimate, input.evidence) : estimate,
        attempts: attempts + (counts ? 1 : 0),
        nowIso,
        card: input.review !== undefined ? reviewCard(pattern, input.review, input.now) : undefined,
      },
      when,
    ),
  );
  return { unchanged, queries };
}
