import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Metrics } from './metrics.js';
import { RequestHistogram } from './request-histogram.js';

/**
 * Prometheus metrics: HTTP requests and latency by matched route and status (`RequestHistogram`, off prom-client's
 * per-call label handling), and on a prom-client registry of their own (so tests can build several apps) AI tokens
 * and cost by model, credits spent, open chat streams, and Node's process metrics.
 */
export function createPrometheusMetrics(
  options: { defaultMetrics?: boolean } = {},
): Metrics & { registry: Registry; render: NonNullable<Metrics['render']> } {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const requests = new RequestHistogram([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]);
  const tokens = new Counter({
    name: 'ai_tokens_total',
    help: 'AI tokens by model and kind (input = uncached input, output, cache_read, cache_write)',
    labelNames: ['model', 'kind'] as const,
    registers: [registry],
  });
  const cost = new Counter({
    name: 'ai_cost_usd_total',
    help: 'AI cost in US dollars by model (from the price table; offline is free)',
    labelNames: ['model'] as const,
    registers: [registry],
  });
  const credits = new Counter({
    name: 'credits_spent_total',
    help: 'Credits taken from users’ balances, by ledger type',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const streams = new Gauge({
    name: 'chat_streams_open',
    help: 'Coach chat replies streaming right now',
    registers: [registry],
  });

  return {
    registry,
    httpRequest(labels, seconds) {
      requests.observe(labels.method, labels.route, labels.status, seconds);
    },
    aiUsage(input) {
      const kinds = {
        input: input.inputTokens,
        output: input.outputTokens,
        cache_read: input.cacheReadTokens,
        cache_write: input.cacheWriteTokens,
      };
      for (const [kind, n] of Object.entries(kinds)) if (n > 0) tokens.inc({ model: input.model, kind }, n);
      // Touch the cost series even at $0, so a free model still shows up.
      cost.inc({ model: input.model }, input.costMicros / 1_000_000);
    },
    creditsSpent(amount, type) {
      if (amount > 0) credits.inc({ type }, amount);
    },
    chatStreamOpened() {
      streams.inc();
    },
    chatStreamClosed() {
      streams.dec();
    },
    async render() {
      return { contentType: registry.contentType, body: `${requests.render()}\n${await registry.metrics()}` };
    },
  };
}
