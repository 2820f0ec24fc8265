import type { VariantGenerator } from './generator.js';
import * as applications from './generators/calc2-applications.js';
import * as equationsCurves from './generators/calc2-equations-curves.js';
import * as integrationByParts from './generators/calc2-integration-by-parts.js';
import * as series from './generators/calc2-series.js';
import * as trigPartialFractions from './generators/calc2-trig-partial-fractions.js';
import * as integrals3 from './generators/calc3-integrals.js';
import * as multivariable from './generators/calc3-multivariable.js';
import * as optimization from './generators/calc3-optimization.js';
import * as vectorsCurves from './generators/calc3-vectors-curves.js';

/** Every variant generator, one per pattern (a pattern without one is served from its originals only). */
export const variantGenerators: readonly VariantGenerator[] = [
  ...integrationByParts.generators,
  ...trigPartialFractions.generators,
  ...applications.generators,
  ...series.generators,
  ...equationsCurves.generators,
  ...multivariable.generators,
  ...vectorsCurves.generators,
  ...integrals3.generators,
  ...optimization.generators,
];

const byPattern = new Map(variantGenerators.map((g) => [g.patternId, g]));

export function generatorFor(patternId: string): VariantGenerator | undefined {
  return byPattern.get(patternId);
}
