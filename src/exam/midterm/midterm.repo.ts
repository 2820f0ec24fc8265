import { sql } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { Db } from '../../db/transaction.js';
import type { GeneratedExamType } from './blueprint.js';
import type { MidtermPoolQuestion, MidtermShape } from './generate-midterm.js';

/** The shape of the course's real exams of one type (of all its exams when it has none of that type). */
export async function loadExamShape(db: Db, courseId: string, examType: GeneratedExamType): Promise<MidtermShape> {
  const exams = await db
    .selectFrom('exams')
    .select(['id', 'exam_type', 'total_points'])
    .where('course_id', '=', courseId)
    .execute();
  const midterms = exams.some((e) => e.exam_type === examType) ? exams.filter((e) => e.exam_type === examType) : exams;
  const ids = midterms.map((e) => e.id);
  const questions = ids.length
    ? await db.selectFrom('questions').select(['exam_id', 'topic_id']).where('exam_id', 'in', ids).execute()
    : [];
  const topics = await db
    .selectFrom('topics')
    .select('id')
    .where('course_id', '=', courseId)
    .orderBy('position')
    .execute();
  const topicWeights = new Map<string, number>();
  for (const q of questions) topicWeights.set(q.topic_id, (topicWeights.get(q.topic_id) ?? 0) + 1);
  const n = Math.max(1, midterms.length);
  return {
    questionCount: Math.round(questions.length / n),
    totalPoints: Math.round(midterms.reduce((s, e) => s + (e.total_points ?? 0), 0) / n),
    topicWeights,
    topicOrder: topics.map((t) => t.id),
  };
}

/**
 * Candidates per topic, among the original questions: generated variants are drawn afterwards for the patterns the
 * student has seen (drawVariants). A midterm seats a few questions per topic, at most one per pattern, aiming at a spread of
 * difficulty: a window of the topic's questions is plenty, and loading the whole bank (every question of the course)
 * made generation grow with it (430 ms at 100k questions, see docs/PERFORMANCE.md).
 */
export const CANDIDATES_PER_TOPIC = 32;
/** Windows start at every SAMPLE_STRIDE-th question of a topic (in id order): evenly over the bank, by rank. */
export const SAMPLE_STRIDE = 64;

const strideStartsQuery = prepared('midterm_stride_starts', (db, p: { topicId: string }) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom('questions')
        .select((q) => [
          'id',
          q.fn
            .agg<number>('row_number')
            .over((o) => o.orderBy('id'))
            .as('n'),
        ])
        .where('topic_id', '=', p.topicId)
        .where('is_generated', '=', false)
        .as('ranked'),
    )
    .select('id')
    .where(sql<number>`(n - 1) % ${sql.lit(SAMPLE_STRIDE)}`, '=', 0)
    .orderBy('id'),
);

/**
 * Every SAMPLE_STRIDE-th question id of a topic, in id order: where sampling windows start. One pass over the topic's
 * index (on SQLite ~40 ms of CPU per 80k questions), so callers keep the result while the course's data version holds.
 */
export async function topicStrideStarts(db: Db, topicId: string): Promise<string[]> {
  return (await strideStartsQuery.rows(db, { topicId })).map((r) => r.id);
}

const poolColumns = ['id', 'topic_id', 'pattern_id', 'difficulty', 'source_points', 'estimated_time'] as const;
/** A topic's questions in id order from `from` on (the (topic_id, id) index: no scan of the bank). */
const windowFrom = prepared('midterm_window_from', (db, p: { topicId: string; from: string; limit: number }) =>
  db
    .selectFrom('questions')
    .select(poolColumns)
    .where('topic_id', '=', p.topicId)
    .where('is_generated', '=', false)
    .where('id', '>=', p.from)
    .orderBy('id')
    .limit(p.limit),
);
/** ... and the wrap-around: the topic's first questions, before `before`. */
const windowBefore = prepared('midterm_window_before', (db, p: { topicId: string; before: string; limit: number }) =>
  db
    .selectFrom('questions')
    .select(poolColumns)
    .where('topic_id', '=', p.topicId)
    .where('is_generated', '=', false)
    .where('id', '<', p.before)
    .orderBy('id')
    .limit(p.limit),
);

/**
 * The candidates for a midterm: for each topic, up to CANDIDATES_PER_TOPIC questions in id order from a window start
 * drawn from `random` among the topic's `starts` (wrapping around to the topic's first questions). A topic with fewer
 * questions contributes all of them, in id order, so small banks give the same pool (and midterms) as before sampling.
 */
export async function loadMidtermPool(
  db: Db,
  options: { starts: ReadonlyMap<string, readonly string[]>; random: () => number },
): Promise<MidtermPoolQuestion[]> {
  const pool: MidtermPoolQuestion[] = [];
  for (const [topicId, starts] of options.starts) {
    if (starts.length === 0) continue;
    const from = starts[Math.floor(options.random() * starts.length)]!;
    const after = await windowFrom.rows(db, { topicId, from, limit: CANDIDATES_PER_TOPIC });
    const wrapped =
      after.length < CANDIDATES_PER_TOPIC
        ? await windowBefore.rows(db, { topicId, before: from, limit: CANDIDATES_PER_TOPIC - after.length })
        : [];
    for (const r of [...wrapped, ...after]) {
      pool.push({
        id: r.id,
        topicId: r.topic_id,
        patternId: r.pattern_id,
        difficulty: r.difficulty ?? 3,
        points: r.source_points ?? 10,
        estimatedMinutes: r.estimated_time ?? 10,
      });
    }
  }
  return pool;
}
