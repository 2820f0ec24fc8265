/**
 * What the app reports to a metrics backend. The request path only sees this interface (the same app runs on
 * Workers); `main.ts` passes the prom-client implementation (`prometheus.ts`), and without one nothing is recorded.
 */
export interface Metrics {
  /** One finished HTTP request; `route` is the matched pattern (`/api/questions/:id`), never the raw path. */
  httpRequest(labels: { method: string; route: string; status: number }, durationSeconds: number): void;
  /** One AI call's tokens and cost (micro-dollars), by model. */
  aiUsage(input: {
    model: string;
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens: number;
    cacheWriteTokens: number;
    costMicros: number;
  }): void;
  /** Credits taken from a balance (after the transaction committed); `type` is the ledger type (`unlock_midterm`). */
  creditsSpent(amount: number, type: string): void;
  chatStreamOpened(): void;
  chatStreamClosed(): void;
  /** The Prometheus text exposition, when this implementation has one. */
  render?(): Promise<{ contentType: string; body: string }>;
}
