import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllCourses } from '../content/load.js';
import type { AnswerKind } from '../content/schema.js';
import { ExpectedAnswerError, gradeAnswer } from './grade.js';

/**
 * Agreement with STACK's own answer-test fixtures (the AlgEquiv and Int families, translated: see the header of
 * fixtures/stack-answertests.json). The grader must agree with STACK's mark on at least 90% of them. Cases where
 * we knowingly read the mathematics differently are listed in docs/GRADING.md; the figure is printed.
 */

interface StackCase {
  id: string;
  family: 'AlgEquiv' | 'Int';
  kind: AnswerKind;
  expected: string;
  answer: string;
  vars?: string[];
  /** STACK's mark: 1 equivalent, 0 not. */
  stack: 0 | 1;
  note?: string;
}

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/stack-answertests.json', import.meta.url), 'utf8')) as {
  source: string;
  cases: StackCase[];
};

function ourMark(c: StackCase): { mark: 0 | 1; outcome: string } {
  try {
    const r = gradeAnswer({
      kind: c.kind,
      expected: c.expected,
      answer: c.answer,
      ...(c.vars ? { vars: c.vars } : {}),
    });
    return { mark: r.correct ? 1 : 0, outcome: r.outcome };
  } catch (error) {
    // The grader refusing STACK's teacher answer counts as a disagreement.
    if (error instanceof ExpectedAnswerError) return { mark: 0, outcome: `expected answer refused: ${error.message}` };
    throw error;
  }
}

describe("agreement with STACK's answer-test fixtures", () => {
  const results = fixtures.cases.map((c) => ({ c, ...ourMark(c) }));
  const disagreements = results.filter((r) => r.mark !== r.c.stack);

  it('covers both families', () => {
    expect(fixtures.cases.filter((c) => c.family === 'AlgEquiv').length).toBeGreaterThan(100);
    expect(fixtures.cases.filter((c) => c.family === 'Int').length).toBeGreaterThan(80);
  });

  it('agrees with STACK on at least 90% of the cases, in each family', () => {
    const report = (family: string) => {
      const all = results.filter((r) => r.c.family === family);
      const agreed = all.filter((r) => r.mark === r.c.stack).length;
      return { family, agreed, total: all.length, share: agreed / all.length };
    };
    const byFamily = [report('AlgEquiv'), report('Int')];
    const agreed = results.length - disagreements.length;
    console.log(
      `STACK agreement: ${agreed}/${results.length} = ${((100 * agreed) / results.length).toFixed(1)}% (${byFamily
        .map((f) => `${f.family} ${f.agreed}/${f.total}`)
        .join(', ')})\n${disagreements
        .map(
          (d) =>
            `  ${d.c.id} ${d.c.kind} expected "${d.c.expected}" answer "${d.c.answer}": STACK ${d.c.stack}, ours ${d.outcome}`,
        )
        .join('\n')}`,
    );
    expect(agreed / results.length).toBeGreaterThanOrEqual(0.9);
    for (const f of byFamily) expect(f.share, f.family).toBeGreaterThanOrEqual(0.9);
  });
});

describe('our own calculus forms, while agreeing with STACK', () => {
  it('every answer form of the bank still grades as declared (value, alternates and LaTeX right, wrong forms wrong)', () => {
    const questions = loadAllCourses(fileURLToPath(new URL('../../../content', import.meta.url))).flatMap(
      (c) => c.questions,
    );
    const problems: string[] = [];
    let forms = 0;
    for (const q of questions) {
      const { kind, value, vars, domain, alternates, wrong, latex } = q.answer;
      const grade = (answer: string) =>
        gradeAnswer({ kind, expected: value, answer, ...(vars ? { vars } : {}), ...(domain ? { domain } : {}) });
      for (const answer of [value, ...alternates, latex]) {
        forms++;
        const r = grade(answer);
        if (!r.correct) problems.push(`${q.id}: "${answer}" graded ${r.outcome}`);
      }
      for (const answer of wrong) {
        forms++;
        const r = grade(answer);
        if (r.correct || r.outcome === 'unparsable') problems.push(`${q.id}: wrong "${answer}" graded ${r.outcome}`);
      }
    }
    console.log(
      `calculus forms of the bank: ${forms} graded (${questions.length} questions), ${problems.length} regressions`,
    );
    expect(problems).toEqual([]);
  }, 60_000);
});
