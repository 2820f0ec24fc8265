/**
 * Claude through the official `@anthropic-ai/sdk` (1.x, API version 2026-10-21), streaming.
 *
 * - No sampling parameters: API 2026-10-21 rejects `temperature`/`top_p`/`top_k` with a 400.
 * - Adaptive thinking: thinking blocks may precede the text; only `text_delta`s reach the caller.
 * - Usage: `message_start` carries the input and cache tokens, the final `message_delta` the cumulative totals.
 * - Retries: 429/529/5xx/connection failures before the stream starts are retried by the SDK (`maxRetries`,
 *   `timeout`). An error after the stream started is not retried by the SDK: we end with an error event carrying
 *   what arrived (`streamUpstream`); the caller may retry once itself if no text was sent (see `streamWithRetry`).
 */
import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ModelPrice } from './pricing.js';
import type { AiProvider, AiProviderInfo, AiRequest, AiStreamEvent, AiUsage } from './provider.js';
import { streamUpstream, type Upstream, type UpstreamState } from './stream-guard.js';
import { estimateRequestTokens, estimateTokens } from './tokens.js';

export const ANTHROPIC_DEFAULT_MODEL = 'claude-sonnet-5-5';
export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

export interface AnthropicProviderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  maxTokens: number;
  maxRetries: number;
  /** Per attempt, until the response headers arrive (the SDK's `timeout`). */
  timeoutMs: number;
  /** Longest silence tolerated once the stream is open; 0 disables. */
  idleTimeoutMs: number;
  /** Mark the prompt for Anthropic's prompt cache (top-level `cache_control`, 5-minute TTL). */
  promptCaching: boolean;
  price: ModelPrice;
  /** For tests or proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Everything we learned from one stream, to build the final usage whatever happens. */
class StreamState implements UpstreamState<RawMessageStreamEvent> {
  started = false;
  finished = false;
  textSent = false;
  responseModel: string | undefined;
  stopReason: string | undefined;
  private startUsage: { input: number; cacheRead: number; cacheWrite: number; output: number } | undefined;
  private finalUsage:
    | { input: number | null; cacheRead: number | null; cacheWrite: number | null; output: number }
    | undefined;
  private outputChars = '';

  constructor(
    private readonly request: AiRequest,
    private readonly model: string,
  ) {}

  /** Applies one SDK event; returns the user-visible text it carries, if any. */
  apply(event: RawMessageStreamEvent): string | undefined {
    switch (event.type) {
      case 'message_start': {
        this.started = true;
        this.responseModel = event.message.model;
        const u = event.message.usage;
        this.startUsage = {
          input: u.input_tokens ?? 0,
          cacheRead: u.cache_read_input_tokens ?? 0,
          cacheWrite: u.cache_creation_input_tokens ?? 0,
          output: u.output_tokens ?? 0,
        };
        return undefined;
      }
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text' && block.text) return this.text(block.text);
        if (block.type === 'thinking' && block.thinking) this.outputChars += block.thinking;
        return undefined;
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta.type === 'text_delta') return this.text(delta.text);
        if (delta.type === 'thinking_delta') this.outputChars += delta.thinking;
        else if (delta.type === 'input_json_delta') this.outputChars += delta.partial_json;
        return undefined;
      }
      case 'message_delta': {
        this.stopReason = event.delta.stop_reason ?? this.stopReason;
        const u = event.usage;
        this.finalUsage = {
          input: u.input_tokens ?? null,
          cacheRead: u.cache_read_input_tokens ?? null,
          cacheWrite: u.cache_creation_input_tokens ?? null,
          output: u.output_tokens,
        };
        return undefined;
      }
      case 'message_stop':
        this.finished = true;
        return undefined;
      default:
        return undefined;
    }
  }

  private text(text: string): string | undefined {
    if (!text) return undefined;
    this.outputChars += text;
    this.textSent = true;
    return text;
  }

  /**
   * Usage so far. `billedIfUnknown`: whether to estimate input tokens when the upstream never reported them
   * (an abort may have reached the model; an HTTP error before the stream was not billed).
   */
  usage(billedIfUnknown: boolean): AiUsage {
    const start = this.startUsage;
    const final = this.finalUsage;
    let inputTokens = 0;
    let inputEstimated = false;
    if (start || final) {
      inputTokens = final?.input ?? start?.input ?? 0;
    } else if (billedIfUnknown) {
      inputTokens = estimateRequestTokens(this.request.system, this.request.messages);
      inputEstimated = true;
    }
    const outputExact = final?.output;
    const estimatedOutput = Math.max(estimateTokens(this.outputChars), start?.output ?? 0);
    return {
      inputTokens,
      outputTokens: outputExact ?? (this.started || this.outputChars ? estimatedOutput : 0),
      cacheReadTokens: final?.cacheRead ?? start?.cacheRead ?? 0,
      cacheWriteTokens: final?.cacheWrite ?? start?.cacheWrite ?? 0,
      outputEstimated: outputExact === undefined && (this.started || this.outputChars.length > 0),
      inputEstimated,
    };
  }

  get modelId(): string {
    return this.responseModel ?? this.model;
  }
}

export class AnthropicProvider implements AiProvider {
  readonly name = 'anthropic' as const;
  readonly model: string;
  readonly price: ModelPrice;
  private readonly client: Anthropic;
  private readonly maxTokens: number;
  private readonly idleTimeoutMs: number;
  private readonly promptCaching: boolean;

  constructor(options: AnthropicProviderOptions) {
    this.model = options.model;
    this.price = options.price;
    this.maxTokens = options.maxTokens;
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.promptCaching = options.promptCaching;
    this.client = new Anthropic({
      apiKey: options.apiKey,
      // Passed explicitly so the SDK does not fall back to process.env on its own.
      baseURL: options.baseURL || ANTHROPIC_DEFAULT_BASE_URL,
      maxRetries: options.maxRetries,
      timeout: options.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  describe(): AiProviderInfo {
    return {
      provider: 'anthropic',
      model: this.model,
      offline: false,
      description: `Claude (${this.model}) through the Anthropic Messages API`,
    };
  }

  /** The request body. Deliberately no temperature/top_p/top_k and no thinking settings (model defaults). */
  buildBody(request: AiRequest): MessageCreateParamsStreaming {
    return {
      model: this.model,
      max_tokens: request.maxTokens ?? this.maxTokens,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      ...(request.system ? { system: request.system } : {}),
      ...(this.promptCaching ? { cache_control: { type: 'ephemeral' as const } } : {}),
      stream: true,
    };
  }

  stream(request: AiRequest): AsyncGenerator<AiStreamEvent, void, undefined> {
    const upstream: Upstream<RawMessageStreamEvent, APIError> = {
      provider: 'anthropic',
      name: 'the Anthropic API',
      idleTimeoutMs: this.idleTimeoutMs,
      errors: {
        userAbort: APIUserAbortError,
        connectionTimeout: APIConnectionTimeoutError,
        connection: APIConnectionError,
        api: APIError,
      },
      upstreamType: (err) => err.type ?? undefined,
      open: (signal) => this.client.messages.create(this.buildBody(request), { signal }),
    };
    return streamUpstream(request, upstream, new StreamState(request, this.model));
  }
}
