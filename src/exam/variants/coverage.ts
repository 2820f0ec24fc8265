import type { CourseContent } from '../content/load.js';
import { generatorFor } from './registry.js';
import { generateVariant } from './sample.js';

/** The figure issue 16 §4 asks for: at least this many distinct verified variants ... */
export const DISTINCT_TARGET = 20;
/** ... for at least this share of the patterns. */
export const PATTERN_SHARE_TARGET = 0.8;

export interface PatternCoverage {
  patternId: string;
  hasGenerator: boolean;
  /** Distinct verified variants (distinct question texts) among `seeds` seeds. */
  distinct: number;
  /** Seeds for which no draw passed verification. */
  failed: number;
  ms: number;
}

/**
 * Generates `seeds` variants per pattern (seeds `<prefix>0`, `<prefix>1`, ...) and counts the distinct verified ones.
 * Deterministic: the same seeds give the same figures.
 */
export function measureCoverage(courses: CourseContent[], seeds: number, prefix = 'coverage-'): PatternCoverage[] {
  return courses.flatMap((course) =>
    course.patterns.map((pattern) => {
      const generator = generatorFor(pattern.id);
      const started = performance.now();
      const texts = new Set<string>();
      let failed = 0;
      if (generator) {
        for (let i = 0; i < seeds; i++) {
          const variant = generateVariant(generator, `${prefix}${i}`);
          if (variant) texts.add(variant.question.text);
          else failed++;
        }
      }
      return {
        patternId: pattern.id,
        hasGenerator: !!generator,
        distinct: texts.size,
        failed,
        ms: Math.round(performance.now() - started),
      };
    }),
  );
}

/** Share of the patterns with at least DISTINCT_TARGET distinct verified variants. */
export function coveredShare(rows: PatternCoverage[]): number {
  return rows.length === 0 ? 0 : rows.filter((r) => r.distinct >= DISTINCT_TARGET).length / rows.length;
}
