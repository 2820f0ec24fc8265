import { span } from '../structure.js';
import {
  checkScalar,
  detailOf,
  expectedFn,
  extraLetters,
  type GradeContext,
  type KindResult,
  memo,
  pointsFor,
  studentFn,
  termValues,
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
  if (extra.length > 0) return { outcome: 'wrong_variable', detail: { letters: extra } };
  const r = checkScalar({ s: points.map((p) => s.f(p)), e: eValues, points, vars, decimal: s.decimal, terms });
  return { outcome: r.outcome, detail: detailOf(r) };
}
