import { evaluateNumber } from '../content/checks.js';
import { questionSchema } from '../content/schema.js';
import { questionProblems } from '../content/verify.js';
import { gradeAnswer } from '../grading/index.js';
import type { VariantGenerator, VariantQuestion } from './generator.js';

/** Numbers an exam answer stays within: a generator drawing parameters that blow up is caught here. */
const EXAM_LIKE_MAGNITUDE = 1e5;

/**
 * Everything wrong with a generated variant (empty when it may be served). The same machine checks as the bank
 * (content/verify.ts: every correct form grades correct, every mistake grades wrong, the integral or derivative check
 * passes) plus: the question fits the bank's schema, the generator's own check passes (a limit, a series, a
 * substitution), the distractors differ from each other, and a number answer is finite and exam-sized.
 */
export function variantProblems(generator: VariantGenerator, q: VariantQuestion): string[] {
  const problems: string[] = [];
  const asContent = { ...q, id: 'variant', exam: 'variant', number: 1, points: 10, pattern: q.patternId };
  const parsed = questionSchema.safeParse(asContent);
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems.push(`schema: ${issue.path.join('.')}: ${issue.message}`);
  problems.push(...questionProblems(q));
  if (!q.check && !generator.verify) problems.push('no machine check: neither `check` nor the generator verifies it');
  const own = generator.verify?.(q.params, generator.build(q.params));
  if (own) problems.push(`generator check failed: ${own}`);
  // mathjs writes numbers from 10^5 on in exponent notation (4.27553 \cdot 10^{+5}): not how an exam shows a number.
  const shown = [q.text, ...q.solution, q.answer.latex, ...(q.options ?? []).map((o) => o.text)];
  if (shown.some((t) => /\\cdot 10\^\{[+-]?\d+\}/.test(t))) problems.push('a number is shown in exponent notation');
  if (q.answer.kind === 'number') {
    const n = evaluateNumber(q.answer.value);
    if (!Number.isFinite(n) || Math.abs(n) > EXAM_LIKE_MAGNITUDE) problems.push(`answer ${n} is not exam-like`);
  }
  const { wrong, kind, vars, domain } = q.answer;
  for (let i = 0; i < wrong.length; i++) {
    for (let j = i + 1; j < wrong.length; j++) {
      try {
        const same = gradeAnswer({
          kind,
          expected: wrong[i]!,
          answer: wrong[j]!,
          ...(vars ? { vars } : {}),
          ...(domain ? { domain } : {}),
        });
        if (same.correct) problems.push(`mistakes "${wrong[i]}" and "${wrong[j]}" give the same answer`);
      } catch {
        // A mistake the grader cannot take as an expected answer is still a valid wrong form (graded above).
      }
    }
  }
  return problems;
}
