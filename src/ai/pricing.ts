/**
 * One price table: model id -> USD per million tokens (input / output / cache read / cache write).
 *
 * Costs are integer micro-dollars (1 USD = 1,000,000 micros). Because a price "per million tokens" in USD is
 * numerically the price of one token in micro-dollars, the cost of a request is
 *   Σ tokens × price-per-MTok   micro-dollars,
 * computed exactly in integer arithmetic and rounded once per request, half up, to a whole micro-dollar.
 *
 * Cache writes are priced at the 5-minute rate (the only TTL we request). A model with no price is an error at
 * start-up (`priceFor` throws), never a silent $0.
 */
import type { AiUsage } from './provider.js';

export interface TokenRates {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number;
  /** 5-minute cache writes. */
  cacheWritePerMTok: number;
}

export interface ModelPrice extends TokenRates {
  /**
   * Long-prompt pricing: when a request's prompt (input + cache read + cache write tokens) exceeds
   * `aboveTokens`, every token of that request, output included, is billed at these rates (Claude Haiku 5.5).
   */
  longPrompt?: TokenRates & { aboveTokens: number };
}

export type PriceStatus = 'current' | 'legacy' | 'retired' | 'other';

export interface PriceEntry extends ModelPrice {
  label: string;
  status: PriceStatus;
}

function rates(input: number, output: number, cacheRead: number, cacheWrite: number): TokenRates {
  return { inputPerMTok: input, outputPerMTok: output, cacheReadPerMTok: cacheRead, cacheWritePerMTok: cacheWrite };
}

function entry(label: string, status: PriceStatus, r: TokenRates, extra: Partial<ModelPrice> = {}): PriceEntry {
  return { label, status, ...r, ...extra };
}

const OPUS_4_5_TO_5 = rates(5, 25, 0.5, 6.25);
const OPUS_4_0_TO_4_1 = rates(15, 75, 1.5, 18.75);
const SONNET_3_7_TO_4_6 = rates(3, 15, 0.3, 3.75);
const FABLE_5_1 = rates(10, 50, 0.25, 12.5);
const FABLE_5 = rates(10, 50, 1, 12.5);

/**
 * Anthropic's published list prices (platform.claude.com pricing and model pages, checked 2026-11).
 * Retired models stay in the table so that old usage rows can still be priced.
 */
export const ANTHROPIC_PRICES: Readonly<Record<string, PriceEntry>> = Object.freeze({
  // Current models.
  'claude-fable-5-1': entry('Claude Fable 5.1', 'current', FABLE_5_1),
  'claude-mythos-5-1': entry('Claude Mythos 5.1', 'current', FABLE_5_1),
  'claude-opus-5-5': entry('Claude Opus 5.5', 'current', rates(4, 20, 0.2, 5)),
  // Cache reads were cut from $0.20 to $0.10 per MTok on 2026-10-07.
  'claude-sonnet-5-5': entry('Claude Sonnet 5.5', 'current', rates(2, 10, 0.1, 2.5)),
  'claude-haiku-5-5': entry('Claude Haiku 5.5', 'current', rates(0.1, 0.5, 0.01, 0.125), {
    longPrompt: { aboveTokens: 100_000, ...rates(0.5, 2.5, 0.05, 0.625) },
  }),
  // Legacy models (still served).
  'claude-fable-5': entry('Claude Fable 5', 'legacy', FABLE_5),
  'claude-mythos-5': entry('Claude Mythos 5', 'legacy', FABLE_5),
  'claude-opus-5': entry('Claude Opus 5', 'legacy', OPUS_4_5_TO_5),
  'claude-sonnet-5': entry('Claude Sonnet 5', 'legacy', rates(2, 10, 0.2, 2.5)),
  'claude-opus-4-8': entry('Claude Opus 4.8', 'legacy', OPUS_4_5_TO_5),
  'claude-opus-4-7': entry('Claude Opus 4.7', 'legacy', OPUS_4_5_TO_5),
  'claude-opus-4-6': entry('Claude Opus 4.6', 'legacy', OPUS_4_5_TO_5),
  'claude-opus-4-5': entry('Claude Opus 4.5', 'legacy', OPUS_4_5_TO_5),
  'claude-opus-4-5-20251101': entry('Claude Opus 4.5', 'legacy', OPUS_4_5_TO_5),
  'claude-sonnet-4-6': entry('Claude Sonnet 4.6', 'legacy', SONNET_3_7_TO_4_6),
  'claude-sonnet-4-5': entry('Claude Sonnet 4.5', 'legacy', SONNET_3_7_TO_4_6),
  'claude-sonnet-4-5-20250929': entry('Claude Sonnet 4.5', 'legacy', SONNET_3_7_TO_4_6),
  'claude-haiku-4-5': entry('Claude Haiku 4.5', 'legacy', rates(1, 5, 0.1, 1.25)),
  'claude-haiku-4-5-20251001': entry('Claude Haiku 4.5', 'legacy', rates(1, 5, 0.1, 1.25)),
  // Retired models (no longer answer on the Claude API; kept to price old rows).
  'claude-sonnet-4-20250514': entry('Claude Sonnet 4', 'retired', SONNET_3_7_TO_4_6),
  'claude-sonnet-4-0': entry('Claude Sonnet 4', 'retired', SONNET_3_7_TO_4_6),
  'claude-opus-4-1-20250805': entry('Claude Opus 4.1', 'retired', OPUS_4_0_TO_4_1),
  'claude-opus-4-1': entry('Claude Opus 4.1', 'retired', OPUS_4_0_TO_4_1),
  'claude-opus-4-20250514': entry('Claude Opus 4', 'retired', OPUS_4_0_TO_4_1),
  'claude-opus-4-0': entry('Claude Opus 4', 'retired', OPUS_4_0_TO_4_1),
  'claude-3-7-sonnet-20250219': entry('Claude Sonnet 3.7', 'retired', SONNET_3_7_TO_4_6),
  'claude-3-5-sonnet-20241022': entry('Claude Sonnet 3.5', 'retired', SONNET_3_7_TO_4_6),
  'claude-3-5-sonnet-20240620': entry('Claude Sonnet 3.5', 'retired', SONNET_3_7_TO_4_6),
  'claude-3-5-haiku-20241022': entry('Claude Haiku 3.5', 'retired', rates(0.8, 4, 0.08, 1)),
  'claude-3-opus-20240229': entry('Claude Opus 3', 'retired', OPUS_4_0_TO_4_1),
  'claude-3-haiku-20240307': entry('Claude Haiku 3', 'retired', rates(0.25, 1.25, 0.03, 0.3)),
});

export const OFFLINE_MODEL = 'offline-coach';

/** The built-in table. Other providers' models are priced through configuration (`AiSettings.prices`). */
export const MODEL_PRICES: Readonly<Record<string, PriceEntry>> = Object.freeze({
  ...ANTHROPIC_PRICES,
  // The offline coach runs no model: it is genuinely free, and says so.
  [OFFLINE_MODEL]: entry('Offline coach (no model)', 'other', rates(0, 0, 0, 0)),
});

export class UnknownModelPriceError extends Error {
  readonly model: string;
  constructor(model: string) {
    super(
      `No price is known for AI model "${model}". Add it to src/ai/pricing.ts, or configure one with ` +
        'AI_MODEL_PRICE="input/output" in USD per million tokens (e.g. "0.15/0.60"; "0/0" for a model you run yourself).',
    );
    this.name = 'UnknownModelPriceError';
    this.model = model;
  }
}

/** Dated snapshot ids (`…-20250929`) fall back to their alias when only the alias is listed. */
function withoutDateSuffix(model: string): string | undefined {
  const match = /^(.*)-\d{8}$/.exec(model);
  return match?.[1];
}

export function findPrice(model: string, overrides?: Readonly<Record<string, ModelPrice>>): ModelPrice | undefined {
  const exact = overrides?.[model] ?? MODEL_PRICES[model];
  if (exact) return exact;
  const alias = withoutDateSuffix(model);
  return alias ? (overrides?.[alias] ?? MODEL_PRICES[alias]) : undefined;
}

export function priceFor(model: string, overrides?: Readonly<Record<string, ModelPrice>>): ModelPrice {
  const price = findPrice(model, overrides);
  if (!price) throw new UnknownModelPriceError(model);
  return price;
}

/** Throws when a configured price is negative or not a number. */
export function validatePrice(model: string, price: ModelPrice): void {
  const check = (name: string, value: number) => {
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`The ${name} price of AI model "${model}" must be a number >= 0 (got ${value}).`);
    }
  };
  const all: Array<[string, TokenRates]> = [['', price]];
  if (price.longPrompt) all.push(['long-prompt ', price.longPrompt]);
  for (const [prefix, r] of all) {
    check(`${prefix}input`, r.inputPerMTok);
    check(`${prefix}output`, r.outputPerMTok);
    check(`${prefix}cache-read`, r.cacheReadPerMTok);
    check(`${prefix}cache-write`, r.cacheWritePerMTok);
  }
}

/** A USD-per-MTok price as an integer number of micro-micro-dollars per token (exact for up to 6 decimals). */
function scaled(pricePerMTok: number): bigint {
  return BigInt(Math.round(pricePerMTok * 1_000_000));
}

function tokens(n: number): bigint {
  return BigInt(Math.max(0, Math.trunc(n)));
}

/** The rates that apply to one request (Haiku 5.5 bills a long prompt at higher rates). */
export function ratesFor(
  usage: Pick<AiUsage, 'inputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
  price: ModelPrice,
): TokenRates {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return price.longPrompt && prompt > price.longPrompt.aboveTokens ? price.longPrompt : price;
}

/** Cost of one request in integer micro-dollars, rounded once, half up. */
export function costMicros(
  usage: Pick<AiUsage, 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
  price: ModelPrice,
): number {
  const r = ratesFor(usage, price);
  const total =
    tokens(usage.inputTokens) * scaled(r.inputPerMTok) +
    tokens(usage.outputTokens) * scaled(r.outputPerMTok) +
    tokens(usage.cacheReadTokens) * scaled(r.cacheReadPerMTok) +
    tokens(usage.cacheWriteTokens) * scaled(r.cacheWritePerMTok);
  return Number((total + 500_000n) / 1_000_000n);
}

/** `1234567` -> `"$1.234567"`; for logs and admin views. */
export function formatMicros(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(micros));
  const dollars = Math.floor(abs / 1_000_000);
  const rest = String(abs % 1_000_000).padStart(6, '0');
  return `${sign}$${dollars}.${rest}`;
}
