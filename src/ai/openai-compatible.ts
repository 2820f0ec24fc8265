/**
 * Any OpenAI-compatible Chat Completions server through the official `openai` SDK: OpenAI itself, Ollama
 * (`http://localhost:11434/v1`), vLLM, LM Studio, llama.cpp's server, OpenRouter…
 *
 * Asks for usage in the stream (`stream_options.include_usage`); servers that send none get estimated usage,
 * flagged as such. Temperature is configurable here (unlike Anthropic's current API). Only `delta.content`
 * reaches the caller; reasoning fields some servers stream (`reasoning_content`, `reasoning`) are counted
 * towards the output estimate but not shown.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { AiError, codeForStatus, codeForUpstreamType, retryAfterFromHeaders } from './errors.js';
import type { ModelPrice } from './pricing.js';
import type { AiProvider, AiProviderInfo, AiRequest, AiStreamEvent, AiUsage } from './provider.js';
import { relayText, StreamGuard } from './stream-guard.js';
import { estimateRequestTokens, estimateTokens } from './tokens.js';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Local servers ignore the key, but the SDK requires one. */
export const OPENAI_PLACEHOLDER_KEY = 'not-needed';

export interface OpenAiCompatibleProviderOptions {
  apiKey?: string;
  baseURL: string;
  model: string;
  maxTokens: number;
  temperature?: number;
  maxRetries: number;
  timeoutMs: number;
  idleTimeoutMs: number;
  price: ModelPrice;
  fetch?: typeof fetch;
}

type ChunkDelta = ChatCompletionChunk.Choice.Delta & { reasoning_content?: string | null; reasoning?: string | null };

class StreamState {
  started = false;
  textSent = false;
  finishReason: string | undefined;
  responseModel: string | undefined;
  private reported: ChatCompletionChunk['usage'] | undefined;
  private outputChars = '';

  constructor(
    private readonly request: AiRequest,
    private readonly model: string,
  ) {}

  apply(chunk: ChatCompletionChunk): string | undefined {
    this.started = true;
    if (chunk.model) this.responseModel = chunk.model;
    if (chunk.usage) this.reported = chunk.usage;
    let text = '';
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== 0) continue;
      const delta = (choice.delta ?? {}) as ChunkDelta;
      if (delta.reasoning_content) this.outputChars += delta.reasoning_content;
      if (delta.reasoning) this.outputChars += delta.reasoning;
      if (delta.content) text += delta.content;
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
    }
    if (!text) return undefined;
    this.outputChars += text;
    this.textSent = true;
    return text;
  }

  get complete(): boolean {
    return this.finishReason !== undefined || this.reported != null;
  }

  usage(billedIfUnknown: boolean): AiUsage {
    const u = this.reported;
    if (u) {
      const cached = u.prompt_tokens_details?.cached_tokens ?? 0;
      return {
        // OpenAI counts cached tokens inside prompt_tokens; AiUsage keeps them apart (as Anthropic does).
        inputTokens: Math.max(0, u.prompt_tokens - cached),
        outputTokens: u.completion_tokens,
        cacheReadTokens: cached,
        cacheWriteTokens: 0,
        outputEstimated: false,
        inputEstimated: false,
      };
    }
    const billed = billedIfUnknown || this.started;
    return {
      inputTokens: billed ? estimateRequestTokens(this.request.system, this.request.messages) : 0,
      outputTokens: estimateTokens(this.outputChars),
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputEstimated: billed,
      inputEstimated: billed,
    };
  }

  get modelId(): string {
    return this.responseModel ?? this.model;
  }
}

export class OpenAiCompatibleProvider implements AiProvider {
  readonly name = 'openai' as const;
  readonly model: string;
  readonly price: ModelPrice;
  readonly baseURL: string;
  private readonly client: OpenAI;
  private readonly maxTokens: number;
  private readonly temperature: number | undefined;
  private readonly idleTimeoutMs: number;

  constructor(options: OpenAiCompatibleProviderOptions) {
    this.model = options.model;
    this.price = options.price;
    this.baseURL = options.baseURL;
    this.maxTokens = options.maxTokens;
    this.temperature = options.temperature;
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.client = new OpenAI({
      apiKey: options.apiKey || OPENAI_PLACEHOLDER_KEY,
      baseURL: options.baseURL,
      maxRetries: options.maxRetries,
      timeout: options.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  describe(): AiProviderInfo {
    let host = this.baseURL;
    try {
      host = new URL(this.baseURL).host;
    } catch {
      // keep the raw value
    }
    return {
      provider: 'openai',
      model: this.model,
      offline: false,
      description: `${this.model} through an OpenAI-compatible API at ${host}`,
    };
  }

  buildBody(request: AiRequest): ChatCompletionCreateParamsStreaming {
    return {
      model: this.model,
      messages: [
        ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
        ...request.messages.map((m) => ({ role: m.role, content: m.content })),
      ],
      // `max_tokens` rather than `max_completion_tokens`: it is what compatible servers (Ollama, vLLM,
      // LM Studio, llama.cpp) understand.
      max_tokens: request.maxTokens ?? this.maxTokens,
      ...(this.temperature !== undefined ? { temperature: this.temperature } : {}),
      stream: true,
      stream_options: { include_usage: true },
    };
  }

  async *stream(request: AiRequest): AsyncGenerator<AiStreamEvent, void, undefined> {
    const guard = new StreamGuard(request.signal, this.idleTimeoutMs);
    const state = new StreamState(request, this.model);
    const fail = (error: AiError, billedIfUnknown: boolean): AiStreamEvent => ({
      type: 'error',
      error: error.withProgress({ afterText: state.textSent, partial: state.started }),
      usage: state.usage(billedIfUnknown),
      model: state.modelId,
    });
    try {
      if (guard.callerAborted) {
        yield fail(new AiError('aborted', 'Aborted before the request was sent', { provider: 'openai' }), false);
        return;
      }
      if (request.messages.length === 0) {
        yield fail(new AiError('ai_bad_request', 'No messages to send', { provider: 'openai' }), false);
        return;
      }

      let stream: AsyncIterable<ChatCompletionChunk>;
      try {
        stream = await this.client.chat.completions.create(this.buildBody(request), { signal: guard.signal });
      } catch (err) {
        yield fail(this.mapError(err, guard), guard.callerAborted);
        return;
      }

      const upstreamError = yield* relayText(stream, (e) => state.apply(e), guard);
      if (upstreamError !== undefined) {
        yield fail(this.mapError(upstreamError, guard), true);
        return;
      }

      if (guard.callerAborted) {
        yield fail(new AiError('aborted', 'Aborted by the caller', { provider: 'openai' }), true);
      } else if (guard.idleTimedOut) {
        yield fail(this.idleError(), true);
      } else if (!state.complete) {
        yield fail(new AiError('ai_unavailable', 'The stream ended before it finished', { provider: 'openai' }), true);
      } else {
        yield {
          type: 'done',
          usage: state.usage(true),
          model: state.modelId,
          ...(state.finishReason ? { stopReason: state.finishReason } : {}),
        };
      }
    } finally {
      guard.dispose();
    }
  }

  private idleError(): AiError {
    return new AiError('ai_timeout', `No data from the model server for ${this.idleTimeoutMs} ms`, {
      provider: 'openai',
    });
  }

  private mapError(err: unknown, guard: StreamGuard): AiError {
    if (guard.callerAborted || err instanceof APIUserAbortError) {
      return guard.idleTimedOut
        ? this.idleError()
        : new AiError('aborted', 'Aborted by the caller', { provider: 'openai', cause: err });
    }
    if (guard.idleTimedOut) return this.idleError();
    if (err instanceof APIConnectionTimeoutError) {
      return new AiError('ai_timeout', `Model server timed out: ${err.message}`, { provider: 'openai', cause: err });
    }
    if (err instanceof APIConnectionError) {
      return new AiError('ai_unavailable', `Could not reach the model server: ${err.message}`, {
        provider: 'openai',
        cause: err,
      });
    }
    if (err instanceof APIError) {
      const upstreamType = err.type ?? err.code ?? undefined;
      const common = {
        provider: 'openai' as const,
        upstreamType,
        retryAfterMs: retryAfterFromHeaders(err.headers),
        cause: err,
      };
      if (typeof err.status === 'number') {
        return new AiError(codeForStatus(err.status), `Model server error: ${err.message}`, {
          ...common,
          status: err.status,
        });
      }
      return new AiError(codeForUpstreamType(upstreamType), `Model server stream error: ${err.message}`, common);
    }
    const message = err instanceof Error ? err.message : String(err);
    return new AiError('ai_unavailable', `Connection to the model server lost: ${message}`, {
      provider: 'openai',
      cause: err,
    });
  }
}
