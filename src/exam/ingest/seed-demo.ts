import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/transaction.js';
import { withTransaction } from '../../db/transaction.js';
import { type CourseContent, loadAllCourses } from '../content/load.js';
import { missingCourseIds, seedCourse } from './seed.js';

export const contentRoot = fileURLToPath(new URL('../../../content', import.meta.url));

/**
 * Seeds the demo courses from `content/` that the database lacks (all of them with `force`), in one transaction: a
 * process killed while seeding leaves no course of the catalogue behind, and a catalogue left half-seeded by an
 * older version is completed at the next start. Returns the seeded course ids.
 */
export async function seedDemoContent(
  db: Db,
  now: Date,
  options: { force?: boolean; courses?: CourseContent[] } = {},
): Promise<string[]> {
  const courses = options.courses ?? loadAllCourses(contentRoot);
  const missing = new Set(
    await missingCourseIds(
      db,
      courses.map((c) => c.course.id),
    ),
  );
  const toSeed = options.force ? courses : courses.filter((c) => missing.has(c.course.id));
  if (toSeed.length === 0) return [];
  await withTransaction(db, async (tx) => {
    for (const course of toSeed) await seedCourse(tx, course, now);
  });
  return toSeed.map((c) => c.course.id);
}
