import type { ServiceDeps } from '../../platform/deps.js';
import { hashSeed } from '../../platform/ids.js';
import { canonicalParams } from './build.js';
import type { VariantGenerator, VariantParams } from './generator.js';
import { generatorFor } from './registry.js';
import { DRAWS_PER_SEED, drawParams, verifiedVariant } from './sample.js';
import * as repo from './variants.repo.js';

/** A variant's question id: its pattern and a 64-bit hash of its parameters (the same variant, the same row). */
export function variantId(patternId: string, params: VariantParams): string {
  const canonical = canonicalParams(params);
  const h = (salt: string) => hashSeed(`${salt}${canonical}`).toString(36).padStart(7, '0');
  return `${patternId}-v${h('a')}${h('b')}`;
}

/** Candidate variants per pattern and selection: more than one, so a variant the student has seen is skipped. */
const CANDIDATES = 3 * DRAWS_PER_SEED;

type DrawDeps = Pick<ServiceDeps, 'db' | 'clock' | 'atomic'>;

/** A course's original questions as the caller already read them, and which of them the student has seen. */
export interface KnownOriginals {
  courseId: string;
  questions: ReadonlyArray<{ id: string; pattern_id: string | null; topic_id: string }>;
  /** Unlocked or attempted. */
  seen: ReadonlySet<string>;
}

/**
 * The one place questions are swapped for generated variants (issue 16 §4). Given the questions a selection picked
 * (practice set, bundle, midterm, review), each question whose pattern has a generator and whose pattern's original
 * questions the student has all seen (unlocked or attempted) is replaced by a variant of that pattern the student has
 * not seen: an existing one when the draw lands on it, else a new one, verified by every machine check before it is
 * stored (questions.is_generated, variant_params, variant_seed) and served. Other questions are returned unchanged,
 * in order. Reproducible: the same seed, bank and seen questions give the same variants. Unlocking and pricing are
 * the caller's, unchanged: a variant is a question.
 *
 * A caller that picked from one course and has read all of that course's originals with what the student has seen
 * (the practice path) passes them as `courseOriginals`, and nothing is looked up again (a pattern's originals are all
 * in its course).
 */
export async function drawVariants(
  deps: DrawDeps,
  input: { userId: string; questionIds: string[]; seed: string; courseOriginals?: KnownOriginals },
): Promise<string[]> {
  const known = input.courseOriginals;
  const wanted = new Set(input.questionIds);
  const picked = known
    ? known.questions.filter((q) => wanted.has(q.id)).map((q) => ({ ...q, course_id: known.courseId }))
    : await repo.findPicked(deps.db, input.questionIds);
  const byId = new Map(picked.map((q) => [q.id, q]));
  const patterns = [...new Set(picked.map((q) => q.pattern_id).filter((p): p is string => !!p && !!generatorFor(p)))];
  if (patterns.length === 0) return input.questionIds;

  const exhausted = known
    ? exhaustedAmong(known, patterns)
    : await repo.exhaustedPatterns(deps.db, input.userId, patterns);
  if (exhausted.size === 0) return input.questionIds;

  const used = new Set(input.questionIds);
  const result: string[] = [];
  for (const questionId of input.questionIds) {
    const row = byId.get(questionId);
    const generator = row?.pattern_id ? generatorFor(row.pattern_id) : undefined;
    if (!row || !generator || !exhausted.has(generator.patternId)) {
      result.push(questionId);
      continue;
    }
    const variant = await drawOne(deps, generator, {
      ...input,
      courseId: row.course_id,
      topicId: row.topic_id,
      used,
    });
    const chosen = variant ?? questionId;
    used.add(chosen);
    result.push(chosen);
  }
  return result;
}

/** The patterns whose originals, among a course's known ones, the student has all seen. */
function exhaustedAmong(known: KnownOriginals, patterns: string[]): Set<string> {
  const exhausted = new Set(patterns);
  for (const o of known.questions) if (o.pattern_id && !known.seen.has(o.id)) exhausted.delete(o.pattern_id);
  return exhausted;
}

async function drawOne(
  deps: DrawDeps,
  generator: VariantGenerator,
  input: { userId: string; seed: string; courseId: string; topicId: string; used: Set<string> },
): Promise<string | undefined> {
  const seed = `${input.seed}:${generator.patternId}`;
  const candidates: Array<{ id: string; params: VariantParams; draw: number }> = [];
  for (let draw = 0; draw < CANDIDATES; draw++) {
    const params = drawParams(generator, seed, draw);
    const id = variantId(generator.patternId, params);
    if (!input.used.has(id) && !candidates.some((c) => c.id === id)) candidates.push({ id, params, draw });
  }
  const ids = candidates.map((c) => c.id);
  const [seen, stored] = await Promise.all([
    repo.seenQuestionIds(deps.db, input.userId, ids),
    repo.existingIds(deps.db, ids),
  ]);
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue;
    // Stored variants were verified before they were stored.
    if (stored.has(candidate.id)) return candidate.id;
    const question = verifiedVariant(generator, candidate.params);
    if (!question) continue;
    const queries = repo.insertVariantQueries(deps.db, {
      id: candidate.id,
      courseId: input.courseId,
      topicId: input.topicId,
      seed: `${seed}#${candidate.draw}`,
      question,
      now: deps.clock.now().toISOString(),
    });
    await deps.atomic(queries);
    return candidate.id;
  }
  return undefined;
}
