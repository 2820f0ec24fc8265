import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../../db/transaction.js';
import type { Clock } from '../clock.js';
import type { AppEnv } from '../context.js';
import { clientIp } from '../http/client-ip.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { addToBuckets, type BucketHits, deleteBucketsBefore, incrementBuckets } from './rate-limit.repo.js';
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

/** Hits in one batch upsert at most this many buckets per statement. */
const MAX_BUCKETS_PER_STATEMENT = 32;

/**
 * The database store with group commit (Node): the hits that arrive in the same turn of the event loop are counted
 * by one upsert, each bucket incremented by its number of hits, and every hit is handed the count it would have had
 * alone (the bucket's count after the batch minus the hits after it in the batch), so a limit is exactly as strict.
 * Under load that is one write transaction, and one commit, for many requests instead of one each: on SQLite every
 * request of the write path paid a commit of its own for its count (~65 us of ~700), on PostgreSQL a round trip and
 * a turn on the row lock of a shared bucket (a client address). A hit waits for the next check phase at most.
 * Not on Workers: a promise there must be settled in the request that made it.
 */
export function batchingDatabaseRateLimitStore(db: Db): RateLimitStore {
  let pending: Array<{
    keys: readonly string[];
    windowStart: number;
    resolve: (counts: number[]) => void;
    reject: (error: unknown) => void;
  }> = [];

  async function flush(): Promise<void> {
    const batch = pending;
    pending = [];
    const buckets = new Map<string, BucketHits>();
    for (const hit of batch) {
      for (const key of hit.keys) {
        const id = `${hit.windowStart} ${key}`;
        const bucket = buckets.get(id);
        if (bucket) bucket.hits++;
        else buckets.set(id, { key, windowStart: hit.windowStart, hits: 1 });
      }
    }
    // Per bucket, the count the next hit in arrival order gets.
    const next = new Map<string, number>();
    try {
      const all = [...buckets.values()];
      for (let i = 0; i < all.length; i += MAX_BUCKETS_PER_STATEMENT) {
        const chunk = all.slice(i, i + MAX_BUCKETS_PER_STATEMENT);
        const counts = await addToBuckets(db, chunk);
        chunk.forEach((bucket, j) => {
          next.set(`${bucket.windowStart} ${bucket.key}`, (counts[j] as number) - bucket.hits + 1);
        });
      }
    } catch (error) {
      for (const hit of batch) hit.reject(error);
      return;
    }
    for (const hit of batch) {
      hit.resolve(
        hit.keys.map((key) => {
          const id = `${hit.windowStart} ${key}`;
          const count = next.get(id) as number;
          next.set(id, count + 1);
          return count;
        }),
      );
    }
  }

  return {
    kind: 'database',
    hit: (keys, window) =>
      new Promise<number[]>((resolve, reject) => {
        if (pending.length === 0) setImmediate(() => void flush());
        pending.push({ keys, windowStart: window.start, resolve, reject });
      }),
  };
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
