import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CourseContent, loadAllCourses } from './load.js';
import { questionProblems } from './verify.js';

/**
 * The question bank graded by the grader: every answer form the bank declares correct must grade correct, every
 * wrong-but-close form must grade wrong, and wherever a question is an integral or a derivative the answer is
 * checked independently against the integrand/function (checks.ts), so a wrong answer in the bank fails the build.
 */

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

let courses: CourseContent[] = [];
let loadError: unknown;
try {
  courses = loadAllCourses(join(repoRoot, 'content'));
} catch (error) {
  loadError = error;
}

describe('question bank', () => {
  it('every course loads and validates', () => {
    if (loadError) throw loadError;
    expect(courses.length).toBeGreaterThan(0);
  });

  for (const course of courses) {
    describe(course.course.id, () => {
      it('has >= 6 exams over >= 4 years, >= 10 topics, >= 25 patterns, >= 80 questions', () => {
        expect(course.exams.length).toBeGreaterThanOrEqual(6);
        expect(new Set(course.exams.map((e) => e.year)).size).toBeGreaterThanOrEqual(4);
        expect(course.topics.length).toBeGreaterThanOrEqual(10);
        expect(course.patterns.length).toBeGreaterThanOrEqual(25);
        expect(course.questions.length).toBeGreaterThanOrEqual(80);
      });

      for (const q of course.questions) {
        it(`${q.id} (${q.answer.kind}): answers grade as declared, checks pass`, () => {
          expect(questionProblems(q)).toEqual([]);
        });
      }
    });
  }
});
