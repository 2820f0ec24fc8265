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
