import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../../db/transaction.js';
import type { Clock } from '../clock.js';
import type { AppEnv } from '../context.js';
import { clientIp } from '../http/client-ip.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { deleteBucketsBefore, incrementBucket } from './rate-limit.repo.js';
import { fixedWindow } from './window.js';

/**
 * Where fixed-window hit counts live, so a limit holds across server processes: the database by default, Redis when
 * REDIS_URL is set (`redis-store.ts`, Node only). `hit` counts one request and returns the window's count so far.
 */
export interface RateLimitStore {
  readonly kind: string;
  hit(key: string, window: { start: number; ms: number }): Promise<number>;
}

/** Counts in `rate_limit_buckets` with one atomic upsert per hit (old windows are swept by `sweepRateLimitBuckets`). */
export function databaseRateLimitStore(db: Db): RateLimitStore {
  return { kind: 'database', hit: (key, window) => incrementBucket(db, key, window.start) };
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
  const store = deps.rateLimitStore ?? databaseRateLimitStore(deps.db);
  return async (c, next) => {
    const subject = options.key(c);
    if (subject === undefined) return next();
    const window = fixedWindow(deps.clock.now(), options.windowMs);
    let count: number;
    try {
      count = await store.hit(`rl:${options.name}:${subject}`, { start: window.start, ms: options.windowMs });
    } catch (error) {
      deps.logger.warn(
        { err: error, limit: options.name, store: store.kind },
        'rate limit store failed; request let through',
      );
      return next();
    }
    const headers = {
      'RateLimit-Limit': String(options.limit),
      'RateLimit-Remaining': String(Math.max(0, options.limit - count)),
      'RateLimit-Reset': String(window.retryAfterSeconds),
    };
    if (count > options.limit) {
      throw new AppError(
        'rate_limited',
        `Too many requests (${options.name}); try again in ${window.retryAfterSeconds} s`,
        {
          retryAfter: window.retryAfterSeconds,
          headers,
          details: {
            limit: options.limit,
            windowSeconds: Math.round(options.windowMs / 1000),
            resetAt: window.resetAt.toISOString(),
          },
        },
      );
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  };
}
