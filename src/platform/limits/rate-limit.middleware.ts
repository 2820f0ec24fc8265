import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../../db/transaction.js';
import type { Clock } from '../clock.js';
import type { AppEnv } from '../context.js';
import { clientIp } from '../http/client-ip.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { deleteBucketsBefore, incrementBuckets } from './rate-limit.repo.js';
import { fixedWindow } from './window.js';

/**
 * Where fixed-window hit counts live, so a limit holds across server processes: the database by default, Redis when
 * REDIS_URL is set (`redis-store.ts`, Node only). `hit` counts one request under each of `keys` (distinct) and returns
 * each window's count so far, in the same order.
 */
export interface RateLimitStore {
  readonly kind: string;
  hit(keys: readonly string[], window: { start: number; ms: number }): Promise<number[]>;
}

/** Counts in `rate_limit_buckets` with one atomic upsert per hit (old windows are swept by `sweepRateLimitBuckets`). */
export function databaseRateLimitStore(db: Db): RateLimitStore {
  return { kind: 'database', hit: (keys, window) => incrementBuckets(db, keys, window.start) };
}

export interface RateLimitDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Defaults to the database store on `db`. */
  rateLimitStore?: RateLimitStore | undefined;
}

export interface RateLimitOptions {
  /** Names the limit in bucket keys, headers and the error (`auth`, `midterm`, `chat`). */
  name: string;
  /** Requests allowed per window and key. */
  limit: number;
  windowMs: number;
  /** What is limited: e.g. `byIp` or `byUser`; `undefined` leaves the request unlimited by this rule. */
  key: (c: Context<AppEnv>) => string | undefined;
}

/** One bucket per client address (as `clientIp(c)` reports it). */
export const byIp = (c: Context<AppEnv>): string => `ip:${clientIp(c)}`;
/** One bucket per signed-in user; anonymous requests pass (routes behind `requireUser` refuse them anyway). */
export const byUser = (c: Context<AppEnv>): string | undefined => {
  const user = c.get('user');
  return user ? `user:${user.id}` : undefined;
};

/** Deletes counting windows that ended more than two days ago (the longest window is a day); run it now and then. */
export async function sweepRateLimitBuckets(db: Db, now: Date): Promise<void> {
  await deleteBucketsBefore(db, now.getTime() - 2 * 86_400_000);
}

/**
 * A fixed-window rate limit: over `limit` requests per key and window answers 429 `rate_limited` with `Retry-After`
 * (seconds to the window's end) and `RateLimit-*` headers. Windows follow `deps.clock`, so tests can move time. When
 * the store itself fails (Redis down), the request is let through and a warning logged: a broken limiter must not take
 * the API down.
 */
export function rateLimit(deps: RateLimitDeps, options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return rateLimits(deps, [options]);
}

/**
 * Several limits on one request (e.g. per user on this route and per address over a group of routes), counted in one
 * store hit: every request counts for each rule whose key applies, refused or not. They share one window length. The
 * first rule over its limit refuses the request; the headers describe the rule with the fewest requests left.
 */
export function rateLimits(deps: RateLimitDeps, rules: readonly RateLimitOptions[]): MiddlewareHandler<AppEnv> {
  const store = deps.rateLimitStore ?? databaseRateLimitStore(deps.db);
  const windowMs = rules[0]?.windowMs ?? 60_000;
  if (rules.some((rule) => rule.windowMs !== windowMs)) throw new Error('rateLimits: the rules must share a window');
  return async (c, next) => {
    const applying: Array<{ rule: RateLimitOptions; key: string }> = [];
    for (const rule of rules) {
      const subject = rule.key(c);
      if (subject !== undefined) applying.push({ rule, key: `rl:${rule.name}:${subject}` });
    }
    if (applying.length === 0) return next();
    const window = fixedWindow(deps.clock.now(), windowMs);
    let counts: number[];
    try {
      counts = await store.hit(
        applying.map((a) => a.key),
        { start: window.start, ms: windowMs },
      );
    } catch (error) {
      deps.logger.warn(
        { err: error, limit: applying.map((a) => a.rule.name).join(','), store: store.kind },
        'rate limit store failed; request let through',
      );
      return next();
    }
    const remaining = applying.map(({ rule }, i) => rule.limit - (counts[i] ?? 0));
    const tightest = remaining.indexOf(Math.min(...remaining));
    const headers = {
      'RateLimit-Limit': String(applying[tightest]?.rule.limit),
      'RateLimit-Remaining': String(Math.max(0, remaining[tightest] ?? 0)),
      'RateLimit-Reset': String(window.retryAfterSeconds),
    };
    const over = applying.find((_, i) => (remaining[i] ?? 0) < 0);
    if (over) {
      throw new AppError(
        'rate_limited',
        `Too many requests (${over.rule.name}); try again in ${window.retryAfterSeconds} s`,
        {
          retryAfter: window.retryAfterSeconds,
          headers,
          details: {
            limit: over.rule.limit,
            windowSeconds: Math.round(windowMs / 1000),
            resetAt: window.resetAt.toISOString(),
          },
        },
      );
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  };
}
