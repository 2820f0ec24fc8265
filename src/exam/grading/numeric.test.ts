import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/ids.js';
import { agree, diagnose, factorOf } from './compare.js';
import { enoughPoints, formatFactor, relClose, samplePoints, tolerances } from './numeric.js';

describe('seeded sampling', () => {
  it('the same seed gives the same numbers, another seed others', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(Array.from({ length: 5 }, c)).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws ~10 points per variable inside the domain (default [-2, 2])', () => {
    const points = samplePoints({ vars: ['x', 'y'], domain: { y: [0.5, 3] }, seed: 1 }, () => true);
    expect(points).toHaveLength(20);
    for (const p of points) {
      expect(p.x).toBeGreaterThanOrEqual(-2);
      expect(p.x).toBeLessThanOrEqual(2);
      expect(p.y).toBeGreaterThanOrEqual(0.5);
      expect(p.y).toBeLessThanOrEqual(3);
    }
  });

  it('keeps only points where the expected answer is defined', () => {
    const points = samplePoints({ vars: ['x'], seed: 7 }, (env) => env.x! > 0);
    expect(points).toHaveLength(10);
    expect(points.every((p) => p.x! > 0)).toBe(true);
    expect(enoughPoints(points, ['x'])).toBe(true);
    expect(
      enoughPoints(
        samplePoints({ vars: ['x'], seed: 7 }, () => false),
        ['x'],
      ),
    ).toBe(false);
  });

  it('samples index variables n, m as integers', () => {
    const points = samplePoints({ vars: ['n'], seed: 3 }, () => true);
    expect(points.every((p) => Number.isInteger(p.n) && p.n! >= 0 && p.n! <= 10)).toBe(true);
  });

  it('holds fixed symbols (a constant of integration at 0)', () => {
    expect(samplePoints({ vars: ['x'], seed: 3, fixed: { C: 0 } }, () => true)[0]).toMatchObject({ C: 0 });
  });
});

describe('tolerances', () => {
  it('relative, with an absolute floor near zero', () => {
    expect(relClose(1, 1 + 1e-9, tolerances.exact)).toBe(true);
    expect(relClose(1, 1 + 1e-7, tolerances.exact)).toBe(false);
    expect(relClose(1e6, 1e6 + 1e-3, tolerances.exact)).toBe(true);
    expect(relClose(0, 1e-13, tolerances.exact)).toBe(true);
    expect(relClose(0, 1e-6, tolerances.exact)).toBe(false);
    expect(relClose(1 / 3, 0.3333, tolerances.decimal)).toBe(true);
    expect(relClose(1 / 3, 0.333, tolerances.decimal)).toBe(false);
    expect(relClose(Number.NaN, Number.NaN, 1)).toBe(false);
    expect(relClose(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, tolerances.exact)).toBe(true);
  });

  it('a difference is measured against the size of what it came from', () => {
    // 1e-9 absolute error on values of size 1e3 is fine even though the difference itself is near 0.
    expect(relClose(5e-9, 0, tolerances.exact, 1e3)).toBe(true);
    expect(relClose(5e-3, 0, tolerances.exact, 1e3)).toBe(false);
  });
});

describe('diagnosis from values', () => {
  const e = [1, 4, 9, 16];
  const base = { e, rel: tolerances.exact, upToConstant: false, decimal: false };

  it('agree up to a constant', () => {
    expect(agree([2, 5, 10, 17], e, tolerances.exact, true)).toBe(true);
    expect(agree([2, 5, 10, 17], e, tolerances.exact, false)).toBe(false);
  });

  it('finds the factor', () => {
    expect(factorOf([2, 8, 18, 32], e)).toBeCloseTo(2);
    expect(factorOf([3, 9, 19, 33], e, true)).toBeCloseTo(2);
    expect(factorOf([1, 1], [5, 5], true)).toBeUndefined();
  });

  it('names the mistake', () => {
    expect(diagnose({ ...base, s: e }).outcome).toBe('correct');
    expect(diagnose({ ...base, s: e.map((v) => -v) }).outcome).toBe('sign_error');
    expect(diagnose({ ...base, s: e.map((v) => 3 * v) })).toMatchObject({
      outcome: 'off_by_constant_factor',
      factor: 3,
    });
    expect(diagnose({ ...base, s: e.map((v) => v + 2) }).outcome).toBe('off_by_constant');
    expect(diagnose({ ...base, s: e.map((v) => v * 1.0005) }).outcome).toBe('numerically_close');
    expect(diagnose({ ...base, decimal: true, s: e.map((v) => v * 1.01) }).outcome).toBe('not_simplified_numeric');
    expect(diagnose({ ...base, s: [0, 1, 2, 3] }).outcome).toBe('incorrect');
  });

  it('names a mistake in one term', () => {
    const t1 = [1, 2, 3, 4];
    const t2 = [5, 0, -5, 2];
    const sum = t1.map((v, i) => v + t2[i]!);
    const terms = [t1, t2];
    expect(diagnose({ ...base, e: sum, terms, s: t1.map((v, i) => v - t2[i]!) })).toMatchObject({
      outcome: 'sign_error',
      oneTerm: true,
    });
    expect(diagnose({ ...base, e: sum, terms, s: t1 }).outcome).toBe('missing_term');
    expect(diagnose({ ...base, e: sum, terms, s: t1.map((v, i) => 2 * v + t2[i]!) })).toMatchObject({
      outcome: 'off_by_constant_factor',
      factor: 2,
      oneTerm: true,
    });
  });

  it('names alternatives (the integrand) last', () => {
    const integrand = [2, 4, 6, 8];
    expect(
      diagnose({
        ...base,
        upToConstant: true,
        s: integrand,
        alternatives: [{ values: integrand, outcome: 'differentiated_instead' }],
      }).outcome,
    ).toBe('differentiated_instead');
  });
});

describe('formatFactor', () => {
  it('writes factors as a student reads them', () => {
    expect(formatFactor(2)).toBe('2');
    expect(formatFactor(0.5)).toBe('1/2');
    expect(formatFactor(-0.75)).toBe('-3/4');
    expect(formatFactor(Math.PI)).toBe('pi');
    expect(formatFactor(2 * Math.PI)).toBe('2pi');
    expect(formatFactor(Math.PI / 2)).toBe('pi/2');
    expect(formatFactor(1 / Math.PI)).toBe('1/pi');
    expect(formatFactor(1 / (2 * Math.PI))).toBe('1/(2pi)');
    expect(formatFactor(1.234567)).toBe('1.235');
  });
});
