import type { Metrics } from './metrics.js';

/**
 * The server's life after start: whether it is draining (shutting down: /ready answers 503 so a load balancer stops
 * sending traffic) and which long-running responses (chat streams) are still open, so shutdown can wait for them.
 */
export class Lifecycle {
  #draining = false;
  #active = 0;
  #waiters: Array<() => void> = [];

  get draining(): boolean {
    return this.#draining;
  }

  /** How many tracked pieces of work are running. */
  get active(): number {
    return this.#active;
  }

  startDraining(): void {
    this.#draining = true;
  }

  /** Marks work as running; call the returned function (once) when it ends. */
  begin(): () => void {
    this.#active++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#active--;
      if (this.#active === 0) for (const wake of this.#waiters.splice(0)) wake();
    };
  }

  /** Resolves true once no tracked work runs, or false when `timeoutMs` passes first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.#active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#waiters.push(wake);
    });
  }
}

/** Counts an open chat stream in the metrics gauge and for shutdown; call the returned function when it ends. */
export function trackStream(deps: { metrics?: Metrics | undefined; lifecycle?: Lifecycle | undefined }): () => void {
  deps.metrics?.chatStreamOpened();
  const end = deps.lifecycle?.begin();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    deps.metrics?.chatStreamClosed();
    end?.();
  };
}
