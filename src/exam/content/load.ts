import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  type CourseFile,
  courseFileSchema,
  type PatternContent,
  type QuestionContent,
  topicFileSchema,
} from './schema.js';

export interface CourseContent {
  course: CourseFile['course'];
  topics: CourseFile['topics'];
  exams: CourseFile['exams'];
  /** Pattern ids are global; each pattern belongs to one topic. */
  patterns: Array<PatternContent & { topicId: string }>;
  questions: Array<QuestionContent & { topicId: string }>;
}

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`content is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ContentError';
  }
}

function parseFile<T>(file: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  const result = schema.safeParse(parse(readFileSync(file, 'utf8')));
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  return undefined;
}

/** Reads and validates one course directory; throws ContentError listing every problem found. */
export function loadCourseContent(dir: string): CourseContent {
  const problems: string[] = [];
  const courseFile = parseFile(join(dir, 'course.yaml'), courseFileSchema, problems);
  if (!courseFile) throw new ContentError(problems);
  const content: CourseContent = { ...courseFile, patterns: [], questions: [] };
  const topicBySlug = new Map(courseFile.topics.map((t) => [t.slug, t]));

  const topicDir = join(dir, 'topics');
  const files = readdirSync(topicDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const name of files) {
    const file = join(topicDir, name);
    const topicFile = parseFile(file, topicFileSchema, problems);
    if (!topicFile) continue;
    const topic = topicBySlug.get(topicFile.topic);
    if (!topic) {
      problems.push(`${file}: topic "${topicFile.topic}" is not listed in course.yaml`);
      continue;
    }
    for (const p of topicFile.patterns) content.patterns.push({ ...p, topicId: topic.id });
    for (const q of topicFile.questions) content.questions.push({ ...q, topicId: topic.id });
  }
  problems.push(...crossCheck(content));
  if (problems.length > 0) throw new ContentError(problems);
  return content;
}

/** References resolve, ids are unique, every exam's questions are numbered 1..n and add up to its points. */
export function crossCheck(content: CourseContent): string[] {
  const problems: string[] = [];
  const unique = (label: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${label} id "${id}"`);
      seen.add(id);
    }
  };
  const kinds = { topic: content.topics, exam: content.exams, pattern: content.patterns, question: content.questions };
  for (const [label, items] of Object.entries(kinds))
    unique(
      label,
      items.map((item) => item.id),
    );

  const patterns = new Map(content.patterns.map((p) => [p.id, p]));
  const exams = new Map(content.exams.map((e) => [e.id, e]));
  for (const q of content.questions) {
    const pattern = patterns.get(q.pattern);
    if (!pattern) problems.push(`question ${q.id}: unknown pattern "${q.pattern}"`);
    else if (pattern.topicId !== q.topicId)
      problems.push(`question ${q.id}: pattern "${q.pattern}" belongs to another topic`);
    if (!exams.has(q.exam)) problems.push(`question ${q.id}: unknown exam "${q.exam}"`);
  }
  for (const exam of content.exams) {
    const questions = content.questions.filter((q) => q.exam === exam.id).sort((a, b) => a.number - b.number);
    const numbers = questions.map((q) => q.number);
    const expected = questions.map((_, i) => i + 1);
    if (numbers.join() !== expected.join())
      problems.push(
        `exam ${exam.id}: question numbers are ${numbers.join(', ') || 'none'}, expected 1..${questions.length}`,
      );
    const points = questions.reduce((sum, q) => sum + q.points, 0);
    if (points !== exam.totalPoints)
      problems.push(`exam ${exam.id}: questions add up to ${points} points, the exam has ${exam.totalPoints}`);
  }
  for (const p of content.patterns) {
    if (!content.questions.some((q) => q.pattern === p.id)) problems.push(`pattern ${p.id}: no question uses it`);
  }
  return problems;
}

export function loadAllCourses(contentRoot: string): CourseContent[] {
  const coursesDir = join(contentRoot, 'courses');
  return readdirSync(coursesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => loadCourseContent(join(coursesDir, name)));
}
