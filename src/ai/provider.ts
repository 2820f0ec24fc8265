/**
 * The one interface the coach (and later Exam Prep) uses to talk to a language model.
 *
 * A provider streams a reply as `text` events and always ends with exactly one terminal event:
 * `done` (the model finished) or `error` (anything else, including an abort). Upstream failures never
 * throw out of the iterator, so the caller can always store what arrived and what it cost.
 */
import type { AiError } from './errors.js';
import type { ModelPrice } from './pricing.js';

export type AiProviderName = 'anthropic' | 'openai' | 'offline';

export interface AiMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface AiRequest {
  system: string;
  messages: AiMessage[];
  /** Overrides the provider's configured maximum output tokens for this request. */
  maxTokens?: number;
  /** Aborting stops the upstream request; the stream then ends with an `aborted` error event. */
  signal?: AbortSignal;
  /**
   * What the offline provider streams for this request (the caller composes it, e.g. the coach's rule-based answer).
   * Real providers ignore it: the system prompt and messages carry everything they need.
   */
  offlineReply?: string;
}

/**
 * Token usage of one request. `inputTokens` are the uncached input tokens; tokens read from or written to the
 * prompt cache are counted separately (that is how Anthropic reports them, and the OpenAI provider converts).
 */
export interface AiUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** True when `outputTokens` is our estimate, not the provider's count (aborts, failures, servers without usage). */
  outputEstimated: boolean;
  /** True when `inputTokens` is our estimate (the upstream never reported it). */
  inputEstimated: boolean;
}

export type AiStreamEvent =
  | { type: 'text'; text: string }
  | { type: 'done'; usage: AiUsage; model: string; stopReason?: string }
  /** Ends the stream after a failure or abort; `usage` is what was used so far (estimates flagged). */
  | { type: 'error'; error: AiError; usage: AiUsage; model: string };

export interface AiProviderInfo {
  provider: AiProviderName;
  model: string;
  /** True for the offline coach: no language model is involved. */
  offline: boolean;
  /** A one-line description suitable for `/health` and logs. */
  description: string;
}

export interface AiProvider {
  readonly name: AiProviderName;
  /** The configured model id (the `done` event carries the id the upstream reported). */
  readonly model: string;
  /** The price of the configured model, resolved at start-up (a model without a price is a start-up error). */
  readonly price: ModelPrice;
  stream(request: AiRequest): AsyncIterable<AiStreamEvent>;
  describe(): AiProviderInfo;
}

export function emptyUsage(): AiUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputEstimated: false,
    inputEstimated: false,
  };
}

/** Adds two usages (e.g. a failed attempt and its retry); estimate flags are OR-ed. */
export function addUsage(a: AiUsage, b: AiUsage): AiUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    outputEstimated: a.outputEstimated || b.outputEstimated,
    inputEstimated: a.inputEstimated || b.inputEstimated,
  };
}
