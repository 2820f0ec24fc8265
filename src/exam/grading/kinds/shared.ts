import { agree, type DiagnoseInput, type Diagnosis, diagnose } from '../compare.js';
import { compile, type Env, type Expr, type Compiled as Fn, hasDecimal, symbols, terms } from '../expr.js';
import {
  defaultRange,
  enoughPoints,
  isReal,
  type SamplePlan,
  samplePoints,
  tolerances,
  wellScaled,
  widerRanges,
} from '../numeric.js';
import type { FeedbackDetail, OutcomeCode } from '../outcomes.js';
import { MathParseError, parseMath } from '../parse.js';
import type { Span } from '../structure.js';

/** What every kind grader receives besides the two answers. */
export interface GradeContext {
  /** Variables of the question; default: the letters of the expected answer. */
  vars?: string[];
  domain?: Record<string, readonly [number, number]>;
  seed: number;
}

/** What a kind grader returns; grade.ts turns it into a GradeResult with feedback. */
export interface KindResult {
  outcome: OutcomeCode;
  detail?: FeedbackDetail;
}

/** The expected answer is not usable (unparsable, wrong form, undefined on the domain): a content/programming error. */
export class ExpectedAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectedAnswerError';
  }
}

/** A parsed and compiled expression. */
export interface MathFn {
  expr: Expr;
  f: Fn;
  symbols: string[];
  decimal: boolean;
}

export function toFn(expr: Expr): MathFn {
  return { expr, f: compile(expr), symbols: symbols(expr), decimal: hasDecimal(expr) };
}

const memoTable = new Map<string, unknown>();

/**
 * Memoises expected-side work (sample points, expected values, derivatives) by a key that includes everything
 * it depends on (expected answer, variables, domain, seed): grading the same question again only does the
 * student's side. Bounded; cleared when full.
 */
export function memo<T>(key: unknown[], compute: () => T): T {
  const k = JSON.stringify(key);
  if (memoTable.has(k)) return memoTable.get(k) as T;
  const value = compute();
  if (memoTable.size >= 1000) memoTable.clear();
  memoTable.set(k, value);
  return value;
}

/** Parses the student's expression; MathParseError (-> unparsable) propagates. */
export function studentFn(s: Span): MathFn {
  return toFn(parseMath(s.text, s.offset).expr);
}

const expectedCache = new Map<string, MathFn>();

/** Parses an expected expression (cached: benchmarks and the API grade the same question many times). */
export function expectedFn(text: string): MathFn {
  const cached = expectedCache.get(text);
  if (cached) return cached;
  try {
    const fn = toFn(parseMath(text).expr);
    if (expectedCache.size >= 2000) expectedCache.clear();
    expectedCache.set(text, fn);
    return fn;
  } catch (error) {
    if (error instanceof MathParseError) throw new ExpectedAnswerError(`expected answer "${text}": ${error.message}`);
    throw error;
  }
}

/** Runs `f` on the expected answer's structure, turning a parse error into ExpectedAnswerError. */
export function expectedStructure<T>(text: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof MathParseError) throw new ExpectedAnswerError(`expected answer "${text}": ${error.message}`);
    throw error;
  }
}

/** The question's variables: those given, plus every letter of the expected answer(s) not excluded. */
export function variablesOf(
  ctx: GradeContext,
  expected: ReadonlyArray<{ symbols: readonly string[] }>,
  exclude: readonly string[] = [],
): string[] {
  const names = new Set(ctx.vars ?? []);
  for (const e of expected) for (const s of e.symbols) if (!exclude.includes(s)) names.add(s);
  return [...names].sort();
}

/** Letters the student used that are not variables (nor in `allowed`). */
export function extraLetters(
  student: ReadonlyArray<{ symbols: readonly string[] }>,
  vars: readonly string[],
): string[] {
  const extra = new Set<string>();
  for (const s of student) for (const name of s.symbols) if (!vars.includes(name)) extra.add(name);
  return [...extra].sort();
}

/**
 * Sample points where every expected function is defined. Sampling follows the expected answer where it is real:
 * - a variable without a declared domain is sampled on [-2, 2], else on [-10, 10], else on [-100, 100], the first
 *   where the expected answer is defined often enough (`ln(x - 3) + ln(x + 3)` lives on x > 3);
 * - when values overflow or vanish there (`(x - a)^6001`: infinite for |x - a| > 1.13, 0 below 0.89, so
 *   `6000(x - a)^5999` would "equal" it), points are resampled where every expected value is well scaled
 *   (1e-100 to 1e100), keeping the others only when too few such points exist.
 * Throws ExpectedAnswerError when the domain is (nearly) all undefined.
 */
export function pointsFor(expected: Fn[], vars: string[], ctx: GradeContext, fixed?: Env): Env[] {
  const undeclared = vars.filter((v) => ctx.domain?.[v] === undefined);
  const ranges = undeclared.length > 0 ? [defaultRange, ...widerRanges] : [defaultRange];
  for (const range of ranges) {
    const domain = { ...Object.fromEntries(undeclared.map((v) => [v, range])), ...ctx.domain };
    const plan: SamplePlan = { vars, seed: ctx.seed, domain, ...(fixed ? { fixed } : {}) };
    let overflowed = false;
    const points = samplePoints(plan, (env) =>
      expected.every((f) => {
        const v = f(env);
        if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) overflowed = true;
        return isReal(v);
      }),
    );
    if (!enoughPoints(points, vars)) continue;
    const badlyScaled = overflowed || points.some((p) => expected.some((f) => f(p) !== 0 && !wellScaled(f(p))));
    if (!badlyScaled) return points;
    const scaled = samplePoints({ ...plan, triesPerPoint: 200 }, (env) => expected.every((f) => wellScaled(f(env))));
    return enoughPoints(scaled, vars) ? scaled : points;
  }
  throw new ExpectedAnswerError(
    `the expected answer is undefined at most sample points of ${vars.map((v) => `${v} in [${(ctx.domain?.[v] ?? defaultRange).join(', ')}]`).join(', ') || 'its value'}; give a domain`,
  );
}

export const toleranceFor = (student: MathFn[]) =>
  student.some((s) => s.decimal) ? tolerances.decimal : tolerances.exact;

/** Only the question's variables of a point (not a constant held at 0), for feedback. */
export function visiblePoint(env: Env, vars: readonly string[]): Record<string, number> {
  return Object.fromEntries(vars.filter((v) => v in env).map((v) => [v, env[v]!]));
}

export interface ScalarCheck {
  /** Student's values and expected values at `points`. */
  s: number[];
  e: number[];
  points: Env[];
  vars: readonly string[];
  decimal: boolean;
  upToConstant?: boolean;
  terms?: number[][];
  alternatives?: DiagnoseInput['alternatives'];
}

export interface ScalarResult extends Diagnosis {
  undefinedAt?: Record<string, number>;
}

/**
 * One scalar comparison: the student's answer must be defined wherever the expected one is (points are chosen
 * there); if it is undefined somewhere but right elsewhere, that is the diagnosis.
 */
export function checkScalar(c: ScalarCheck): ScalarResult {
  const rel = c.decimal ? tolerances.decimal : tolerances.exact;
  const bad = c.s.findIndex((v) => !isReal(v));
  if (bad >= 0) {
    const keep = c.s.map((v, i) => (isReal(v) ? i : -1)).filter((i) => i >= 0);
    const pick = <T>(xs: readonly T[]) => keep.map((i) => xs[i]!);
    const undefinedAt = visiblePoint(c.points[bad]!, c.vars);
    if (keep.length < 2 || agree(pick(c.s), pick(c.e), rel, c.upToConstant))
      return { outcome: 'undefined_at_points', undefinedAt };
    const d = diagnose({
      s: pick(c.s),
      e: pick(c.e),
      rel,
      upToConstant: c.upToConstant ?? false,
      decimal: c.decimal,
      terms: (c.terms ?? []).map(pick),
      alternatives: (c.alternatives ?? []).map((a) => ({ values: pick(a.values), outcome: a.outcome })),
    });
    return d.outcome === 'correct' ? { outcome: 'undefined_at_points', undefinedAt } : d;
  }
  return diagnose({
    s: c.s,
    e: c.e,
    rel,
    upToConstant: c.upToConstant ?? false,
    decimal: c.decimal,
    ...(c.terms ? { terms: c.terms } : {}),
    ...(c.alternatives ? { alternatives: c.alternatives } : {}),
  });
}

/** Values of the non-constant top-level terms of an expression, when it has at least two. */
export function termValues(expr: Expr, points: Env[]): number[][] {
  const parts = terms(expr).filter((t) => symbols(t).length > 0);
  if (parts.length < 2) return [];
  return parts.map((t) => {
    const f = compile(t);
    return points.map((p) => f(p));
  });
}

export function detailOf(r: ScalarResult): FeedbackDetail {
  return {
    ...(r.factor !== undefined ? { factor: r.factor } : {}),
    ...(r.oneTerm ? { oneTerm: true } : {}),
    ...(r.undefinedAt ? { point: r.undefinedAt } : {}),
  };
}

/** Empty-set words, in plain math or LaTeX. */
export function isEmptySetWord(text: string): boolean {
  return /^(\\emptyset|\\varnothing|∅|\{\s*\}|\\\{\s*\\\}|empty( set)?|none|no solutions?|dne)$/i.test(text.trim());
}
