import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { coachKeys, useAllowance } from '../coach-api';
import { type DailyLimit, dailyLimitOf, type Turn } from './use-chat';

// While used up, the allowance is read again at most once a minute, however far off the device's clock is.
const MIN_RECHECK_MS = 60_000;

/**
 * Whether today's coach messages are used up, and until when; null when the creator can send. The server says so,
 * never the device's clock: the allowance at 0, or a message this page sent refused with `daily_limit_reached` after
 * the allowance was last read. At the reset time the allowance is read again, and sending comes back with it.
 */
export function useDailyLimit(turns: Turn[]): DailyLimit | null {
  const queryClient = useQueryClient();
  const allowance = useAllowance();
  const refused = turns.findLast((t) => dailyLimitOf(t.refusal) !== null);
  const fromRefusal = dailyLimitOf(refused?.refusal);
  const limit =
    fromRefusal && (refused?.refusedAt ?? 0) > allowance.dataUpdatedAt
      ? fromRefusal
      : allowance.data?.remaining === 0
        ? { limit: allowance.data.limit, resetAt: allowance.data.resetAt }
        : null;

  const resetAt = limit?.resetAt;
  const retryAfterSeconds = limit?.retryAfterSeconds;
  const refusedAt = refused?.refusedAt;
  const readAt = allowance.dataUpdatedAt;
  // Armed again after each read: one made early (a device clock ahead) finds 0 left and waits a minute more.
  useEffect(() => {
    if (!resetAt) return;
    // The server's own count of seconds when there is one (Retry-After), else its reset time.
    const until =
      retryAfterSeconds !== undefined && refusedAt !== undefined
        ? refusedAt + retryAfterSeconds * 1000
        : Date.parse(resetAt);
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: coachKeys.allowance }),
      Math.max(readAt + MIN_RECHECK_MS, until) - Date.now(),
    );
    return () => clearTimeout(timer);
  }, [resetAt, retryAfterSeconds, refusedAt, readAt, queryClient]);

  return limit;
}
