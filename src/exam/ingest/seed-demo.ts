import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/transaction.js';
import { loadAllCourses } from '../content/load.js';
import { isSeeded, seedCourse } from './seed.js';

export const contentRoot = fileURLToPath(new URL('../../../content', import.meta.url));

/** Seeds the demo courses from `content/` when the database has none; returns the seeded course ids. */
export async function seedDemoContent(db: Db, now: Date, options: { force?: boolean } = {}): Promise<string[]> {
  if (!options.force && (await isSeeded(db))) return [];
  const courses = loadAllCourses(contentRoot);
  for (const course of courses) await seedCourse(db, course, now);
  return courses.map((c) => c.course.id);
}
