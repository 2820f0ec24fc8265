import { seededRandom } from '../../../platform/ids.js';
import type { Env } from '../expr.js';
import { rangeOf, relClose, tolerances } from '../numeric.js';
import { type Span, span, splitEquation } from '../structure.js';
import {
  checkScalar,
  detailOf,
  ExpectedAnswerError,
  expectedFn,
  expectedStructure,
  extraLetters,
  type GradeContext,
  type KindResult,
  type MathFn,
  pointsFor,
  studentFn,
  termValues,
  toleranceFor,
  variablesOf,
} from './shared.js';

interface Equation {
  lhs: MathFn;
  rhs: MathFn;
}

const residual = (q: Equation) => (env: Env) => q.lhs.f(env) - q.rhs.f(env);
const sideScale = (q: Equation, env: Env) => Math.max(1, Math.abs(q.lhs.f(env)), Math.abs(q.rhs.f(env)));

/** The variable a side consists of (`y` in `y = 3e^(x^2)`), if it is a lone variable. */
function loneVariable(f: MathFn): string | undefined {
  return f.expr.type === 'sym' ? f.expr.name : undefined;
}

/** Points on the solution set of `q`: other variables random, one variable solved for by bisection. */
function solutionPoints(q: Equation, vars: string[], ctx: GradeContext, wanted = 8): Env[] {
  const g = residual(q);
  const next = seededRandom(ctx.seed + 7);
  const points: Env[] = [];
  const steps = 96;
  for (const target of vars) {
    const [lo0, hi0] = rangeOf(target, ctx.domain);
    const width = hi0 - lo0;
    const [lo, hi] = [lo0 - width, hi0 + width];
    let misses = 0;
    while (points.length < wanted && misses < 12) {
      const env: Env = {};
      for (const v of vars) {
        if (v === target) continue;
        const [a, b] = rangeOf(v, ctx.domain);
        env[v] = a + (b - a) * next();
      }
      const at = (x: number) => {
        env[target] = x;
        return g(env);
      };
      const brackets: Array<[number, number, number]> = [];
      let prevX = lo;
      let prevG = at(lo);
      for (let i = 1; i <= steps; i++) {
        const x = lo + ((hi - lo) * i) / steps;
        const gx = at(x);
        if (Number.isFinite(prevG) && Number.isFinite(gx) && Math.sign(prevG) !== Math.sign(gx))
          brackets.push([prevX, x, prevG]);
        prevX = x;
        prevG = gx;
      }
      if (brackets.length === 0) {
        misses++;
        continue;
      }
      let [a, b, ga] = brackets[Math.floor(next() * brackets.length)]!;
      for (let i = 0; i < 80 && a !== b; i++) {
        const m = (a + b) / 2;
        const gm = at(m);
        if (gm === 0) a = b = m;
        else if (Math.sign(gm) === Math.sign(ga)) {
          a = m;
          ga = gm;
        } else b = m;
      }
      env[target] = (a + b) / 2;
      // A sign change across a pole is not a solution.
      if (Math.abs(g(env)) <= 1e-9 * sideScale(q, env)) points.push({ ...env });
      else misses++;
    }
    if (points.length >= wanted) break;
  }
  return points;
}

/** Every point of `points` satisfies q (to a tolerance relative to the size of its sides). */
function satisfies(q: Equation, points: Env[]): boolean {
  const g = residual(q);
  return points.every((p) => {
    const r = g(p);
    return Number.isFinite(r) && Math.abs(r) <= 1e-7 * sideScale(q, p);
  });
}

function parseEquation(s: Span, parse: (s: Span) => MathFn): Equation | undefined {
  const sides = splitEquation(s);
  if (!sides) return undefined;
  return { lhs: parse(sides[0]), rhs: parse(sides[1]) };
}

/**
 * `equation`: the same solution set. Equal when lhs - rhs of the two are proportional (`2x + y - z = 4` and
 * `z = 2x + y - 4`), or, failing that, when points on each solution set satisfy the other equation
 * (`y = 3e^(x^2)` and `ln(y) = ln(3) + x^2`). With a lone variable on one side of both (`y = ...`), mistakes in
 * the other side are diagnosed like expressions.
 */
export function gradeEquation(expected: string, answer: string, ctx: GradeContext): KindResult {
  const e = expectedStructure(expected, () => parseEquation(span(expected), (s) => expectedFn(s.text)));
  if (!e) throw new ExpectedAnswerError(`expected equation "${expected}" has no '='`);
  const vars = variablesOf(ctx, [e.lhs, e.rhs]);

  const s = parseEquation(span(answer), studentFn);
  if (!s) return { outcome: 'wrong_form', detail: { form: 'an equation (with "=")' } };
  const extra = extraLetters([s.lhs, s.rhs], vars);
  if (extra.length > 0) return { outcome: 'wrong_variable', detail: { letters: extra } };

  const points = pointsFor([e.lhs.f, e.rhs.f], vars, ctx);
  const ge = residual(e);
  const gs = residual(s);
  const eValues = points.map(ge);
  const sValues = points.map(gs);
  const rel = toleranceFor([s.lhs, s.rhs]) === tolerances.decimal ? tolerances.decimal : 1e-7;

  // Proportional residuals: the same equation rearranged or scaled.
  let j = 0;
  for (let i = 1; i < eValues.length; i++) if (Math.abs(eValues[i]!) > Math.abs(eValues[j]!)) j = i;
  const k = sValues[j]! / eValues[j]!;
  if (Number.isFinite(k) && Math.abs(k) > 1e-12) {
    const proportional = points.every((p, i) => {
      const scale = Math.max(sideScale(s, p), Math.abs(k) * sideScale(e, p));
      return Number.isFinite(sValues[i]!) && relClose(sValues[i]!, k * eValues[i]!, rel, scale);
    });
    if (proportional) return { outcome: 'correct' };
  }
  // The same solution set written differently.
  const onExpected = solutionPoints(e, vars, ctx);
  if (onExpected.length >= 3 && satisfies(s, onExpected)) {
    const onStudent = solutionPoints(s, vars, ctx);
    if (onStudent.length >= 3 && satisfies(e, onStudent)) return { outcome: 'correct' };
  }
  // y = f(x) against y = g(x): diagnose g like an expression.
  const pair = isolatedPair(e, s);
  if (pair) {
    const [ev, sv] = pair;
    const r = checkScalar({
      s: points.map((p) => sv.f(p)),
      e: points.map((p) => ev.f(p)),
      points,
      vars,
      decimal: sv.decimal,
      terms: termValues(ev.expr, points),
    });
    if (r.outcome !== 'correct') return { outcome: r.outcome, detail: detailOf(r) };
  }
  return { outcome: 'incorrect' };
}

/** When both equations have the same lone variable on one side, their other sides (expected, student). */
function isolatedPair(e: Equation, s: Equation): [MathFn, MathFn] | undefined {
  const sides = (q: Equation): Array<[string, MathFn]> => {
    const out: Array<[string, MathFn]> = [];
    const l = loneVariable(q.lhs);
    const r = loneVariable(q.rhs);
    if (l && !q.rhs.symbols.includes(l)) out.push([l, q.rhs]);
    if (r && !q.lhs.symbols.includes(r)) out.push([r, q.lhs]);
    return out;
  };
  for (const [v, ev] of sides(e)) for (const [w, sv] of sides(s)) if (v === w) return [ev, sv];
  return undefined;
}
