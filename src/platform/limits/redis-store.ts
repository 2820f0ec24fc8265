import { Redis } from 'ioredis';
import type { RateLimitStore } from './rate-limit.middleware.js';

// INCR and PEXPIRE in one script, so a window's key never outlives its window even if the process dies in between;
// every key of a request in one round trip.
const HIT = `
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  counts[i] = count
end
return counts`;

export interface RedisRateLimitStore extends RateLimitStore {
  /** Resolves once connected; rejects with the connection error after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rate-limit counters in Redis (Node only; `main.ts` picks it when REDIS_URL is set). Commands fail at once while
 * Redis is unreachable instead of queueing, and the middleware then lets the request through.
 */
export function redisRateLimitStore(url: string, options: { prefix?: string } = {}): RedisRateLimitStore {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  });
  // ioredis reports connection problems as 'error' events; without a listener Node would crash the process.
  client.on('error', () => {});
  const prefix = options.prefix ?? 'pathwise:';
  return {
    kind: 'redis',
    async hit(keys, window) {
      const ttl = window.ms + 1000;
      const counts = (await client.eval(
        HIT,
        keys.length,
        ...keys.map((key) => `${prefix}${key}:${window.start}`),
        ttl,
      )) as unknown[];
      return counts.map(Number);
    },
    ready(timeoutMs = 3000) {
      if (client.status === 'ready') return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        let lastError: unknown;
        const onError = (error: unknown) => {
          lastError = error;
        };
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          client.off('error', onError);
          reject(
            new Error(
              `Redis at ${redactUrl(url)} is unreachable: ${(lastError as Error | undefined)?.message ?? 'timed out'}`,
            ),
          );
        }, timeoutMs);
        const onReady = () => {
          clearTimeout(timer);
          client.off('error', onError);
          resolve();
        };
        client.once('ready', onReady);
        client.on('error', onError);
      });
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Connects, pings and disconnects: rejects when Redis at `url` does not answer within `timeoutMs`. */
export async function pingRedis(url: string, timeoutMs = 2000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
