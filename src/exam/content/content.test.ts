import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gradeAnswer } from '../grading/index.js';
import { runAnswerCheck } from './checks.js';
import { type CourseContent, loadAllCourses } from './load.js';
import type { QuestionContent } from './schema.js';

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

/** Everything wrong with one question, as sentences (empty when the question is sound). */
function problemsOf(q: QuestionContent): string[] {
  const problems: string[] = [];
  const { kind, value, vars, domain, alternates, wrong } = q.answer;
  const grade = (answer: string) => {
    try {
      return gradeAnswer({ kind, expected: value, answer, ...(vars ? { vars } : {}), ...(domain ? { domain } : {}) });
    } catch (error) {
      return { correct: false, outcome: 'expected-answer-error', feedback: (error as Error).message };
    }
  };
  // The value, every alternate form, and the display LaTeX (it is shown as the answer) grade correct.
  for (const answer of [value, ...alternates, q.answer.latex]) {
    const r = grade(answer);
    if (!r.correct) problems.push(`"${answer}" should grade correct, got ${r.outcome}: ${r.feedback}`);
  }
  for (const answer of wrong) {
    const r = grade(answer);
    if (r.correct || r.outcome === 'unparsable' || r.outcome === 'expected-answer-error')
      problems.push(`wrong form "${answer}" should grade incorrect, got ${r.outcome}`);
  }
  if (q.check) {
    const failure = runAnswerCheck(q.check, value, domain);
    if (failure !== undefined) problems.push(`check ${q.check.type} failed: ${failure}`);
  }
  if (q.options && q.options.filter((o) => o.correct).length !== 1)
    problems.push('MCQ must have exactly one correct option');
  // An option written as one formula ($...$) grades as declared: the correct one correct, distractors wrong.
  for (const option of q.options ?? []) {
    const formula = /^\s*\$+([^$]+)\$+\s*$/.exec(option.text)?.[1];
    if (formula === undefined) continue;
    const r = grade(formula);
    if (r.correct !== option.correct)
      problems.push(
        `option "${option.text}" is declared ${option.correct ? 'correct' : 'wrong'} but grades ${r.outcome}`,
      );
  }
  return problems;
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
          expect(problemsOf(q)).toEqual([]);
        });
      }
    });
  }
});
