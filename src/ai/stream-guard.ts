import { AiError, codeForStatus, codeForUpstreamType, retryAfterFromHeaders } from './errors.js';
import type { AiProviderName, AiRequest, AiStreamEvent, AiUsage } from './provider.js';

/**
 * One AbortController per upstream request, linked to the caller's signal and to an idle timer.
 *
 * The SDKs' own `timeout` only covers the wait for the response headers; once a stream is open, a server that
 * stops sending would hang the chat forever. The idle timer aborts the request when no event arrived for
 * `idleTimeoutMs` (paused while the caller is busy with an event we yielded).
 */
export class StreamGuard {
  readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idleFired = false;
  private readonly onExternalAbort = () => this.controller.abort();

  constructor(
    private readonly external: AbortSignal | undefined,
    private readonly idleTimeoutMs: number,
  ) {
    if (external?.aborted) this.controller.abort();
    else external?.addEventListener('abort', this.onExternalAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Our caller aborted (client went away, user pressed stop). */
  get callerAborted(): boolean {
    return this.external?.aborted ?? false;
  }

  /** The idle timer fired and aborted the request. */
  get idleTimedOut(): boolean {
    return this.idleFired && !this.callerAborted;
  }

  /** (Re)starts the idle countdown. */
  arm(): void {
    this.pause();
    if (this.idleTimeoutMs <= 0 || this.controller.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.idleFired = true;
      this.controller.abort();
    }, this.idleTimeoutMs);
  }

  pause(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.pause();
    this.external?.removeEventListener('abort', this.onExternalAbort);
  }
}

/**
 * Relays the text a provider extracts from each upstream event, with the idle timer running only while we wait on
 * the upstream (not while the caller consumes a delta). Stops at an abort even when events are already buffered.
 * Returns the error the upstream iteration threw, if any, for the provider to map.
 */
export async function* relayText<E>(
  stream: AsyncIterable<E>,
  extractText: (event: E) => string | undefined,
  guard: StreamGuard,
): AsyncGenerator<{ type: 'text'; text: string }, unknown, undefined> {
  guard.arm();
  try {
    for await (const event of stream) {
      const text = extractText(event);
      if (text !== undefined) {
        guard.pause();
        yield { type: 'text', text };
      }
      if (guard.signal.aborted) break;
      guard.arm();
    }
    return undefined;
  } catch (err) {
    return err;
  } finally {
    guard.pause();
  }
}

/** What a provider learns from its upstream's events, for the usage and ending that every stream reports. */
export interface UpstreamState<E> {
  readonly started: boolean;
  readonly textSent: boolean;
  /** The upstream said it was done (Anthropic's `message_stop`; a finish reason or the usage chunk). */
  readonly finished: boolean;
  readonly stopReason: string | undefined;
  readonly modelId: string;
  /** Applies one event; returns the user-visible text it carries, if any. */
  apply(event: E): string | undefined;
  /** Usage so far; `billedIfUnknown`: estimate the input when the upstream never reported it. */
  usage(billedIfUnknown: boolean): AiUsage;
}

type ErrorClass<T extends Error = Error> = abstract new (...args: never[]) => T;
type SdkApiError = Error & { status: number | undefined; headers: Headers | undefined };

/** The error classes both official SDKs (generated the same way) export, one per failure we tell apart. */
export interface SdkErrorClasses<A extends SdkApiError> {
  userAbort: ErrorClass;
  connectionTimeout: ErrorClass;
  connection: ErrorClass;
  api: ErrorClass<A>;
}

export interface Upstream<E, A extends SdkApiError> {
  provider: AiProviderName;
  /** How messages name it: "the Anthropic API", "the model server". */
  name: string;
  idleTimeoutMs: number;
  errors: SdkErrorClasses<A>;
  /** The upstream's own error type of an API error (`overloaded_error`, `rate_limit_exceeded`…). */
  upstreamType(err: A): string | undefined;
  open(signal: AbortSignal): Promise<AsyncIterable<E>>;
}

/**
 * One streamed reply from an SDK: open the stream, relay its text under a `StreamGuard`, and end with `done` or a
 * typed error carrying the usage so far, the same way for every provider.
 */
export async function* streamUpstream<E, A extends SdkApiError>(
  request: AiRequest,
  upstream: Upstream<E, A>,
  state: UpstreamState<E>,
): AsyncGenerator<AiStreamEvent, void, undefined> {
  const guard = new StreamGuard(request.signal, upstream.idleTimeoutMs);
  const { provider } = upstream;
  const fail = (error: AiError, billedIfUnknown: boolean): AiStreamEvent => ({
    type: 'error',
    error: error.withProgress({ afterText: state.textSent, partial: state.started }),
    usage: state.usage(billedIfUnknown),
    model: state.modelId,
  });
  try {
    if (guard.callerAborted) {
      yield fail(new AiError('aborted', 'Aborted before the request was sent', { provider }), false);
      return;
    }
    if (request.messages.length === 0) {
      yield fail(new AiError('ai_bad_request', 'No messages to send', { provider }), false);
      return;
    }
    let stream: AsyncIterable<E>;
    try {
      stream = await upstream.open(guard.signal);
    } catch (err) {
      // An abort may already have reached the model; an HTTP error response was not billed.
      yield fail(upstreamError(err, guard, upstream), guard.callerAborted);
      return;
    }
    const thrown = yield* relayText(stream, (e) => state.apply(e), guard);
    if (thrown !== undefined) {
      yield fail(upstreamError(thrown, guard, upstream), true);
      return;
    }
    // The SDKs end the iteration quietly when the request is aborted, so look at why it ended.
    if (guard.callerAborted) yield fail(new AiError('aborted', 'Aborted by the caller', { provider }), true);
    else if (guard.idleTimedOut) yield fail(idleError(upstream), true);
    else if (!state.finished) {
      yield fail(new AiError('ai_unavailable', 'The stream ended before it finished', { provider }), true);
    } else {
      const { stopReason } = state;
      yield { type: 'done', usage: state.usage(true), model: state.modelId, ...(stopReason ? { stopReason } : {}) };
    }
  } finally {
    guard.dispose();
  }
}

function idleError(upstream: Pick<Upstream<unknown, SdkApiError>, 'name' | 'idleTimeoutMs' | 'provider'>): AiError {
  return new AiError('ai_timeout', `No data from ${upstream.name} for ${upstream.idleTimeoutMs} ms`, {
    provider: upstream.provider,
  });
}

/** An SDK failure as an `AiError`: ours (abort, idle timeout), the connection's, or the upstream's answer. */
function upstreamError<A extends SdkApiError>(
  err: unknown,
  guard: StreamGuard,
  upstream: Upstream<unknown, A>,
): AiError {
  const { provider, name, errors } = upstream;
  if (guard.callerAborted || err instanceof errors.userAbort) {
    return guard.idleTimedOut ? idleError(upstream) : new AiError('aborted', 'Aborted by the caller', { provider });
  }
  if (guard.idleTimedOut) return idleError(upstream);
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof errors.connectionTimeout) {
    return new AiError('ai_timeout', `Timed out waiting for ${name}: ${message}`, { provider, cause: err });
  }
  if (err instanceof errors.connection) {
    return new AiError('ai_unavailable', `Could not reach ${name}: ${message}`, { provider, cause: err });
  }
  if (err instanceof errors.api) {
    const upstreamType = upstream.upstreamType(err);
    const common = { provider, upstreamType, retryAfterMs: retryAfterFromHeaders(err.headers), cause: err };
    if (typeof err.status === 'number') {
      const options = { ...common, status: err.status };
      return new AiError(codeForStatus(err.status), `Error from ${name}: ${message}`, options);
    }
    // An error event inside the stream: no HTTP status, the type is in the body.
    return new AiError(codeForUpstreamType(upstreamType), `Stream error from ${name}: ${message}`, common);
  }
  return new AiError('ai_unavailable', `Connection to ${name} lost: ${message}`, { provider, cause: err });
}
