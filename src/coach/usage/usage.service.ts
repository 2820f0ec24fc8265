import type { AiUsage } from '../../ai/provider.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { fixedWindow } from '../../platform/limits/window.js';
import {
  acquireStreamSlot,
  countDailyMessage,
  dailyMessageCount,
  releaseStreamSlot,
  renewStreamSlot,
} from './limits.repo.js';
import * as repo from './usage.repo.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export { uncountDailyMessage } from './limits.repo.js';

export const utcDay = (date: Date) => date.toISOString().slice(0, 10);
export const microsToUsd = (micros: number) => Math.round(micros) / 1_000_000;

/** A stream slot's lease: renewed with each heartbeat, so a slot outlives its stream by at most this much. */
export const STREAM_SLOT_LEASE_MS = 120_000;

export interface StreamSlot {
  release(): Promise<void>;
  renewLease(): Promise<void>;
}

/** One of the caller's concurrent stream slots (chat replies and drafts share them), or `too_many_streams`. */
export async function claimStreamSlot(deps: ServiceDeps, userId: string, leaseId: string): Promise<StreamSlot> {
  const slots = deps.config.MONETIZATION_MAX_CONCURRENT_STREAMS;
  const nowMs = deps.clock.now().getTime();
  if (
    (await acquireStreamSlot(deps.db, { userId, slots, leaseId, nowMs, leaseMs: STREAM_SLOT_LEASE_MS })) === undefined
  ) {
    throw new AppError('too_many_streams', `At most ${slots} coach replies can stream at once`, { retryAfter: 5 });
  }
  return {
    release: () => releaseStreamSlot(deps.db, userId, leaseId),
    renewLease: () => renewStreamSlot(deps.db, userId, leaseId, deps.clock.now().getTime() + STREAM_SLOT_LEASE_MS),
  };
}

/** Counts a coach message or draft towards the caller's daily limit, or refuses it with `daily_limit_reached`. */
export async function countTowardsDailyLimit(deps: ServiceDeps, userId: string, now: Date): Promise<void> {
  const limit = deps.config.MONETIZATION_DAILY_MESSAGE_LIMIT;
  if ((await countDailyMessage(deps.db, userId, utcDay(now), limit)) !== undefined) return;
  const window = fixedWindow(now, 86_400_000);
  const resetAt = window.resetAt.toISOString();
  throw new AppError(
    'daily_limit_reached',
    `You have used all ${limit} coach messages and drafts for today; the limit resets at ${resetAt}`,
    { retryAfter: window.retryAfterSeconds, details: { limit, resetAt } },
  );
}

export interface MessageAllowance {
  limit: number;
  used: number;
  remaining: number;
  /** The next UTC midnight, when the count starts again. */
  resetAt: string;
}

/** The caller's coach messages today: the same count and window the chat's daily limit uses. */
export async function messageAllowance(deps: ServiceDeps, userId: string): Promise<MessageAllowance> {
  const now = deps.clock.now();
  const limit = deps.config.MONETIZATION_DAILY_MESSAGE_LIMIT;
  const used = Math.min(limit, await dailyMessageCount(deps.db, userId, utcDay(now)));
  return { limit, used, remaining: limit - used, resetAt: fixedWindow(now, 86_400_000).resetAt.toISOString() };
}

export interface RecordUsageInput {
  userId: string;
  projectId: string | null;
  messageId: string | null;
  provider: string;
  model: string;
  usage: AiUsage;
  costMicros: number;
  status: 'complete' | 'aborted' | 'failed';
  errorCode?: string | undefined;
  durationMs: number;
}

/**
 * One `ai_usage_logs` row per AI call, failed and aborted ones included. When the day's total cost crosses the
 * configured threshold, a warning is logged once that day (the alert row is unique per day).
 */
export async function recordAiUsage(deps: ServiceDeps, input: RecordUsageInput): Promise<void> {
  const now = deps.clock.now();
  const day = utcDay(now);
  await repo.insertUsageLog(deps.db, {
    user_id: input.userId,
    project_id: input.projectId,
    message_id: input.messageId,
    provider: input.provider,
    model: input.model,
    input_tokens: input.usage.inputTokens,
    output_tokens: input.usage.outputTokens,
    cache_read_tokens: input.usage.cacheReadTokens,
    cache_write_tokens: input.usage.cacheWriteTokens,
    output_estimated: input.usage.outputEstimated,
    cost_micros: input.costMicros,
    status: input.status,
    error_code: input.errorCode ?? null,
    duration_ms: input.durationMs,
    usage_day: day,
    created_at: now.toISOString(),
  });
  deps.metrics?.aiUsage({ model: input.model, ...input.usage, costMicros: input.costMicros });
  const thresholdMicros = Math.round(deps.config.MONETIZATION_COST_WARNING_THRESHOLD * 1_000_000);
  if (thresholdMicros <= 0 || input.costMicros <= 0) return;
  const total = await repo.dayCostMicros(deps.db, day);
  if (total < thresholdMicros) return;
  const fired = await repo.recordCostAlert(deps.db, {
    day,
    totalMicros: total,
    thresholdMicros,
    firedAt: now.toISOString(),
  });
  if (fired) {
    deps.logger.warn(
      { day, totalCostUsd: microsToUsd(total), thresholdUsd: deps.config.MONETIZATION_COST_WARNING_THRESHOLD },
      'daily AI cost threshold crossed',
    );
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Aggregates come back as numbers or numeric strings depending on the driver. */
const n = (v: unknown) => Number(v ?? 0);

function totalsOf(row: { calls: unknown; input_tokens: unknown; output_tokens: unknown; cost_micros: unknown }) {
  return {
    calls: n(row.calls),
    inputTokens: n(row.input_tokens),
    outputTokens: n(row.output_tokens),
    costMicros: n(row.cost_micros),
    costUsd: microsToUsd(n(row.cost_micros)),
  };
}

/** Calls, tokens and cost over a group of `ai_usage_logs` rows (what `totalsOf` reads). */
type UsageTotals = ReturnType<typeof totalsOf>;

export interface UsageReport {
  from: string;
  to: string;
  /** The daily AI cost over which an alert fires (MONETIZATION_COST_WARNING_THRESHOLD). */
  alertThresholdUsd: number;
  totals: UsageTotals & { messages: number };
  days: Array<
    UsageTotals & {
      day: string;
      messages: number;
      cacheReadTokens: number;
      cacheWriteTokens: number;
      alertFired: boolean;
    }
  >;
  models: Array<UsageTotals & { provider: string; model: string }>;
  topUsers: Array<UsageTotals & { userId: string; email: string }>;
  costAlerts: Array<{ day: string; totalCostUsd: number; thresholdUsd: number; firedAt: string }>;
}

/** The admin usage report between two UTC days (inclusive; default: the last 30 days). */
export async function buildUsageReport(
  deps: ServiceDeps,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<UsageReport> {
  const today = deps.clock.now();
  const to = input.to ?? utcDay(today);
  const from = input.from ?? utcDay(new Date(today.getTime() - 29 * 86_400_000));
  if (!DAY.test(from) || !DAY.test(to) || from > to) {
    throw new AppError('validation_failed', 'Invalid request: from/to must be YYYY-MM-DD days with from <= to', {
      details: {
        fields: [{ field: !DAY.test(from) ? 'from' : 'to', message: 'must be a YYYY-MM-DD day, from <= to' }],
      },
    });
  }
  const [days, models, users, alerts] = await Promise.all([
    repo.usageByDay(deps.db, from, to),
    repo.usageByModel(deps.db, from, to),
    repo.topUsers(deps.db, from, to, 10),
    repo.costAlerts(deps.db, from, to),
  ]);
  const alertDays = new Set(alerts.map((a) => a.day));
  const dayRows = days.map((d) => ({
    day: d.day,
    calls: n(d.calls),
    messages: n(d.messages),
    inputTokens: n(d.input_tokens),
    outputTokens: n(d.output_tokens),
    cacheReadTokens: n(d.cache_read_tokens),
    cacheWriteTokens: n(d.cache_write_tokens),
    costMicros: n(d.cost_micros),
    costUsd: microsToUsd(n(d.cost_micros)),
    alertFired: alertDays.has(d.day),
  }));
  const sum = (key: 'calls' | 'messages' | 'inputTokens' | 'outputTokens' | 'costMicros') =>
    dayRows.reduce((s, d) => s + d[key], 0);
  return {
    from,
    to,
    alertThresholdUsd: deps.config.MONETIZATION_COST_WARNING_THRESHOLD,
    totals: {
      calls: sum('calls'),
      messages: sum('messages'),
      inputTokens: sum('inputTokens'),
      outputTokens: sum('outputTokens'),
      costMicros: sum('costMicros'),
      costUsd: microsToUsd(sum('costMicros')),
    },
    days: dayRows,
    models: models.map((m) => ({ provider: m.provider, model: m.model, ...totalsOf(m) })),
    topUsers: users.map((u) => ({ userId: u.user_id, email: u.email, ...totalsOf(u) })),
    costAlerts: alerts.map((a) => ({
      day: a.day,
      totalCostUsd: microsToUsd(n(a.total_cost_micros)),
      thresholdUsd: microsToUsd(n(a.threshold_micros)),
      firedAt: a.fired_at,
    })),
  };
}
