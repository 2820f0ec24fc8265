import { agree } from '../compare.js';
import { absoluteLogs, compile, derivative, type Env, type Expr, num, substitute } from '../expr.js';
import { defaultRange, isReal, relClose, samplePoints, tolerances } from '../numeric.js';
import type { OutcomeCode } from '../outcomes.js';
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
  type ScalarResult,
  studentFn,
  termValues,
  toFn,
  visiblePoint,
} from './shared.js';

/** Outcomes close enough to right that a missing + C is worth mentioning too. */
const nearlyRight = new Set<OutcomeCode>([
  'sign_error',
  'off_by_constant_factor',
  'missing_term',
  'not_simplified_numeric',
  'numerically_close',
  'undefined_at_points',
  'missing_absolute_value',
]);

/** Preferred names for the constant of integration, in order; any other letter may serve too. */
const constantPreference = ['C', 'K', 'c', 'k', 'A', 'B', 'D'];
const looksLikeConstant = (letter: string) => /^[A-Z]/.test(letter) || /^[ck](_\w+)?$/.test(letter);

/** Values a constant is set to as its "zero" (the first where the answer is defined: ln(k|x|) needs k ≠ 0). */
const referenceValues = [0, 1, -1, 2, 0.5];
/** Values a constant is tried at: its shifts must reach below -unbounded and above +unbounded. */
const trialValues = [-1e6, -1e3, -1, -1e-3, -1e-6, 1e-6, 1e-3, 1, 1e3, 1e6];
const unbounded = 5;

/**
 * Whether `letter` is an arbitrary constant of f: changing it shifts f by the same amount at every point (a shift
 * independent of the variables), and the shifts reach every real value, so it can absorb any constant:
 * `+ C`, `- 3C`, `(x^3 + C)/3`, and a constant inside a logarithm, `ln(k x)` = ln x + ln k, `ln(k|x|)`. Not
 * `C x` (depends on x), `C^2` or `e^C` (never below a bound), `0 C`. Returns the value taken as its zero (the
 * first reference value where f is defined), or undefined when the letter is not an arbitrary constant.
 * Points where f is undefined are skipped (being undefined is diagnosed separately).
 */
export function constantReference(f: MathFn['f'], letter: string, points: Env[]): number | undefined {
  const at = (p: Env, value: number) => f({ ...p, [letter]: value });
  if (entersLinearly(at, points)) return 0;
  let reference: number | undefined;
  let usable: Env[] = [];
  for (const value of referenceValues) {
    const defined = points.filter((p) => isReal(at(p, value)));
    if (defined.length > usable.length) [reference, usable] = [value, defined];
  }
  if (reference === undefined) return undefined;
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const value of trialValues) {
    const pairs = usable.map((p) => [at(p, value), at(p, reference!)] as const).filter(([v]) => isReal(v));
    if (pairs.length === 0) continue;
    const scale = Math.max(...pairs.map(([v, r]) => Math.max(Math.abs(v), Math.abs(r))));
    // The shift read where the values are smallest: at 1e100 a shift of 1e6 is lost in rounding.
    const [v0, r0] = pairs.reduce((a, b) => (Math.abs(b[1]) < Math.abs(a[1]) ? b : a));
    const shift = v0 - r0;
    if (!pairs.every(([v, r]) => relClose(v - r, shift, tolerances.exact, scale))) return undefined;
    lowest = Math.min(lowest, shift);
    highest = Math.max(highest, shift);
  }
  return lowest <= -unbounded && highest >= unbounded ? reference : undefined;
}

/**
 * The common case, decided cheaply: f = g + a·C with a ≠ 0 the same at every point (C at 0, 1, 2), f defined at
 * C = 0 everywhere f is defined at all.
 */
function entersLinearly(at: (p: Env, value: number) => number, points: Env[]): boolean {
  let slope: number | undefined;
  for (const p of points) {
    const [a, b, c] = [at(p, 0), at(p, 1), at(p, 2)];
    if (![a, b, c].every(Number.isFinite)) {
      if ([a, b, c].some(Number.isFinite)) return false;
      continue;
    }
    const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
    if (!relClose(c - b, b - a, tolerances.exact, scale)) return false;
    if (slope === undefined) slope = b - a;
    else if (!relClose(b - a, slope, tolerances.exact, scale)) return false;
  }
  return slope !== undefined && Math.abs(slope) > 1e-9;
}

export interface ExpectedAntiderivative {
  /** The letter of the constant of integration; undefined when the expected answer omits it (it is implied). */
  constant?: string;
  vars: string[];
  /** The expected answer with its constant at its zero. */
  base: MathFn;
}

/**
 * Finds the expected answer's constant of integration and its variables. A teacher may omit the constant
 * (`x^3/3`, as STACK's antiderivative tests write it): it is implied, and the student must still add one.
 */
export function analyseExpected(expected: string, ctx: GradeContext): ExpectedAntiderivative {
  const e = expectedFn(expected);
  const candidates = e.symbols
    .filter((s) => !(ctx.vars ?? []).includes(s))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const constant of candidates) {
    const vars = [...new Set(e.symbols.filter((s) => s !== constant).concat(ctx.vars ?? []))].sort();
    // A constant needs something to be constant in: x alone in x^3/3 is the variable.
    if (vars.length === 0) continue;
    let points: Env[];
    try {
      points = pointsFor([e.f], vars, ctx, { [constant]: 1 });
    } catch {
      continue;
    }
    const reference = constantReference(e.f, constant, points);
    if (reference !== undefined)
      return { constant, vars, base: toFn(substitute(e.expr, { [constant]: num(reference) })) };
  }
  return { vars: [...new Set(e.symbols.concat(ctx.vars ?? []))].sort(), base: e };
}

function rank(letter: string): number {
  const i = constantPreference.indexOf(letter);
  if (i >= 0) return i;
  return /^[A-Z]/.test(letter) ? 10 : 20;
}

/**
 * `antiderivative`: right when the student's answer differs from the expected one by a constant and adds exactly
 * one arbitrary constant (any letter not among the variables, see constantReference). The constant is "solved
 * for": the answers are compared up to an additive constant, so sin^2(x)/2 + C and -cos^2(x)/2 + C are both
 * right; failing that, an answer whose derivative equals the expected one's is right too (a constant that differs
 * between the pieces of the domain: atan((x-2)/(x-1)) for atan(2x-3)), unless it is undefined where the expected
 * answer is real. ln(u) for ln|u| is `missing_absolute_value`, also outside the question's sampling range.
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
  let expr = s.expr;
  if (constant !== undefined) {
    const reference = constantReference(s.f, constant, [...points, ...prepared.probes]);
    if (reference === undefined)
      return looksLikeConstant(constant)
        ? { outcome: 'constant_not_arbitrary', detail: { letters: [constant] } }
        : { outcome: 'wrong_variable', detail: { letters: [constant] } };
    expr = substitute(s.expr, { [constant]: num(reference) });
  }
  const judged = judge(expr, s.decimal, prepared);
  if (judged.outcome === 'correct') return { outcome: constant ? 'correct' : 'missing_constant' };
  const remindConstant = !constant && nearlyRight.has(judged.outcome);
  return {
    outcome: judged.outcome,
    detail: { ...detailOf(judged), ...(remindConstant ? { alsoMissingConstant: true } : {}) },
  };

  /** The student's answer (constant at its zero) against the expected one, in the order the doc comment gives. */
  function judge(studentExpr: Expr, decimal: boolean, p: Prepared): ScalarResult {
    const f = compile(studentExpr);
    const r = checkScalar({
      s: points.map((pt) => f(pt)),
      e: eValues,
      points,
      vars,
      decimal,
      upToConstant: true,
      terms,
      alternatives,
    });
    const undefinedAt = p.probes.find((pt) => !isReal(f(pt)));
    if (r.outcome === 'correct' && undefinedAt === undefined) return r;
    if (r.outcome === 'undefined_at_points' || (r.outcome === 'correct' && undefinedAt)) {
      const withAbs = compile(absoluteLogs(studentExpr));
      const fixed =
        p.probes.every((pt) => isReal(withAbs(pt))) &&
        checkScalar({ s: points.map((pt) => withAbs(pt)), e: eValues, points, vars, decimal, upToConstant: true })
          .outcome === 'correct';
      const point = r.undefinedAt ?? visiblePoint(undefinedAt ?? {}, vars);
      // STACK's reading: the absolute value is required when the expected answer writes it (ln|x| + C), and
      // condoned when the expected answer itself ignores it (ln(x) + C, -acoth(x/3)/3 for ln(x-3)/6 - ln(x+3)/6).
      if (fixed)
        return p.writesAbsoluteLog ? { outcome: 'missing_absolute_value', undefinedAt: point } : { outcome: 'correct' };
      if (r.outcome === 'correct') return { outcome: 'undefined_at_points', undefinedAt: point };
    }
    return sameDerivative(studentExpr, p) ? { outcome: 'correct' } : r;
  }

  function sameDerivative(studentExpr: Expr, p: Prepared): boolean {
    if (!p.variable || !p.eDerivative) return false;
    const d = derivative(studentExpr, p.variable);
    if (!d) return false;
    const f = compile(d);
    const values = points.map((pt) => f(pt));
    return values.every(isReal) && agree(values, p.eDerivative, tolerances.exact);
  }
}

type Prepared = ReturnType<typeof prepare>;

/** Everything about the expected answer: variables, sample points, its values, its terms, the integrand. */
function prepare(expected: string, ctx: GradeContext) {
  const { vars, base } = analyseExpected(expected, ctx);
  const points = pointsFor([base.f], vars, ctx);
  const eValues = points.map((p) => base.f(p));
  // The variable of integration: the declared one, or the only one.
  const declared = (ctx.vars ?? []).filter((v) => vars.includes(v));
  const variable = declared.length === 1 ? declared[0] : vars.length === 1 ? vars[0] : undefined;
  const alternatives: Array<{ values: number[]; outcome: OutcomeCode }> = [];
  let eDerivative: number[] | undefined;
  if (variable) {
    // The integrand (the derivative of the answer) and its derivative: a student who differentiated.
    const integrand = derivative(base.expr, variable);
    const second = integrand && derivative(integrand, variable);
    for (const d of [integrand, second]) {
      if (!d) continue;
      const f = compile(d);
      const values = points.map((p) => f(p));
      if (!agree(values, eValues, tolerances.exact, true))
        alternatives.push({ values, outcome: 'differentiated_instead' });
      if (d === integrand && values.every(isReal)) eDerivative = values;
    }
  }
  return {
    vars,
    points,
    eValues,
    terms: termValues(base.expr, points),
    alternatives,
    variable,
    eDerivative,
    probes: probePoints(base, vars, points, ctx),
    writesAbsoluteLog: hasAbsoluteLog(base.expr),
  };
}

/** Whether some logarithm in the expression takes an absolute value: ln|x|, ln|k x|, ln(k|x|). */
function hasAbsoluteLog(expr: Expr): boolean {
  const hasAbs = (e: Expr): boolean => (e.type === 'call' && e.fn === 'abs') || children(e).some(hasAbs);
  const visit = (e: Expr): boolean =>
    (e.type === 'call' &&
      ['ln', 'log10', 'log2', 'logb'].includes(e.fn) &&
      e.args[0] !== undefined &&
      hasAbs(e.args[0])) ||
    children(e).some(visit);
  return visit(expr);
}

function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'add':
    case 'mul':
    case 'call':
      return e.args;
    case 'neg':
      return [e.arg];
    case 'div':
      return [e.num, e.den];
    case 'pow':
      return [e.base, e.exp];
    default:
      return [];
  }
}

/**
 * Points beyond the question's sampling range where the expected answer is real: the student's answer must be
 * defined there too. A range such as x in [2.5, 5] keeps every log argument of 2ln|x - 2| + 3ln|x + 1| positive,
 * which would let ln(x - 2) pass; the probes reach twice as far on both sides (at least [-4, 4]).
 */
function probePoints(base: MathFn, vars: string[], points: Env[], ctx: GradeContext): Env[] {
  const reach = (v: string) =>
    Math.max(
      4,
      2 * Math.max(...points.map((p) => Math.abs(p[v] ?? 0)), ...(ctx.domain?.[v] ?? defaultRange).map(Math.abs)),
    );
  const domain = Object.fromEntries(vars.map((v) => [v, [-reach(v), reach(v)] as const]));
  return samplePoints({ vars, seed: ctx.seed + 1, domain }, (env) => isReal(base.f(env)));
}
