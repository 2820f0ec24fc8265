import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { type Db, withTransaction } from '../../db/transaction.js';
import { ContentError } from '../content/load.js';
import { courseFileSchema, patternSchema, questionSchema } from '../content/schema.js';
import { seedCourse } from './seed.js';
import { recomputeCourseStatistics } from './statistics.js';

/**
 * An exam import file: one past exam of an existing course, its questions (each naming its topic by slug) and any new
 * patterns. The same schema as the course content, so authors learn one format.
 */
export const examImportSchema = z.object({
  course: z.string().min(1),
  exam: courseFileSchema.shape.exams.element,
  patterns: z.array(patternSchema.extend({ topic: z.string().min(1) })).default([]),
  questions: z.array(questionSchema.and(z.object({ topic: z.string().min(1) }))).min(1),
});
export type ExamImport = z.infer<typeof examImportSchema>;

export function readExamImport(file: string): ExamImport {
  const result = examImportSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success)
    throw new ContentError(result.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`));
  return result.data;
}

/** Validates the import against the database, writes it in one transaction, and recomputes the course's statistics. */
export async function importExam(db: Db, data: ExamImport, now: Date): Promise<{ questions: number }> {
  const course = await db
    .selectFrom('courses')
    .select(['id', 'name', 'description'])
    .where('id', '=', data.course)
    .executeTakeFirst();
  if (!course) throw new ContentError([`course "${data.course}" does not exist`]);
  const topics = await db
    .selectFrom('topics')
    .selectAll()
    .where('course_id', '=', course.id)
    .orderBy('position')
    .execute();
  const topicBySlug = new Map(topics.map((t) => [t.slug, t]));
  const knownPatterns = await db
    .selectFrom('question_patterns')
    .select(['id', 'topic_id'])
    .where('course_id', '=', course.id)
    .execute();
  const patternTopic = new Map(knownPatterns.map((p) => [p.id, p.topic_id]));

  const problems: string[] = [];
  for (const p of data.patterns) {
    const topic = topicBySlug.get(p.topic);
    if (!topic) problems.push(`pattern ${p.id}: unknown topic "${p.topic}"`);
    else patternTopic.set(p.id, topic.id);
  }
  for (const q of data.questions) {
    if (q.exam !== data.exam.id) problems.push(`question ${q.id}: belongs to exam "${q.exam}", not "${data.exam.id}"`);
    const topic = topicBySlug.get(q.topic);
    if (!topic) problems.push(`question ${q.id}: unknown topic "${q.topic}"`);
    else if (patternTopic.get(q.pattern) !== topic.id)
      problems.push(`question ${q.id}: pattern "${q.pattern}" is not a pattern of topic "${q.topic}"`);
  }
  const numbers = data.questions.map((q) => q.number).sort((a, b) => a - b);
  if (numbers.join() !== numbers.map((_, i) => i + 1).join())
    problems.push(`exam questions are numbered ${numbers.join(', ')}, expected 1..${numbers.length}`);
  const points = data.questions.reduce((s, q) => s + q.points, 0);
  if (points !== data.exam.totalPoints)
    problems.push(`questions add up to ${points} points, the exam has ${data.exam.totalPoints}`);
  if (problems.length > 0) throw new ContentError(problems);

  await withTransaction(db, async (tx) => {
    await seedCourse(
      tx,
      {
        course: { id: course.id, name: course.name, description: course.description ?? course.name },
        topics: topics.map((t) => ({
          id: t.id,
          slug: t.slug,
          name: t.name,
          category: t.category,
          difficulty: t.difficulty ?? 3,
        })),
        exams: [data.exam],
        patterns: data.patterns.map(({ topic, ...p }) => ({ ...p, topicId: topicBySlug.get(topic)!.id })),
        questions: data.questions.map(({ topic, ...q }) => ({ ...q, topicId: topicBySlug.get(topic)!.id })),
      },
      now,
    );
    await recomputeCourseStatistics(tx, course.id, now.toISOString());
  });
  return { questions: data.questions.length };
}
