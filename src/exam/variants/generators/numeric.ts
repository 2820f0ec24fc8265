import { all, create, type EvalFunction } from 'mathjs';
import { toMathjs } from '../../content/checks.js';

/**
 * Numeric machine checks for generators whose answer `check` (content/checks.ts) cannot express: tails of improper
 * integrals and series, limits, derivatives of parametric curves, ODE solutions. Each is computed from the question's
 * own data (integrand, term, curve), independently of how the generator wrote the answer.
 */
const math = create(all!, { predictable: false });
const compiled = new Map<string, EvalFunction>();

/** Evaluates plain math at a point (NaN when not a real number). */
export function at(plain: string, scope: Record<string, number>): number {
  let code = compiled.get(plain);
  if (!code) {
    if (compiled.size > 2000) compiled.clear();
    code = math.compile(toMathjs(plain));
    compiled.set(plain, code);
  }
  const v = code.evaluate({ ...scope });
  return typeof v === 'number' ? v : Number.NaN;
}

export function close(a: number, b: number, rel = 1e-6): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += f(a + i * h) * (i % 2 === 0 ? 2 : 4);
  return (s * h) / 3;
}

/** ∫ f dx over [from, to] on a logarithmic grid (x = e^u), for tails of improper integrals. */
function logIntegral(f: string, v: string, from: number, to: number): number {
  return simpson((u) => at(f, { [v]: Math.exp(u) }) * Math.exp(u), Math.log(from), Math.log(to), 2000);
}

/**
 * Whether ∫_a^∞ f converges, judged from its tails: over [10^3, 10^6] and [10^6, 10^9] a convergent tail (decay
 * faster than 1/x^1.5) shrinks by 30x or more, a divergent one (1/x or slower) does not shrink.
 */
export function integralConverges(f: string, v = 'x'): boolean {
  const first = logIntegral(f, v, 1e3, 1e6);
  const second = logIntegral(f, v, 1e6, 1e9);
  return Math.abs(second) < 0.3 * Math.abs(first);
}

/** Partial sum of term(n) for n in [from, to). */
export function partialSum(term: string, from: number, to: number, v = 'n'): number {
  let s = 0;
  for (let n = from; n < to; n++) s += at(term, { [v]: n });
  return s;
}

/**
 * Whether Σ |term| converges, from blocks [10^2.5, 10^3.5) and [10^3.5, 10^4.5) of a geometric grid of n (each term
 * weighted by its spacing): p = 1.5 shrinks the block 3x, p = 1 not at all.
 */
export function seriesConvergesAbsolutely(term: string, v = 'n'): boolean {
  const block = (lo: number, hi: number) => {
    let s = 0;
    const steps = 400;
    const r = (hi / lo) ** (1 / steps);
    for (let i = 0, n = lo; i < steps; i++, n *= r) s += Math.abs(at(term, { [v]: Math.round(n) })) * n * (r - 1);
    return s;
  };
  const first = block(10 ** 2.5, 10 ** 3.5);
  const second = block(10 ** 3.5, 10 ** 4.5);
  return second < 0.6 * first;
}

/** Limit of f(x) as x -> 0 by Richardson extrapolation of f(h), f(h/2) (error O(h^2) terms cancel). */
export function limitAtZero(f: string, v = 'x'): number {
  const h = 0.02;
  const a = at(f, { [v]: h });
  const b = at(f, { [v]: h / 2 });
  const c = at(f, { [v]: -h / 2 });
  const d = at(f, { [v]: -h });
  return (4 * (b + c) - (a + d)) / 6;
}

/** RK4 solution of y' = f(t, y) from (t0, y0) to t1. */
export function solveOde(f: string, t0: number, y0: number, t1: number, steps = 2000, tv = 't', yv = 'y'): number {
  const h = (t1 - t0) / steps;
  let [t, y] = [t0, y0];
  const F = (tt: number, yy: number) => at(f, { [tv]: tt, [yv]: yy });
  for (let i = 0; i < steps; i++) {
    const k1 = F(t, y);
    const k2 = F(t + h / 2, y + (h * k1) / 2);
    const k3 = F(t + h / 2, y + (h * k2) / 2);
    const k4 = F(t + h, y + h * k3);
    y += (h * (k1 + 2 * k2 + 2 * k3 + k4)) / 6;
    t += h;
  }
  return y;
}

/** Central difference d/dv of f at a point. */
export function derivativeAt(f: string, v: string, scope: Record<string, number>, h = 1e-5): number {
  const x = scope[v]!;
  return (at(f, { ...scope, [v]: x + h }) - at(f, { ...scope, [v]: x - h })) / (2 * h);
}

/** Exact rational arithmetic for polynomial integrals (areas, volumes): [numerator, denominator]. */
export type Rational = [number, number];
function gcd(a: number, b: number): number {
  let [x, y] = [Math.abs(a), Math.abs(b)];
  while (y) [x, y] = [y, x % y];
  return x || 1;
}
export function rat(n: number, d = 1): Rational {
  const g = gcd(n, d) * Math.sign(d || 1);
  return [n / g, d / g];
}
export const addR = (a: Rational, b: Rational) => rat(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
export const mulR = (a: Rational, b: Rational) => rat(a[0] * b[0], a[1] * b[1]);
/** ∫_lo^hi of a polynomial with integer coefficients (highest power first), exactly. */
export function integratePoly(coefficients: number[], lo: number, hi: number): Rational {
  const degree = coefficients.length - 1;
  let total: Rational = [0, 1];
  coefficients.forEach((c, i) => {
    const p = degree - i + 1;
    total = addR(total, rat(c * (hi ** p - lo ** p), p));
  });
  return total;
}
/** Plain math of a rational times an optional factor: ratText([7, 15], 'pi') -> '7pi/15'. */
export function ratText([n, d]: Rational, factor = ''): string {
  if (n === 0) return '0';
  const body = factor ? (Math.abs(n) === 1 ? factor : `${Math.abs(n)}*${factor}`) : `${Math.abs(n)}`;
  return `${n < 0 ? '-' : ''}${body}${d === 1 ? '' : `/${d}`}`;
}
