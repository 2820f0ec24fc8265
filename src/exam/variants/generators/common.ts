import { frac } from '../format.js';
import type { Mistake } from '../generator.js';
import { tex } from '../latex.js';
import { at, close } from './numeric.js';

/**
 * LaTeX of plain math without the dollars, for use inside a larger formula; a number times a letter or function is
 * written as a teacher writes it (`18t`, `2\sqrt{14}`), not `18 \cdot t` (a fraction keeps its dot: `2 \cdot \frac{1}{2}`
 * is not a mixed number).
 */
export const math = (plain: string) =>
  tex(plain)
    .slice(1, -1)
    .replace(/(\d) \\cdot (?=[A-Za-z(]|\\(?!frac))/g, '$1 ');

/** Undefined when the number answer equals `expected`, else the sentence a failed check returns. */
export const numberIs = (value: string, expected: number, rel = 1e-6) =>
  close(at(value, {}), expected, rel) ? undefined : `answer ${at(value, {})} but computed ${expected}`;

/** The number mistakes that differ from the answer and from each other (a coincidence for some parameters). */
export const distinctMistakes = (answer: string, list: Mistake[]) =>
  list.filter((m, i) => {
    const v = at(m.value, {});
    return (
      Number.isFinite(v) &&
      !close(v, at(answer, {}), 1e-9) &&
      list.findIndex((o) => close(at(o.value, {}), v, 1e-9)) === i
    );
  });

/** [k, m] with n = k^2 m and m square-free. */
export function splitSquare(n: number): [number, number] {
  let [k, m] = [1, n];
  for (let f = 2; f * f <= m; f++) {
    while (m % (f * f) === 0) {
      m /= f * f;
      k *= f;
    }
  }
  return [k, m];
}

/** sign * sqrt(n) / d in simplest radical form: surd(8, 2) -> 'sqrt(2)', surd(36, 4) -> '3/2', surd(12, 5) -> '2*sqrt(3)/5'. */
export function surd(n: number, d = 1, sign = 1): string {
  if (n < 0 || d === 0) throw new Error('surd of a negative number or over zero');
  if (n === 0) return '0';
  const [k, m] = splitSquare(n);
  if (m === 1) return frac(sign * k, d);
  const g = gcdOf(k, d);
  const [p, q] = [k / g, Math.abs(d) / g];
  const s = sign * Math.sign(d) < 0 ? '-' : '';
  return `${s}${p === 1 ? '' : `${p}*`}sqrt(${m})${q === 1 ? '' : `/${q}`}`;
}

function gcdOf(a: number, b: number): number {
  let [x, y] = [Math.abs(a), Math.abs(b)];
  while (y) [x, y] = [y, x % y];
  return x || 1;
}

export type Vec3 = [number, number, number];
export const dot = (u: readonly number[], v: readonly number[]) => u.reduce((s, x, i) => s + x * v[i]!, 0);
export const cross = (u: Vec3, v: Vec3): Vec3 => [
  u[1] * v[2] - u[2] * v[1],
  u[2] * v[0] - u[0] * v[2],
  u[0] * v[1] - u[1] * v[0],
];
export const minus = (u: Vec3, v: Vec3): Vec3 => [u[0] - v[0], u[1] - v[1], u[2] - v[2]];
export const norm2 = (u: readonly number[]) => dot(u, u);

/** A point or vector as the bank writes it: `(1, -2, 3/2)` from numerators over a common denominator. */
export const point = (coords: readonly number[], den = 1) => `(${coords.map((c) => frac(c, den)).join(', ')})`;

/** The components of a point or vector answer, evaluated: `(1, -2, 3/2)` -> [1, -2, 1.5]. */
export const components = (value: string) =>
  value
    .replace(/^[(<]|[)>]$/g, '')
    .split(',')
    .map((c) => at(c.trim(), {}));

// 20-point Gauss–Legendre nodes and weights on [-1, 1] (exact for polynomials of degree 39).
const GL_NODES: number[] = [];
const GL_WEIGHTS: number[] = [];
{
  const n = 20;
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let [p0, p1] = [1, x];
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    GL_NODES.push(x);
    GL_WEIGHTS.push(2 / ((1 - x * x) * dp * dp));
  }
}

/**
 * ∫_a^b f by composite 20-point Gauss–Legendre on `panels` panels: exact for polynomials, and accurate to ~1e-10 for
 * the smooth integrands of the checks with a few hundred evaluations, where Simpson needs thousands (nested in double
 * and triple integrals, that is the difference between milliseconds and seconds per variant).
 */
export function gauss(f: (x: number) => number, a: number, b: number, panels = 2): number {
  const h = (b - a) / panels;
  let total = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < GL_NODES.length; i++) total += GL_WEIGHTS[i]! * f(mid + (GL_NODES[i]! * h) / 2);
  }
  return (total * h) / 2;
}

/**
 * ∬ over the disk x² + y² <= R² of g(x, y), in rectangular coordinates (not polar: the check must not share the
 * method of the worked solution). x = R sin u, y = sqrt(R² - x²) sin v makes the integrand smooth up to the rim.
 */
export function overDisk(R: number, g: (x: number, y: number) => number, panels = 2): number {
  return gauss(
    (u) => {
      const x = R * Math.sin(u);
      const half = Math.sqrt(Math.max(0, R * R - x * x));
      const inner = gauss((v) => g(x, half * Math.sin(v)) * half * Math.cos(v), -Math.PI / 2, Math.PI / 2, panels);
      return inner * R * Math.cos(u);
    },
    -Math.PI / 2,
    Math.PI / 2,
    panels,
  );
}

/**
 * The minimum of a smooth f over a box, by a grid search refined with a shrinking pattern search: the optimisation
 * checks' independent route to an extreme value (no derivatives, no Lagrange system).
 */
export function minimize(
  f: (p: number[]) => number,
  box: Array<[number, number]>,
  grid = 60,
): { at: number[]; value: number } {
  const dims = box.length;
  let best = box.map(([lo, hi]) => (lo + hi) / 2);
  let bestValue = f(best);
  const total = grid ** dims;
  for (let i = 0; i < total; i++) {
    let rest = i;
    const p = box.map(([lo, hi]) => {
      const k = rest % grid;
      rest = Math.floor(rest / grid);
      return lo + ((hi - lo) * (k + 0.5)) / grid;
    });
    const v = f(p);
    if (v < bestValue) [best, bestValue] = [p, v];
  }
  let step = box.map(([lo, hi]) => (hi - lo) / grid);
  for (let round = 0; round < 200 && step.some((s) => s > 1e-12); round++) {
    let moved = false;
    for (let d = 0; d < dims; d++) {
      for (const dir of [1, -1]) {
        const p = [...best];
        p[d] = Math.min(box[d]![1], Math.max(box[d]![0], p[d]! + dir * step[d]!));
        const v = f(p);
        if (v < bestValue) {
          [best, bestValue, moved] = [p, v, true];
        }
      }
    }
    if (!moved) step = step.map((s) => s / 2);
  }
  return { at: best, value: bestValue };
}
