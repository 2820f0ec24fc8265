import type { Db } from '../../db/transaction.js';
import type { MidtermPoolQuestion, MidtermShape } from './generate-midterm.js';

/** The shape of the course's real midterms (all exams when it has none). */
export async function loadMidtermShape(db: Db, courseId: string): Promise<MidtermShape> {
  const exams = await db
    .selectFrom('exams')
    .select(['id', 'exam_type', 'total_points'])
    .where('course_id', '=', courseId)
    .execute();
  const midterms = exams.some((e) => e.exam_type === 'midterm')
    ? exams.filter((e) => e.exam_type === 'midterm')
    : exams;
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

export async function loadMidtermPool(db: Db, courseId: string): Promise<MidtermPoolQuestion[]> {
  const rows = await db
    .selectFrom('questions')
    .select(['id', 'topic_id', 'pattern_id', 'difficulty', 'source_points', 'estimated_time'])
    .where('course_id', '=', courseId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    topicId: r.topic_id,
    patternId: r.pattern_id,
    difficulty: r.difficulty ?? 3,
    points: r.source_points ?? 10,
    estimatedMinutes: r.estimated_time ?? 10,
  }));
}
