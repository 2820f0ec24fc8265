/**
 * The offline provider: no network, deterministic, streamed in word groups like a real model. It streams the reply
 * the caller composed (`AiRequest.offlineReply`): the rules that write it belong to the product (the coach's live in
 * src/coach/offline/), not to the AI layer.
 */
import { AiError } from './errors.js';
import { MODEL_PRICES, type ModelPrice, OFFLINE_MODEL } from './pricing.js';
import type { AiProvider, AiProviderInfo, AiRequest, AiStreamEvent, AiUsage } from './provider.js';
import { estimateRequestTokens, estimateTokens } from './tokens.js';

/** What the offline provider says when the caller composed nothing for it. */
export const NO_OFFLINE_REPLY =
  'There is no offline answer for this request. Configure an AI provider (CLAUDE_API_KEY or AI_PROVIDER) for a model-written one.';

export interface OfflineProviderOptions {
  /** Pause between chunks, for demos; 0 (the default) only yields to the event loop. */
  chunkDelayMs?: number;
}

/** Splits text into groups of 2–5 words (whitespace kept), the group size cycling deterministically. */
export function chunkText(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  const chunks: string[] = [];
  let i = 0;
  let n = 0;
  while (i < words.length) {
    const size = 2 + (n % 4);
    chunks.push(words.slice(i, i + size).join(''));
    i += size;
    n += 1;
  }
  return chunks;
}

// Workers have no setImmediate: a zero timeout yields to other work there just as well.
const yieldSoon: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : yieldSoon(resolve)));
}

export class OfflineProvider implements AiProvider {
  readonly name = 'offline' as const;
  readonly model = OFFLINE_MODEL;
  readonly price: ModelPrice = MODEL_PRICES[OFFLINE_MODEL] as ModelPrice;
  private readonly chunkDelayMs: number;

  constructor(options: OfflineProviderOptions = {}) {
    this.chunkDelayMs = options.chunkDelayMs ?? 0;
  }

  describe(): AiProviderInfo {
    return {
      provider: 'offline',
      model: this.model,
      offline: true,
      description:
        'Offline coach: answers from the creator’s plan without an AI model (set CLAUDE_API_KEY or AI_PROVIDER to use a model)',
    };
  }

  async *stream(request: AiRequest): AsyncGenerator<AiStreamEvent, void, undefined> {
    const usage = (output: string): AiUsage => ({
      inputTokens: estimateRequestTokens(request.system, request.messages),
      outputTokens: estimateTokens(output),
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputEstimated: true,
      inputEstimated: true,
    });
    const text = request.offlineReply ?? NO_OFFLINE_REPLY;
    let sent = '';
    for (const chunk of chunkText(text)) {
      if (request.signal?.aborted) {
        yield {
          type: 'error',
          error: new AiError('aborted', 'Aborted by the caller', {
            provider: 'offline',
            afterText: sent.length > 0,
            partial: true,
          }),
          usage: usage(sent),
          model: this.model,
        };
        return;
      }
      yield { type: 'text', text: chunk };
      sent += chunk;
      await pause(this.chunkDelayMs);
    }
    yield { type: 'done', usage: usage(sent), model: this.model, stopReason: 'end_turn' };
  }
}
