import { describe, expect, it } from 'vitest';
import {
  ANTHROPIC_PRICES,
  costMicros,
  findPrice,
  formatMicros,
  MODEL_PRICES,
  type ModelPrice,
  priceFor,
  UnknownModelPriceError,
  validatePrice,
} from './pricing.js';
import { estimateRequestTokens, estimateTokens } from './tokens.js';

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: cacheRead,
  cacheWriteTokens: cacheWrite,
});

describe('the price table', () => {
  it('has the published prices of current and retired Claude models', () => {
    expect(priceFor('claude-sonnet-5-5')).toMatchObject({ inputPerMTok: 2, outputPerMTok: 10 });
    expect(priceFor('claude-sonnet-4-20250514')).toMatchObject({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(priceFor('claude-sonnet-4-5')).toMatchObject({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(priceFor('claude-haiku-4-5')).toMatchObject({ inputPerMTok: 1, outputPerMTok: 5 });
    expect(ANTHROPIC_PRICES['claude-sonnet-4-20250514']?.status).toBe('retired');
    expect(ANTHROPIC_PRICES['claude-sonnet-5-5']?.status).toBe('current');
  });

  it('prices every model with cache reads below and 5-minute cache writes above the input price', () => {
    for (const [model, p] of Object.entries(MODEL_PRICES)) {
      validatePrice(model, p);
      if (p.inputPerMTok === 0) continue;
      expect(p.cacheReadPerMTok, model).toBeLessThan(p.inputPerMTok);
      // 1.25 × input everywhere, except Claude Haiku 3's published $0.30 (1.2 ×).
      expect(p.cacheWritePerMTok, model).toBeGreaterThan(p.inputPerMTok);
      expect(p.cacheWritePerMTok, model).toBeLessThanOrEqual(p.inputPerMTok * 1.25 + 1e-9);
    }
  });

  it('falls back from a dated snapshot to its alias, and prefers configured prices', () => {
    expect(findPrice('claude-opus-4-8-20261001')).toEqual(findPrice('claude-opus-4-8'));
    const custom: ModelPrice = {
      inputPerMTok: 0.15,
      outputPerMTok: 0.6,
      cacheReadPerMTok: 0.15,
      cacheWritePerMTok: 0.15,
    };
    expect(priceFor('llama3.1:8b', { 'llama3.1:8b': custom })).toBe(custom);
    expect(priceFor('claude-sonnet-5-5', { 'claude-sonnet-5-5': custom })).toBe(custom);
  });

  it('treats a model with no price as an error, never $0', () => {
    expect(() => priceFor('gpt-oss:20b')).toThrow(UnknownModelPriceError);
    expect(() => priceFor('gpt-oss:20b')).toThrow(/AI_MODEL_PRICE/);
    expect(() =>
      validatePrice('x', { inputPerMTok: -1, outputPerMTok: 1, cacheReadPerMTok: 0, cacheWritePerMTok: 0 }),
    ).toThrow();
  });
});

describe('costMicros', () => {
  it('is the number of tokens times the per-MTok price, in integer micro-dollars', () => {
    // Sonnet 5.5: 1,000 input × $2/MTok = 2,000 µ$; 500 output × $10/MTok = 5,000 µ$.
    expect(costMicros(usage(1000, 500), priceFor('claude-sonnet-5-5'))).toBe(7000);
    // Cache: 10,000 read × $0.10 = 1,000 µ$; 2,000 written × $2.50 = 5,000 µ$.
    expect(costMicros(usage(0, 0, 10_000, 2000), priceFor('claude-sonnet-5-5'))).toBe(6000);
    // Sonnet 4 (retired): 1M in + 1M out = $18.
    expect(costMicros(usage(1_000_000, 1_000_000), priceFor('claude-sonnet-4-20250514'))).toBe(18_000_000);
    expect(formatMicros(18_000_000)).toBe('$18.000000');
    expect(formatMicros(7000)).toBe('$0.007000');
  });

  it('rounds once per request, half up', () => {
    const haiku35 = priceFor('claude-3-5-haiku-20241022'); // $0.08/MTok cache reads
    expect(costMicros(usage(0, 0, 6), haiku35)).toBe(0); // 0.48 µ$
    expect(costMicros(usage(0, 0, 7), haiku35)).toBe(1); // 0.56 µ$
    const half: ModelPrice = { inputPerMTok: 0.5, outputPerMTok: 0, cacheReadPerMTok: 0, cacheWritePerMTok: 0 };
    expect(costMicros(usage(1, 0), half)).toBe(1); // 0.5 µ$ rounds up
    // Components are summed before rounding: 3 × 0.3 µ$ = 0.9 µ$ -> 1, not 3 × 0 = 0.
    const tenth: ModelPrice = { inputPerMTok: 0.3, outputPerMTok: 0.3, cacheReadPerMTok: 0.3, cacheWritePerMTok: 0 };
    expect(costMicros(usage(1, 1, 1), tenth)).toBe(1);
  });

  it('is exact for large counts and fractional prices (no floating-point drift)', () => {
    const p = priceFor('claude-haiku-5-5'); // $0.10 / $0.50
    expect(costMicros(usage(99_999, 123_457), p)).toBe(Math.round(99_999 * 0.1 + 123_457 * 0.5));
    expect(
      costMicros(usage(3, 0), { inputPerMTok: 0.1, outputPerMTok: 0, cacheReadPerMTok: 0, cacheWritePerMTok: 0 }),
    ).toBe(0);
  });

  it('bills a long prompt at the long-prompt rates (Haiku 5.5 above 100,000 prompt tokens)', () => {
    const p = priceFor('claude-haiku-5-5');
    expect(costMicros(usage(100_000, 1000), p)).toBe(100_000 * 0.1 + 1000 * 0.5);
    // 90,000 input + 20,000 cache read = 110,000 prompt tokens: every token at the higher rates.
    expect(costMicros(usage(90_000, 1000, 20_000), p)).toBe(90_000 * 0.5 + 1000 * 2.5 + 20_000 * 0.05);
  });

  it('is zero for the offline coach', () => {
    expect(costMicros(usage(5000, 5000), priceFor('offline-coach'))).toBe(0);
  });
});

describe('token estimation', () => {
  it('estimates about four characters of English per token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('Hello there, creator!')).toBe(6);
    expect(estimateTokens('a'.repeat(4000))).toBe(1000);
  });

  it('counts CJK characters as about one token each', () => {
    expect(estimateTokens('你好世界')).toBe(4);
  });

  it('adds per-message framing to a request estimate', () => {
    const n = estimateRequestTokens('abcd', [
      { role: 'user', content: 'abcd' },
      { role: 'assistant', content: 'abcd' },
    ]);
    expect(n).toBe(3 + 1 + (4 + 1) * 2);
  });
});
