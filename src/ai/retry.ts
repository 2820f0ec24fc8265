/**
 * The caller-side retry rule: the SDKs already retried failures that happened before a stream started
 * (429/529/5xx, connection errors, timeouts). When a stream fails after it started, the SDK does not retry;
 * the caller may retry once itself, and only when no text was sent yet (otherwise the user would see the
 * answer start twice).
 */
import type { AiError } from './errors.js';
import { type AiProvider, type AiRequest, type AiStreamEvent, addUsage } from './provider.js';

export interface RetryOptions {
  /** Wait before the retry unless the upstream asked for longer (capped at `maxDelayMs`). Default 250 ms. */
  delayMs?: number;
  /** Default 5000 ms. */
  maxDelayMs?: number;
  /** Called when a retry happens, e.g. for logging. */
  onRetry?: (error: AiError) => void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Streams `request`, retrying once when the first attempt fails retryably before any text. The final event's
 * usage includes the failed attempt's usage (a failed attempt can still have consumed input tokens).
 */
export async function* streamWithRetry(
  provider: AiProvider,
  request: AiRequest,
  options: RetryOptions = {},
): AsyncGenerator<AiStreamEvent, void, undefined> {
  const delayMs = options.delayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  let carried: AiStreamEvent | undefined;

  for (let attempt = 0; attempt < 2; attempt += 1) {
    let retry: AiError | undefined;
    for await (const event of provider.stream(request)) {
      if (event.type === 'text') {
        yield event;
        continue;
      }
      const usage = carried && carried.type !== 'text' ? addUsage(carried.usage, event.usage) : event.usage;
      if (event.type === 'error' && attempt === 0 && event.error.retryable && !request.signal?.aborted) {
        retry = event.error;
        carried = { ...event, usage };
        continue;
      }
      yield { ...event, usage };
    }
    if (!retry) return;
    options.onRetry?.(retry);
    await sleep(Math.min(maxDelayMs, Math.max(delayMs, retry.retryAfterMs ?? 0)), request.signal);
  }
}
