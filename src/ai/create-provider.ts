/**
 * Chooses and builds the AI provider from plain settings, and derives those settings from environment variables
 * (the application's config module calls `resolveAiSettings(process.env)`).
 */
import { ANTHROPIC_DEFAULT_MODEL, AnthropicProvider } from './anthropic.js';
import { OfflineProvider } from './offline.js';
import { OPENAI_DEFAULT_BASE_URL, OpenAiCompatibleProvider } from './openai-compatible.js';
import { findPrice, type ModelPrice, OFFLINE_MODEL, priceFor, validatePrice } from './pricing.js';
import type { AiProvider, AiProviderName } from './provider.js';

export interface AiSettings {
  provider: AiProviderName;
  model: string;
  /** Maximum output tokens per answer (thinking tokens count towards it on Claude). */
  maxTokens: number;
  anthropic?: {
    apiKey: string;
    baseURL?: string;
    /** Top-level `cache_control` on each request; default true. */
    promptCaching?: boolean;
  };
  openai?: { apiKey?: string; baseURL: string; temperature?: number };
  /** SDK retries of failures before a stream starts (429, 529, 5xx, connection errors, timeouts). */
  maxRetries: number;
  /** SDK timeout per attempt, until the response headers arrive. */
  timeoutMs: number;
  /** Longest silence tolerated inside an open stream; default 120 000 ms, 0 disables. */
  idleTimeoutMs?: number;
  /** Prices for models the built-in table lacks (or overrides), USD per million tokens. */
  prices?: Record<string, ModelPrice>;
  /** Offline coach only: pause between chunks. */
  offlineChunkDelayMs?: number;
}

export const AI_DEFAULTS = {
  maxTokens: 4096,
  maxRetries: 2,
  timeoutMs: 60_000,
  idleTimeoutMs: 120_000,
} as const;

export class AiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AiConfigError';
  }
}

/** Builds the provider. Throws AiConfigError (or UnknownModelPriceError) for settings that cannot work. */
export function createAiProvider(settings: AiSettings, deps: { fetch?: typeof fetch } = {}): AiProvider {
  for (const [model, price] of Object.entries(settings.prices ?? {})) validatePrice(model, price);
  const model = settings.provider === 'offline' ? OFFLINE_MODEL : settings.model;
  const price = priceFor(model, settings.prices);
  const idleTimeoutMs = settings.idleTimeoutMs ?? AI_DEFAULTS.idleTimeoutMs;

  switch (settings.provider) {
    case 'offline':
      return new OfflineProvider({ chunkDelayMs: settings.offlineChunkDelayMs ?? 0 });
    case 'anthropic': {
      if (!settings.anthropic?.apiKey) {
        throw new AiConfigError('AI provider "anthropic" needs an API key (CLAUDE_API_KEY or ANTHROPIC_API_KEY).');
      }
      return new AnthropicProvider({
        apiKey: settings.anthropic.apiKey,
        ...(settings.anthropic.baseURL ? { baseURL: settings.anthropic.baseURL } : {}),
        model,
        maxTokens: settings.maxTokens,
        maxRetries: settings.maxRetries,
        timeoutMs: settings.timeoutMs,
        idleTimeoutMs,
        promptCaching: settings.anthropic.promptCaching ?? true,
        price,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
    }
    case 'openai': {
      if (!settings.openai?.baseURL)
        throw new AiConfigError('AI provider "openai" needs a base URL (OPENAI_BASE_URL).');
      return new OpenAiCompatibleProvider({
        ...(settings.openai.apiKey ? { apiKey: settings.openai.apiKey } : {}),
        baseURL: settings.openai.baseURL,
        ...(settings.openai.temperature !== undefined ? { temperature: settings.openai.temperature } : {}),
        model,
        maxTokens: settings.maxTokens,
        maxRetries: settings.maxRetries,
        timeoutMs: settings.timeoutMs,
        idleTimeoutMs,
        price,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
    }
    default: {
      const never: never = settings.provider;
      throw new AiConfigError(`Unknown AI provider "${String(never)}"`);
    }
  }
}

type Env = Record<string, string | undefined>;

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new AiConfigError(`${name} must be an integer >= ${min} (got "${raw}").`);
  }
  return n;
}

function decimal(env: Env, name: string): number | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new AiConfigError(`${name} must be a number >= 0 (got "${raw}").`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = value(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new AiConfigError(`${name} must be true or false (got "${raw}").`);
}

/**
 * `AI_MODEL_PRICE="input/output[/cacheRead[/cacheWrite]]"` in USD per million tokens, e.g. "0.15/0.60" or "0/0"
 * for a model you run yourself. Without cache prices, cached tokens cost as much as input (never cheaper than
 * we know).
 */
export function parseModelPrice(raw: string): ModelPrice {
  const parts = raw.split('/').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (
    parts.length < 2 ||
    parts.length > 4 ||
    parts.some((p) => p === '') ||
    numbers.some((n) => !Number.isFinite(n) || n < 0)
  ) {
    throw new AiConfigError(
      `AI_MODEL_PRICE must be "input/output" or "input/output/cacheRead/cacheWrite" in USD per million tokens, e.g. "0.15/0.60" (got "${raw}").`,
    );
  }
  const [input = 0, output = 0, cacheRead = input, cacheWrite = input] = numbers;
  return { inputPerMTok: input, outputPerMTok: output, cacheReadPerMTok: cacheRead, cacheWritePerMTok: cacheWrite };
}

/**
 * Settings from environment variables:
 * - AI_PROVIDER=anthropic|openai|offline; default: anthropic when a Claude key is set, else offline.
 * - anthropic: CLAUDE_API_KEY (or ANTHROPIC_API_KEY), ANTHROPIC_BASE_URL, AI_PROMPT_CACHE (default true).
 * - openai: OPENAI_BASE_URL (default https://api.openai.com/v1), OPENAI_API_KEY (needed for api.openai.com only),
 *   AI_TEMPERATURE.
 * - AI_MODEL (anthropic default claude-sonnet-5-5; required for openai), AI_MAX_TOKENS (4096), AI_MAX_RETRIES (2),
 *   AI_TIMEOUT_MS (60000), AI_STREAM_IDLE_TIMEOUT_MS (120000).
 * - AI_MODEL_PRICE: the price of AI_MODEL, "input/output[/cacheRead[/cacheWrite]]" USD per million tokens, for models
 *   the built-in table lacks (or to override it).
 * Throws AiConfigError with a clear message for invalid settings, including a model without a price.
 */
export function resolveAiSettings(env: Env): AiSettings {
  const claudeKey = value(env, 'CLAUDE_API_KEY') ?? value(env, 'ANTHROPIC_API_KEY');
  const requested = value(env, 'AI_PROVIDER')?.toLowerCase();
  if (requested !== undefined && !['anthropic', 'openai', 'offline'].includes(requested)) {
    throw new AiConfigError(`AI_PROVIDER must be anthropic, openai or offline (got "${requested}").`);
  }
  const provider = (requested ?? (claudeKey ? 'anthropic' : 'offline')) as AiProviderName;

  const common = {
    maxTokens: integer(env, 'AI_MAX_TOKENS', AI_DEFAULTS.maxTokens, 1),
    maxRetries: integer(env, 'AI_MAX_RETRIES', AI_DEFAULTS.maxRetries, 0),
    timeoutMs: integer(env, 'AI_TIMEOUT_MS', AI_DEFAULTS.timeoutMs, 1),
    idleTimeoutMs: integer(env, 'AI_STREAM_IDLE_TIMEOUT_MS', AI_DEFAULTS.idleTimeoutMs, 0),
  };
  const temperature = decimal(env, 'AI_TEMPERATURE');

  let settings: AiSettings;
  if (provider === 'offline') {
    // A pause between the offline coach's chunks, for demos and for tests of slow streams (graceful shutdown).
    const offlineChunkDelayMs = integer(env, 'AI_OFFLINE_CHUNK_DELAY_MS', 0, 0);
    settings = {
      provider,
      model: OFFLINE_MODEL,
      ...common,
      ...(offlineChunkDelayMs > 0 ? { offlineChunkDelayMs } : {}),
    };
  } else if (provider === 'anthropic') {
    if (!claudeKey) {
      throw new AiConfigError('AI_PROVIDER=anthropic needs CLAUDE_API_KEY (or ANTHROPIC_API_KEY).');
    }
    if (temperature !== undefined) {
      throw new AiConfigError(
        'AI_TEMPERATURE is not supported with AI_PROVIDER=anthropic: API version 2026-10-21 rejects sampling parameters. Unset it.',
      );
    }
    const baseURL = value(env, 'ANTHROPIC_BASE_URL');
    settings = {
      provider,
      model: value(env, 'AI_MODEL') ?? ANTHROPIC_DEFAULT_MODEL,
      ...common,
      anthropic: {
        apiKey: claudeKey,
        ...(baseURL ? { baseURL } : {}),
        promptCaching: bool(env, 'AI_PROMPT_CACHE', true),
      },
    };
  } else {
    const model = value(env, 'AI_MODEL');
    if (!model) {
      throw new AiConfigError(
        'AI_PROVIDER=openai needs AI_MODEL, the model name your server knows (e.g. "llama3.1:8b" for Ollama).',
      );
    }
    const baseURL = value(env, 'OPENAI_BASE_URL') ?? OPENAI_DEFAULT_BASE_URL;
    const apiKey = value(env, 'OPENAI_API_KEY');
    if (!apiKey && baseURL === OPENAI_DEFAULT_BASE_URL) {
      throw new AiConfigError(
        'AI_PROVIDER=openai with the OpenAI API needs OPENAI_API_KEY (or set OPENAI_BASE_URL to your local server).',
      );
    }
    if (temperature !== undefined && temperature > 2) {
      throw new AiConfigError(`AI_TEMPERATURE must be between 0 and 2 (got ${temperature}).`);
    }
    settings = {
      provider,
      model,
      ...common,
      openai: { baseURL, ...(apiKey ? { apiKey } : {}), ...(temperature !== undefined ? { temperature } : {}) },
    };
  }

  const configured = value(env, 'AI_MODEL_PRICE');
  if (configured !== undefined) settings.prices = { [settings.model]: parseModelPrice(configured) };
  if (!findPrice(settings.model, settings.prices)) {
    throw new AiConfigError(
      `AI model "${settings.model}" has no price. Add it to src/ai/pricing.ts, or set AI_MODEL_PRICE="input/output" ` +
        'in USD per million tokens (e.g. "0.15/0.60"; "0/0" is fine for a model you run yourself).',
    );
  }
  return settings;
}
