import type { Tx } from '../../db/transaction.js';

/**
 * Topic and pattern statistics are computed from the exams, never typed in: run after seeding or importing an exam.
 * Rates are the share of the course's exams a topic or pattern appears on.
 */
export async function recomputeCourseStatistics(tx: Tx, courseId: string, nowIso: string): Promise<void> {
  const exams = await tx.selectFrom('exams').select(['id', 'year']).where('course_id', '=', courseId).execute();
  const examYear = new Map(exams.map((e) => [e.id, e.year]));
  const questions = await tx
    .selectFrom('questions')
    .select(['id', 'exam_id', 'topic_id', 'pattern_id', 'source_points', 'source_exam_year'])
    .where('course_id', '=', courseId)
    .where('is_generated', '=', false)
    .execute();
  const examCount = exams.length;
  const rate = (examIds: Set<string>) => (examCount === 0 ? 0 : Math.round((examIds.size / examCount) * 100) / 100);

  await tx.updateTable('courses').set({ exam_count: examCount }).where('id', '=', courseId).execute();

  const topics = await tx.selectFrom('topics').select('id').where('course_id', '=', courseId).execute();
  for (const topic of topics) {
    const mine = questions.filter((q) => q.topic_id === topic.id && q.exam_id && examYear.has(q.exam_id));
    const points = mine.reduce((sum, q) => sum + (q.source_points ?? 0), 0);
    await tx
      .updateTable('topics')
      .set({
        total_appearances: mine.length,
        frequency_score: rate(new Set(mine.map((q) => q.exam_id!))),
        avg_points: mine.length === 0 ? null : Math.round((points / mine.length) * 10) / 10,
      })
      .where('id', '=', topic.id)
      .execute();
  }

  const patterns = await tx.selectFrom('question_patterns').select('id').where('course_id', '=', courseId).execute();
  for (const pattern of patterns) {
    const mine = questions
      .filter((q) => q.pattern_id === pattern.id && q.exam_id && examYear.has(q.exam_id))
      .sort((a, b) => (examYear.get(b.exam_id!) ?? 0) - (examYear.get(a.exam_id!) ?? 0) || a.id.localeCompare(b.id));
    const years = mine.map((q) => examYear.get(q.exam_id!) ?? 0);
    const appearanceRate = rate(new Set(mine.map((q) => q.exam_id!)));
    await tx
      .updateTable('question_patterns')
      .set({
        appearance_count: mine.length,
        appearance_rate: appearanceRate,
        first_seen_year: years.length ? Math.min(...years) : null,
        last_seen_year: years.length ? Math.max(...years) : null,
        example_question_id: mine[0]?.id ?? null,
        updated_at: nowIso,
      })
      .where('id', '=', pattern.id)
      .execute();
    await tx
      .updateTable('questions')
      .set({ frequency_score: appearanceRate })
      .where('pattern_id', '=', pattern.id)
      .execute();
  }
}
