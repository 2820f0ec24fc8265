import { gradeAnswer } from '../grading/index.js';
import { runAnswerCheck } from './checks.js';
import type { QuestionContent } from './schema.js';

/** The parts of a question its verification reads (a bank question, or a generated variant). */
export type VerifiableQuestion = Pick<QuestionContent, 'answer' | 'check' | 'options'>;

/**
 * Everything wrong with one question's answer, as sentences (empty when it is sound): every answer form declared
 * correct grades correct, every wrong-but-close form grades wrong, the machine check (checks.ts) passes, and every
 * option written as one formula grades as declared. The bank's build and the variant generators both use it.
 */
export function questionProblems(q: VerifiableQuestion): string[] {
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
