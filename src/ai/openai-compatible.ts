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
import type { ModelPrice } from './pricing.js';
import type { AiProvider, AiProviderInfo, AiRequest, AiStreamEvent, AiUsage } from './provider.js';
import { streamUpstream, type Upstream, type UpstreamState } from './stream-guard.js';
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

class StreamState implements UpstreamState<ChatCompletionChunk> {
  started = false;
  textSent = false;
  stopReason: string | undefined;
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
      if (choice.finish_reason) this.stopReason = choice.finish_reason;
    }
    if (!text) return undefined;
    this.outputChars += text;
    this.textSent = true;
    return text;
  }

  get finished(): boolean {
    return this.stopReason !== undefined || this.reported != null;
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

  stream(request: AiRequest): AsyncGenerator<AiStreamEvent, void, undefined> {
    const upstream: Upstream<ChatCompletionChunk, APIError> = {
      provider: 'openai',
      name: 'the model server',
      idleTimeoutMs: this.idleTimeoutMs,
      errors: {
        userAbort: APIUserAbortError,
        connectionTimeout: APIConnectionTimeoutError,
        connection: APIConnectionError,
        api: APIError,
      },
      upstreamType: (err) => err.type ?? err.code ?? undefined,
      open: (signal) => this.client.chat.completions.create(this.buildBody(request), { signal }),
    };
    return streamUpstream(request, upstream, new StreamState(request, this.model));
  }
}
