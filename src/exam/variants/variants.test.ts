import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllCourses } from '../content/load.js';
import { DISTINCT_TARGET, PATTERN_SHARE_TARGET } from './coverage.js';
import { toLatex } from './latex.js';
import { variantGenerators } from './registry.js';
import { generateVariant } from './sample.js';

/**
 * CI's sample of every generator (issue 16 §4): SAMPLE seeds each, every one must give a variant that passes every
 * machine check (verify.ts), the same seed the same variant, and at least DISTINCT_TARGET distinct variants among them.
 */
const SAMPLE = 50;
const courses = loadAllCourses(join(fileURLToPath(new URL('../../..', import.meta.url)), 'content'));
const patternIds = new Set(courses.flatMap((c) => c.patterns.map((p) => p.id)));

describe('variant generators', () => {
  it('each generates variants of a pattern of the bank, one generator per pattern', () => {
    for (const g of variantGenerators) expect(patternIds.has(g.patternId), g.patternId).toBe(true);
    expect(new Set(variantGenerators.map((g) => g.patternId)).size).toBe(variantGenerators.length);
  });

  const distinctByPattern = new Map<string, number>();
  for (const generator of variantGenerators) {
    it(`${generator.patternId}: ${SAMPLE} seeds give verified, reproducible, distinct variants`, () => {
      const texts = new Set<string>();
      const failed: string[] = [];
      for (let i = 0; i < SAMPLE; i++) {
        const variant = generateVariant(generator, `ci-${i}`);
        if (!variant) failed.push(`ci-${i}`);
        else texts.add(variant.question.text);
      }
      distinctByPattern.set(generator.patternId, texts.size);
      expect(failed).toEqual([]);
      expect(texts.size).toBeGreaterThanOrEqual(DISTINCT_TARGET);
      expect(generateVariant(generator, 'ci-0')).toEqual(generateVariant(generator, 'ci-0'));
    });
  }

  it('LaTeX of plain math reads back as the same expression (the answer shown is gradable)', () => {
    expect(toLatex('e^(2x)*(2cos(3x) + 3sin(3x))/13 + C')).toBe(
      '\\frac{e^{2 x} \\cdot \\left(2 \\cos\\left(3 x\\right)+3 \\sin\\left(3 x\\right)\\right)}{13}+C',
    );
    expect(toLatex('x*arcsin(x) + ln|x - 2|')).toBe('x \\cdot \\arcsin(x)+\\ln\\left(\\left|x-2\\right|\\right)');
  });

  // Runs after the generator tests above (vitest runs a file's tests in order) and reads what they measured.
  it(`gates the coverage figure: >= ${PATTERN_SHARE_TARGET * 100}% of the patterns have >= ${DISTINCT_TARGET} distinct verified variants`, () => {
    const rows = [...patternIds].map((patternId) => ({ patternId, distinct: distinctByPattern.get(patternId) ?? 0 }));
    const covered = rows.filter((r) => r.distinct >= DISTINCT_TARGET);
    const share = covered.length / rows.length;
    console.log(
      `variants: ${covered.length} of ${rows.length} patterns (${Math.round(share * 100)}%) have ` +
        `>= ${DISTINCT_TARGET} distinct verified variants in ${SAMPLE} seeds; without: ` +
        rows
          .filter((r) => r.distinct < DISTINCT_TARGET)
          .map((r) => r.patternId)
          .join(', '),
    );
    expect(covered.length).toBe(variantGenerators.length);
    expect(share).toBeGreaterThanOrEqual(PATTERN_SHARE_TARGET);
  });
});
