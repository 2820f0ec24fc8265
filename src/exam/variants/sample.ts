import { hashSeed, seededRandom } from '../../platform/ids.js';
import { buildVariant } from './build.js';
import { makeDraw } from './draw.js';
import type { VariantGenerator, VariantParams, VariantQuestion } from './generator.js';
import { variantProblems } from './verify.js';

/** Draws per seed before giving up: parameters that fail verification (a distractor equal to the answer) are redrawn. */
export const DRAWS_PER_SEED = 8;

export interface GeneratedVariant {
  question: VariantQuestion;
  /** `seed#draw`: with the generator, enough to rebuild the variant exactly. */
  seed: string;
}

/** The parameters a generator draws for a seed and a draw number (pure). */
export function drawParams(generator: VariantGenerator, seed: string, attempt: number) {
  return generator.params(makeDraw(seededRandom(hashSeed(`${generator.patternId}:${seed}#${attempt}`))));
}

/**
 * A verified variant for a seed: the first draw whose question passes every machine check, or undefined when none of
 * DRAWS_PER_SEED does (the caller then serves an original). The same seed always gives the same variant.
 */
export function generateVariant(generator: VariantGenerator, seed: string): GeneratedVariant | undefined {
  for (let attempt = 0; attempt < DRAWS_PER_SEED; attempt++) {
    const question = verifiedVariant(generator, drawParams(generator, seed, attempt));
    if (question) return { question, seed: `${seed}#${attempt}` };
  }
  return undefined;
}

/** The variant for these parameters if it passes every machine check (a generator that throws fails them too). */
export function verifiedVariant(generator: VariantGenerator, params: VariantParams): VariantQuestion | undefined {
  try {
    const question = buildVariant(generator, params);
    return variantProblems(generator, question).length === 0 ? question : undefined;
  } catch {
    return undefined;
  }
}
