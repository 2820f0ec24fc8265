import { seededRandom } from '../../../platform/ids.js';
import { agree } from '../compare.js';
import { differOffTheReals, mayLeaveTheReals } from '../complex.js';
import { enoughPoints, integerVariables, isReal, rangeOf, samplePoints } from '../numeric.js';
import { span } from '../structure.js';
import {
  checkScalar,
  detailOf,
  expectedFn,
  extraLetters,
  type GradeContext,
  type KindResult,
  type MathFn,
  memo,
  pointsFor,
  studentFn,
  termValues,
  toleranceFor,
  variablesOf,
} from './shared.js';

/**
 * `expression`: equal when both agree at ~10 random points per variable of the domain where the expected
 * answer is defined (the student's answer must be defined there too). Diagnoses sign, constant factor,
 * additive constant, one term's sign/factor/absence, rounding.
 */
export function gradeExpression(expected: string, answer: string, ctx: GradeContext): KindResult {
  const { vars, points, eValues, terms } = memo(['expression', expected, ctx], () => {
    const e = expectedFn(expected);
    const vars = variablesOf(ctx, [e]);
    const points = pointsFor([e.f], vars, ctx);
    return { vars, points, eValues: points.map((p) => e.f(p)), terms: termValues(e.expr, points) };
  });
  const s = studentFn(span(answer));
  const extra = extraLetters([s], vars);
  if (extra.length > 0) return gradeWithOtherLetters(expectedFn(expected), s, vars, extra, ctx);
  const r = checkScalar({ s: points.map((p) => s.f(p)), e: eValues, points, vars, decimal: s.decimal, terms });
  if (r.outcome === 'correct' && equalOnlyOnPart(expectedFn(expected), s, vars, ctx)) return { outcome: 'incorrect' };
  return { outcome: r.outcome, detail: detailOf(r) };
}

/** Equal where both are real, different elsewhere (see differOffTheReals): `(a^b)^c` for `a^(bc)`. */
function equalOnlyOnPart(e: MathFn, s: MathFn, vars: string[], ctx: GradeContext): boolean {
  // Only answers that can leave the reals can differ there (most answers: polynomials, e^x, sin x).
  if (!mayLeaveTheReals(e.expr) && !mayLeaveTheReals(s.expr)) return false;
  const plan = {
    vars,
    seed: ctx.seed,
    range: (v: string) => rangeOf(v, ctx.domain),
    integer: (v: string) => integerVariables.has(v),
  };
  return differOffTheReals(e.expr, s.expr, plan, seededRandom(ctx.seed + 2), toleranceFor([s]));
}

/**
 * An answer with letters the question does not have is right only when it does not depend on them: an identity
 * such as `cos(y)^2 + sin(y)^2` for 1, or `sqrt(k/m)*sqrt(m/k)` (STACK's AlgEquiv reads it so). Those letters are
 * sampled too, where the answer is real (nothing in the question restricts them); anything else is
 * `wrong_variable`.
 */
function gradeWithOtherLetters(e: MathFn, s: MathFn, vars: string[], extra: string[], ctx: GradeContext): KindResult {
  const all = [...vars, ...extra].sort();
  const plan = { vars: all, seed: ctx.seed, ...(ctx.domain ? { domain: ctx.domain } : {}) };
  const points = samplePoints(plan, (env) => isReal(e.f(env)) && isReal(s.f(env)));
  if (
    enoughPoints(points, all) &&
    agree(
      points.map((p) => s.f(p)),
      points.map((p) => e.f(p)),
      toleranceFor([s]),
    )
  )
    return { outcome: 'correct' };
  return { outcome: 'wrong_variable', detail: { letters: extra } };
}
