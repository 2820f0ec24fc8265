/**
 * Data derived from a course's bank, kept per database and course for as long as the course's data version holds.
 * `seedCourse` bumps the version in the same transaction as any change to the course's exams or original questions
 * (generated variants are not part of it), so every server process sees the change on its next read of the course
 * and rebuilds its own copy once, whichever process made the change.
 */
export interface CourseCache<T> {
  get(db: object, courseId: string, version: number): T | undefined;
  set(db: object, courseId: string, version: number, value: T): T;
}

export function courseCache<T>(): CourseCache<T> {
  const byDb = new WeakMap<object, Map<string, { version: number; value: T }>>();
  return {
    get(db, courseId, version) {
      const entry = byDb.get(db)?.get(courseId);
      return entry?.version === version ? entry.value : undefined;
    },
    set(db, courseId, version, value) {
      let courses = byDb.get(db);
      if (!courses) {
        courses = new Map();
        byDb.set(db, courses);
      }
      courses.set(courseId, { version, value });
      return value;
    },
  };
}
