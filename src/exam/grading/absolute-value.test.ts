import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllCourses } from '../content/load.js';
import { gradeAnswer } from './grade.js';

/**
 * Every antiderivative question of the bank, with each ln|u| of its answer written ln(u): graded
 * `missing_absolute_value`, whatever the question's sampling range (7 of the 18 keep every log argument positive
 * there, so ln(u) used to pass), and the bank's own answer still correct.
 */

const contentRoot = fileURLToPath(new URL('../../../content', import.meta.url));
const antiderivatives = loadAllCourses(contentRoot)
  .flatMap((c) => c.questions)
  .filter((q) => q.answer.kind === 'antiderivative');

/** `2*ln|x - 2| + 3*ln|x + 1|` -> `2*ln(x - 2) + 3*ln(x + 1)` (bars that follow ln only). */
const withoutAbsoluteValues = (value: string) => value.replace(/ln\|([^|]*)\|/g, 'ln($1)');

describe('ln(u) for ln|u| in the bank', () => {
  it('has the 18 antiderivative questions, of which those with ln|u| are checked below', () => {
    expect(antiderivatives).toHaveLength(18);
  });

  const withLogs = antiderivatives.filter((q) => q.answer.value.includes('ln|'));
  it('has questions with ln|u| to check', () => {
    expect(withLogs.length).toBeGreaterThanOrEqual(7);
  });

  for (const q of withLogs) {
    const { value, vars, domain } = q.answer;
    const options = { ...(vars ? { vars } : {}), ...(domain ? { domain } : {}) };
    it(`${q.id}: ln(u) for "${value}" is missing_absolute_value`, () => {
      const answer = withoutAbsoluteValues(value);
      expect(answer).not.toContain('|');
      const r = gradeAnswer({ kind: 'antiderivative', expected: value, answer, ...options });
      expect(r.outcome, r.feedback).toBe('missing_absolute_value');
      expect(gradeAnswer({ kind: 'antiderivative', expected: value, answer: value, ...options }).outcome).toBe(
        'correct',
      );
    });
  }
});
