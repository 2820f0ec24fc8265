import { seededRandom } from '../../platform/ids.js';
import type { Env } from './expr.js';

/**
 * Sampling (seeded: platform/ids.ts) and tolerances: how two answers are compared as numbers.
 * Follows WeBWorK's checker (relative tolerance, absolute near zero, random points where the correct answer is
 * defined), with a tighter tolerance for exact input since our evaluation is double precision throughout.
 */
export const tolerances = {
  /** Relative tolerance for exact input (fractions, roots, pi, functions). */
  exact: 1e-8,
  /** Relative tolerance when the student wrote a decimal (`0.3333` for 1/3 is accepted: 4 significant digits). */
  decimal: 1e-4,
  /** "Numerically close but not exact": agrees to this but not to the tolerance above (WeBWorK's default). */
  close: 1e-3,
  /** A decimal that agrees only to this was rounded too early (`0.33` for 1/3): not_simplified_numeric. */
  rounded: 2e-2,
  /** Absolute tolerance: differences this small count as equal whatever the magnitude (near zero). */
  zero: 1e-12,
} as const;

/** Default sampling range per variable. */
export const defaultRange: readonly [number, number] = [-2, 2];
/** Points per variable. */
export const pointsPerVariable = 10;
/** Variables sampled as integers (an index: `x^n/n!`), by default in [0, 10]. */
export const integerVariables: ReadonlySet<string> = new Set(['n', 'm']);
const defaultIntegerRange: readonly [number, number] = [0, 10];

export const isReal = (v: number) => Number.isFinite(v);

/**
 * Magnitudes a comparison can trust. Beyond them a value has overflowed or is about to (huge exponents:
 * `(x - a)^6000`), or has vanished below every tolerance, where different expressions all look equal (0 = 0).
 */
export const wellScaled = (v: number) => {
  const m = Math.abs(v);
  return m >= 1e-100 && m <= 1e100;
};

/** Wider ranges tried, in order, for a variable without a declared domain when the expected answer is undefined on the default range. */
export const widerRanges: ReadonlyArray<readonly [number, number]> = [
  [-10, 10],
  [-100, 100],
];

/**
 * a and b agree to relative tolerance `rel` (measured against the larger magnitude, or `scale` when that is
 * larger: the size of the quantities a difference came from), or absolutely to `tolerances.zero`.
 * Equal infinities agree (interval endpoints).
 */
export function relClose(a: number, b: number, rel: number, scale = 0): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  const diff = Math.abs(a - b);
  if (diff <= tolerances.zero) return true;
  return diff <= rel * Math.max(Math.abs(a), Math.abs(b), scale) * (1 + 1e-9);
}

export interface SamplePlan {
  vars: readonly string[];
  domain?: Record<string, readonly [number, number]>;
  seed: number;
  /** Values for other symbols held fixed at every point (a constant of integration set to 0). */
  fixed?: Env;
  /** Tries per point wanted (default 20): more when only a narrow band of the range is usable. */
  triesPerPoint?: number;
}

export function rangeOf(v: string, domain: SamplePlan['domain']): readonly [number, number] {
  return domain?.[v] ?? (integerVariables.has(v) ? defaultIntegerRange : defaultRange);
}

/**
 * ~10 seeded random points per variable, kept only where `accept` holds (the expected answer is defined).
 * Returns fewer points when the domain is mostly undefined; the caller decides what is enough.
 */
export function samplePoints(plan: SamplePlan, accept: (env: Env) => boolean): Env[] {
  const next = seededRandom(plan.seed);
  const wanted = plan.vars.length === 0 ? 1 : pointsPerVariable * plan.vars.length;
  const points: Env[] = [];
  const tries = wanted * (plan.triesPerPoint ?? 20);
  for (let attempt = 0; attempt < tries && points.length < wanted; attempt++) {
    const env: Env = { ...plan.fixed };
    for (const v of plan.vars) {
      const [lo, hi] = rangeOf(v, plan.domain);
      const r = next();
      env[v] = integerVariables.has(v) ? Math.floor(lo + (hi - lo + 1) * r) : lo + (hi - lo) * r;
    }
    if (accept(env)) points.push(env);
    if (plan.vars.length === 0) break;
  }
  return points;
}

/** Enough points to judge: at least half of those wanted, and at least 3 (1 when there are no variables). */
export function enoughPoints(points: Env[], vars: readonly string[]): boolean {
  if (vars.length === 0) return points.length === 1;
  return points.length >= Math.max(3, (pointsPerVariable * vars.length) / 2);
}

/** p/q with q <= 12 when x is (nearly) such a fraction. */
function asFraction(x: number): [number, number] | undefined {
  for (let q = 1; q <= 12; q++) {
    const p = Math.round(x * q);
    if (p !== 0 && Math.abs(x * q - p) < 1e-6 * Math.max(1, Math.abs(p))) return [p, q];
  }
  return undefined;
}

/** Writes a factor as a student reads it: 2, 1/2, -3/4, 2pi, pi/2, 1/pi, else 4 significant digits. */
export function formatFactor(k: number): string {
  const plain = asFraction(k);
  if (plain) return plain[1] === 1 ? `${plain[0]}` : `${plain[0]}/${plain[1]}`;
  const timesPi = asFraction(k / Math.PI);
  if (timesPi) {
    const [p, q] = timesPi;
    const head = p === 1 ? 'pi' : p === -1 ? '-pi' : `${p}pi`;
    return q === 1 ? head : `${head}/${q}`;
  }
  const overPi = asFraction(k * Math.PI);
  if (overPi) {
    const [p, q] = overPi;
    return q === 1 ? `${p}/pi` : `${p}/(${q}pi)`;
  }
  return Number(k.toPrecision(4)).toString();
}
