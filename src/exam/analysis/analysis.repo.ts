import type { Db } from '../../db/transaction.js';
import type { AnalysisInput } from './compute-analysis.js';

export async function loadAnalysisInput(db: Db, courseId: string): Promise<AnalysisInput> {
  const [exams, topics, patterns, questions] = await Promise.all([
    db
      .selectFrom('exams')
      .select(['id', 'year', 'exam_type', 'total_points'])
      .where('course_id', '=', courseId)
      .execute(),
    db
      .selectFrom('topics')
      .select(['id', 'name', 'category'])
      .where('course_id', '=', courseId)
      .orderBy('position')
      .execute(),
    db.selectFrom('question_patterns').select(['id', 'name', 'topic_id']).where('course_id', '=', courseId).execute(),
    db
      .selectFrom('questions')
      .select(['exam_id', 'topic_id', 'pattern_id', 'source_points', 'difficulty'])
      .where('course_id', '=', courseId)
      .where('is_generated', '=', false)
      .execute(),
  ]);
  return {
    exams: exams.map((e) => ({ id: e.id, year: e.year, examType: e.exam_type, totalPoints: e.total_points })),
    topics,
    patterns: patterns.map((p) => ({ id: p.id, name: p.name, topicId: p.topic_id })),
    questions: questions.map((q) => ({
      examId: q.exam_id,
      topicId: q.topic_id,
      patternId: q.pattern_id,
      points: q.source_points ?? 0,
      difficulty: q.difficulty,
    })),
  };
}

/** The course's current data version and what the cache holds for it (one lookup by primary keys). */
export async function findCachedAnalysis(db: Db, courseId: string) {
  return db
    .selectFrom('courses')
    .leftJoin('analysis_cache', 'analysis_cache.course_id', 'courses.id')
    .select([
      'courses.data_version as data_version',
      'analysis_cache.data_version as cached_version',
      'analysis_cache.analysis as analysis',
    ])
    .where('courses.id', '=', courseId)
    .executeTakeFirst();
}

/** Stores an analysis for a data version; an older version computed late never replaces a newer one. */
export async function storeAnalysis(
  db: Db,
  entry: { courseId: string; dataVersion: number; analysis: unknown; nowIso: string },
): Promise<void> {
  const values = {
    data_version: entry.dataVersion,
    analysis: JSON.stringify(entry.analysis),
    computed_at: entry.nowIso,
  };
  await db
    .insertInto('analysis_cache')
    .values({ course_id: entry.courseId, ...values })
    .onConflict((oc) =>
      oc.column('course_id').doUpdateSet(values).where('analysis_cache.data_version', '<=', entry.dataVersion),
    )
    .execute();
}
