import { diagnose } from '../compare.js';
import type { Env } from '../expr.js';
import { MathParseError } from '../normalize.js';
import { tolerances } from '../numeric.js';
import { parseMath } from '../parse.js';
import { outerGroup, type Span, span, splitTopLevel, trim } from '../structure.js';
import {
  checkScalar,
  detailOf,
  expectedStructure,
  extraLetters,
  type GradeContext,
  type KindResult,
  type MathFn,
  pointsFor,
  studentFn,
  toFn,
  variablesOf,
} from './shared.js';

const unitLetters = ['i', 'j', 'k'];

/** A component: its value at a point (for i, j, k notation, read off a linear combination). */
export interface Component {
  f: (env: Env) => number;
  symbols: string[];
  decimal: boolean;
}

const plain = (m: MathFn): Component => ({ f: m.f, symbols: m.symbols, decimal: m.decimal });

/**
 * Components of a vector or point: `<1, 2, 3>`, `(1, 2, 3)`, `[1, 2, 3]`, `\langle 1,2,3 \rangle`, or
 * `i - 2j + 3k` (a combination of the unit vectors, when i, j, k are not variables of the question).
 */
export function parseComponents(text: string, parse: (s: Span) => MathFn, vars: readonly string[] = []): Component[] {
  const whole = trim(span(text));
  const g = outerGroup(whole, { angle: true });
  if (g && g.open !== '{') {
    const parts = splitTopLevel(g.inner, [',']);
    if (parts.some((p) => p.text === '')) throw new MathParseError('a component is empty', g.inner.offset);
    return parts.map((p) => plain(parse(p)));
  }
  const m = parse(whole);
  const units = unitLetters.filter((u) => m.symbols.includes(u) && !vars.includes(u));
  if (units.length === 0) return [plain(m)];
  const dimension = units.includes('k') ? 3 : 2;
  const zero = { i: 0, j: 0, k: 0 };
  const others = m.symbols.filter((s) => !unitLetters.includes(s));
  return unitLetters.slice(0, dimension).map((u) => ({
    f: (env: Env) => m.f({ ...env, ...zero, [u]: 1 }) - m.f({ ...env, ...zero }),
    symbols: others,
    decimal: m.decimal,
  }));
}

/** Whether `parseComponents` read i, j, k notation that is not linear (i^2, i*j): then it is not a vector. */
function linearInUnits(text: string, vars: readonly string[], points: Env[]): boolean {
  const g = outerGroup(trim(span(text)), { angle: true });
  if (g) return true;
  const m = toFn(parseMath(text).expr);
  const units = unitLetters.filter((u) => m.symbols.includes(u) && !vars.includes(u));
  if (units.length === 0) return true;
  const zero = { i: 0, j: 0, k: 0 };
  return points.every((p) => {
    if (Math.abs(m.f({ ...p, ...zero })) > 1e-12) return false;
    return units.every((u) => {
      const one = m.f({ ...p, ...zero, [u]: 1 });
      const two = m.f({ ...p, ...zero, [u]: 2 });
      return Math.abs(two - 2 * one) <= 1e-9 * Math.max(1, Math.abs(two));
    });
  });
}

/**
 * `vector` (and points): componentwise, each component compared like an expression in the question's variables
 * (`<cos(t), sin(t), 1>`). Wrong length is wrong_dimension; the whole vector negated or scaled is sign_error /
 * off_by_constant_factor; otherwise the wrong components are named.
 */
export function gradeVector(expected: string, answer: string, ctx: GradeContext): KindResult {
  const e = expectedStructure(expected, () => parseComponents(expected, (s) => toFn(parseMath(s.text).expr), ctx.vars));
  const vars = variablesOf(ctx, e).filter((v) => !unitLetters.includes(v) || (ctx.vars ?? []).includes(v));
  const s = parseComponents(answer, studentFn, vars);
  const extra = extraLetters(s, vars);
  if (extra.length > 0) return { outcome: 'wrong_variable', detail: { letters: extra } };
  if (s.length !== e.length)
    return { outcome: 'wrong_dimension', detail: { expectedLength: e.length, actualLength: s.length } };

  const points = pointsFor(
    e.map((c) => c.f),
    vars,
    ctx,
  );
  if (!linearInUnits(answer, vars, points))
    return { outcome: 'wrong_form', detail: { form: 'a vector like <1, 2, 3>' } };
  const decimal = s.some((c) => c.decimal);
  const results = e.map((ec, i) =>
    checkScalar({
      s: points.map((p) => s[i]!.f(p)),
      e: points.map((p) => ec.f(p)),
      points,
      vars,
      decimal,
    }),
  );
  const undefinedResult = results.find((r) => r.outcome === 'undefined_at_points');
  if (undefinedResult) return { outcome: 'undefined_at_points', detail: detailOf(undefinedResult) };
  const wrong = results.map((r, i) => (r.outcome === 'correct' ? -1 : i + 1)).filter((i) => i > 0);
  if (wrong.length === 0) return { outcome: 'correct' };

  if (wrong.length === 1) return { outcome: 'wrong_components', detail: { components: wrong } };
  // Several components wrong: all together, for a common sign, factor or rounding.
  const whole = diagnose({
    s: e.flatMap((_, i) => points.map((p) => s[i]!.f(p))),
    e: e.flatMap((ec) => points.map((p) => ec.f(p))),
    rel: decimal ? tolerances.decimal : tolerances.exact,
    upToConstant: false,
    decimal,
  });
  if (['sign_error', 'off_by_constant_factor', 'not_simplified_numeric', 'numerically_close'].includes(whole.outcome))
    return { outcome: whole.outcome, detail: whole.factor !== undefined ? { factor: whole.factor } : {} };
  if (wrong.length === e.length && e.length > 1) return { outcome: 'incorrect' };
  return { outcome: 'wrong_components', detail: { components: wrong } };
}
