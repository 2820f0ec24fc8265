import { hashSeed, seededRandom } from '../../platform/ids.js';
import { shuffled } from '../../platform/random.js';
import { evaluateNumber } from '../content/checks.js';
import type { VariantGenerator, VariantParams, VariantQuestion } from './generator.js';
import { toLatex } from './latex.js';

/** Canonical JSON of parameters (sorted keys), so equal parameters give equal ids and seeds. */
export function canonicalParams(params: VariantParams): string {
  return JSON.stringify(Object.fromEntries(Object.entries(params).sort(([a], [b]) => a.localeCompare(b))));
}

/** LaTeX of a plain-math formula; an equation's sides are written separately. */
function formulaLatex(plain: string): string {
  return plain.includes('=')
    ? plain
        .split('=')
        .map((side) => toLatex(side.trim()))
        .join(' = ')
    : toLatex(plain);
}

/** A number as a decimal a student might type (6 significant digits). */
function decimal(value: string): string | undefined {
  const n = evaluateNumber(value);
  if (!Number.isFinite(n) || Number.isInteger(n)) return undefined;
  return String(Number(n.toPrecision(7)));
}

/**
 * The full question for a generator's parameters: answer LaTeX, alternates and wrong forms filled in, and the first
 * three mistakes as MCQ distractors around the correct option (positions shuffled by the parameters, so they are
 * reproducible too).
 */
export function buildVariant(generator: VariantGenerator, params: VariantParams): VariantQuestion {
  const draft = generator.build(params);
  const { kind, value } = draft.answer;
  // Intervals, verdicts, sets and vectors are written the same in plain math and on the page.
  const formula = kind === 'number' || kind === 'antiderivative' || kind === 'expression' || kind === 'equation';
  // The same rendering as the distractors', so the correct option does not stand out by its typesetting.
  const latex = draft.answer.latex ?? (formula ? formulaLatex(value) : value);
  const alternates = [...(draft.answer.alternates ?? [])];
  const approx = kind === 'number' ? decimal(value) : undefined;
  if (approx !== undefined) alternates.push(approx);
  if (alternates.length === 0) alternates.push(latex);
  // Verdicts are words; everything else is a formula the grader reads back from between the dollars. Formulas are
  // shown as LaTeX (an equation side by side: mathjs reads `a = b` as an assignment); intervals, vectors and sets as
  // written.
  const optionText = (plain: string, display?: string) =>
    kind === 'convergence' ? plain : `$${display ?? (formula ? formulaLatex(plain) : plain)}$`;
  const distractors = draft.mistakes.slice(0, 3);
  const options =
    distractors.length === 3
      ? shuffled(
          [
            { text: optionText(value, latex), correct: true },
            ...distractors.map((m) => ({ text: optionText(m.value), correct: false, mistake: m.mistake })),
          ],
          seededRandom(hashSeed(`${generator.patternId}:${canonicalParams(params)}:options`)),
        )
      : undefined;
  return {
    patternId: generator.patternId,
    params,
    difficulty: generator.difficulty,
    difficultyReason: generator.difficultyReason,
    techniques: generator.techniques,
    estimatedMinutes: generator.estimatedMinutes,
    text: draft.text,
    solution: draft.solution,
    answer: {
      kind,
      value,
      latex,
      alternates,
      wrong: draft.mistakes.map((m) => m.value),
      ...(draft.answer.vars ? { vars: draft.answer.vars } : {}),
      ...(draft.answer.domain ? { domain: draft.answer.domain } : {}),
    },
    ...(draft.check ? { check: draft.check } : {}),
    ...(options ? { options } : {}),
  };
}
