import { agree } from '../compare.js';
import { compile, derivative, type Env, num, substitute } from '../expr.js';
import { relClose, tolerances } from '../numeric.js';
import type { OutcomeCode } from '../outcomes.js';
import { span } from '../structure.js';
import {
  checkScalar,
  detailOf,
  ExpectedAnswerError,
  expectedFn,
  extraLetters,
  type GradeContext,
  type KindResult,
  type MathFn,
  memo,
  pointsFor,
  studentFn,
  termValues,
  toFn,
} from './shared.js';

/** Outcomes close enough to right that a missing + C is worth mentioning too. */
const nearlyRight = new Set<OutcomeCode>([
  'sign_error',
  'off_by_constant_factor',
  'missing_term',
  'not_simplified_numeric',
  'numerically_close',
  'undefined_at_points',
]);

/** Preferred names for the constant of integration, in order; any other letter may serve too. */
const constantPreference = ['C', 'K', 'c', 'k', 'A', 'B', 'D'];
const looksLikeConstant = (letter: string) => /^[A-Z]/.test(letter) || /^[ck](_\w+)?$/.test(letter);

/**
 * Whether `letter` enters f linearly with a non-zero coefficient independent of the variables, i.e. f = g + a·C
 * with a ≠ 0 constant: checked at the sample points with C = 1, 2, 3 (points where f is undefined are skipped:
 * being undefined is diagnosed separately).
 */
export function isArbitraryConstant(f: MathFn['f'], letter: string, points: Env[]): boolean {
  let coefficient: number | undefined;
  for (const p of points) {
    const [a, b, c] = [1, 2, 3].map((v) => f({ ...p, [letter]: v })) as [number, number, number];
    if (![a, b, c].every(Number.isFinite)) continue;
    const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
    if (!relClose(c - b, b - a, tolerances.exact, scale)) return false;
    const slope = b - a;
    if (coefficient === undefined) coefficient = slope;
    else if (!relClose(slope, coefficient, tolerances.exact, scale)) return false;
  }
  return coefficient === undefined || Math.abs(coefficient) > 1e-9;
}

export interface ExpectedAntiderivative {
  constant: string;
  vars: string[];
  /** The expected answer with its constant set to 0. */
  base: MathFn;
}

/** Finds the expected answer's constant of integration and variables; throws when there is none. */
export function analyseExpected(expected: string, ctx: GradeContext): ExpectedAntiderivative {
  const e = expectedFn(expected);
  const candidates = e.symbols
    .filter((s) => !(ctx.vars ?? []).includes(s))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const constant of candidates) {
    const vars = e.symbols.filter((s) => s !== constant).concat(ctx.vars ?? []);
    const unique = [...new Set(vars)].sort();
    let points: Env[];
    try {
      points = pointsFor([e.f], unique, ctx, { [constant]: 0 });
    } catch {
      continue;
    }
    if (isArbitraryConstant(e.f, constant, points)) {
      return { constant, vars: unique, base: toFn(substitute(e.expr, { [constant]: num(0) })) };
    }
  }
  throw new ExpectedAnswerError(`expected antiderivative "${expected}" has no arbitrary constant (+ C)`);
}

function rank(letter: string): number {
  const i = constantPreference.indexOf(letter);
  if (i >= 0) return i;
  return /^[A-Z]/.test(letter) ? 10 : 20;
}

/**
 * `antiderivative`: right when the student's answer differs from the expected one by a constant and adds exactly
 * one arbitrary constant (any letter not among the variables), linearly, with a non-zero coefficient. The
 * constant is "solved for": the answers are compared up to an additive constant, so sin^2(x)/2 + C and
 * -cos^2(x)/2 + C are both right.
 */
export function gradeAntiderivative(expected: string, answer: string, ctx: GradeContext): KindResult {
  const prepared = memo(['antiderivative', expected, ctx], () => prepare(expected, ctx));
  const { vars, points, eValues, terms, alternatives } = prepared;
  const s = studentFn(span(answer));
  const extra = extraLetters([s], vars);
  if (extra.length > 1) {
    // Name the letters that are not the (most constant-like) constant: t^2/2 + C -> "uses t".
    const constantLike = [...extra].sort((a, b) => rank(a) - rank(b))[0]!;
    return { outcome: 'wrong_variable', detail: { letters: extra.filter((l) => l !== constantLike) } };
  }

  const constant = extra[0];
  if (constant !== undefined && !isArbitraryConstant(s.f, constant, points)) {
    return looksLikeConstant(constant)
      ? { outcome: 'constant_not_arbitrary', detail: { letters: [constant] } }
      : { outcome: 'wrong_variable', detail: { letters: [constant] } };
  }
  const sValues = points.map((p) => s.f(constant ? { ...p, [constant]: 0 } : p));
  const r = checkScalar({
    s: sValues,
    e: eValues,
    points,
    vars,
    decimal: s.decimal,
    upToConstant: true,
    terms,
    alternatives,
  });
  if (r.outcome === 'correct') return { outcome: constant ? 'correct' : 'missing_constant' };
  const remindConstant = !constant && nearlyRight.has(r.outcome);
  return { outcome: r.outcome, detail: { ...detailOf(r), ...(remindConstant ? { alsoMissingConstant: true } : {}) } };
}

/** Everything about the expected answer: variables, sample points, its values, its terms, the integrand. */
function prepare(expected: string, ctx: GradeContext) {
  const { vars, base } = analyseExpected(expected, ctx);
  const points = pointsFor([base.f], vars, ctx);
  const eValues = points.map((p) => base.f(p));
  const alternatives: Array<{ values: number[]; outcome: OutcomeCode }> = [];
  if (vars.length === 1) {
    // The integrand (the derivative of the answer) and its derivative: a student who differentiated.
    const integrand = derivative(base.expr, vars[0]!);
    const second = integrand && derivative(integrand, vars[0]!);
    for (const d of [integrand, second]) {
      if (!d) continue;
      const f = compile(d);
      const values = points.map((p) => f(p));
      if (!agree(values, eValues, tolerances.exact, true))
        alternatives.push({ values, outcome: 'differentiated_instead' });
    }
  }
  return { vars, points, eValues, terms: termValues(base.expr, points), alternatives };
}
