import { relClose, tolerances } from './numeric.js';
import type { OutcomeCode } from './outcomes.js';

/**
 * Comparison of two answers from their values at the same sample points, and the diagnosis of a wrong answer
 * (sign, constant factor, additive constant, one term, rounding). Pure functions of number arrays: every kind
 * of answer reduces to these.
 */

/** s and e agree at every point (to `rel`); upToConstant: s - e is the same constant at every point. */
export function agree(s: readonly number[], e: readonly number[], rel: number, upToConstant = false): boolean {
  if (s.length !== e.length || s.length === 0) return false;
  if (!upToConstant) return s.every((v, i) => relClose(v, e[i]!, rel));
  const d0 = s[0]! - e[0]!;
  const scale0 = Math.max(Math.abs(s[0]!), Math.abs(e[0]!));
  return s.every((v, i) => relClose(v - e[i]!, d0, rel, Math.max(Math.abs(v), Math.abs(e[i]!), scale0)));
}

/** All values the same (to `rel` of the largest). */
export function isConstant(values: readonly number[], rel: number = tolerances.exact): boolean {
  const scale = Math.max(...values.map(Math.abs));
  return values.every((v) => relClose(v, values[0]!, rel, scale));
}

/**
 * The k for which s ≈ k·e (upToConstant: s ≈ k·e + c), estimated from the points where e is largest (or varies
 * most); undefined when e gives no handle (zero, or constant up to a constant).
 */
export function factorOf(s: readonly number[], e: readonly number[], upToConstant = false): number | undefined {
  if (e.length === 0) return undefined;
  let k: number;
  if (!upToConstant) {
    let j = 0;
    for (let i = 1; i < e.length; i++) if (Math.abs(e[i]!) > Math.abs(e[j]!)) j = i;
    if (Math.abs(e[j]!) < 1e-9) return undefined;
    k = s[j]! / e[j]!;
  } else {
    let lo = 0;
    let hi = 0;
    for (let i = 1; i < e.length; i++) {
      if (e[i]! < e[lo]!) lo = i;
      if (e[i]! > e[hi]!) hi = i;
    }
    const spread = e[hi]! - e[lo]!;
    if (spread <= 1e-9 * Math.max(1, Math.abs(e[hi]!), Math.abs(e[lo]!))) return undefined;
    k = (s[hi]! - s[lo]!) / spread;
  }
  return Number.isFinite(k) ? k : undefined;
}

const scaled = (e: readonly number[], k: number) => e.map((v) => k * v);
const plus = (a: readonly number[], b: readonly number[], k = 1) => a.map((v, i) => v + k * b[i]!);

export interface Diagnosis {
  outcome: OutcomeCode;
  factor?: number;
  oneTerm?: boolean;
}

export interface DiagnoseInput {
  /** Student's values at the points. */
  s: readonly number[];
  /** Expected values at the same points. */
  e: readonly number[];
  /** Tolerance for equality (exact or decimal). */
  rel: number;
  /** Antiderivatives: compare up to an additive constant. */
  upToConstant: boolean;
  /** The student wrote decimals. */
  decimal: boolean;
  /** Values of each top-level term of the expected answer (for a sign or factor error in one term). */
  terms?: ReadonlyArray<readonly number[]>;
  /** Other wrong answers worth naming, compared exactly (the integrand: differentiated_instead). */
  alternatives?: ReadonlyArray<{ values: readonly number[]; outcome: OutcomeCode }>;
}

/**
 * Correct, or the most specific mistake that explains the student's values. Order: rounding and closeness
 * first (a 0.99 factor is "close", not "off by a factor"), then sign and factor of the whole answer, an additive
 * constant, named alternatives (the integrand), then one term's sign/factor/absence.
 */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const { s, e, rel, upToConstant } = input;
  if (agree(s, e, rel, upToConstant)) return { outcome: 'correct' };
  if (input.decimal && agree(s, e, tolerances.rounded, upToConstant)) return { outcome: 'not_simplified_numeric' };
  if (agree(s, e, tolerances.close, upToConstant)) return { outcome: 'numerically_close' };

  const k = factorOf(s, e, upToConstant);
  if (k !== undefined && Math.abs(k) > 1e-9 && agree(s, scaled(e, k), rel, upToConstant)) {
    if (relClose(k, -1, 1e-6)) return { outcome: 'sign_error' };
    if (!relClose(k, 1, 1e-6)) return { outcome: 'off_by_constant_factor', factor: k };
  }
  if (!upToConstant && !isConstant(e) && agree(s, e, rel, true)) return { outcome: 'off_by_constant' };

  // A named alternative matched exactly (the integrand given for 2x + x^2) is a surer diagnosis than a term
  // missing "up to a constant" (2 + 2x is also 2x + x^2 without x^2, plus 2).
  for (const alt of input.alternatives ?? []) {
    if (alt.values.length === s.length && agree(s, alt.values, rel, false)) return { outcome: alt.outcome };
  }
  const terms = input.terms ?? [];
  if (terms.length > 1) {
    const diff = plus(s, e, -1);
    for (const t of terms) {
      if (upToConstant ? isConstant(t) : t.every((v) => Math.abs(v) < 1e-12)) continue;
      const lambda = factorOf(diff, t, upToConstant);
      if (lambda === undefined || Math.abs(lambda) < 1e-9) continue;
      if (!agree(s, plus(e, t, lambda), rel, upToConstant)) continue;
      if (relClose(lambda, -2, 1e-6)) return { outcome: 'sign_error', oneTerm: true };
      if (relClose(lambda, -1, 1e-6)) return { outcome: 'missing_term' };
      return { outcome: 'off_by_constant_factor', factor: 1 + lambda, oneTerm: true };
    }
  }
  return { outcome: 'incorrect' };
}
