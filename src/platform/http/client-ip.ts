import type { Context } from 'hono';
import type { AppEnv } from '../context.js';

/**
 * The client's address as the runtime reports it (`unknown` without a way to tell), found on first use: only per-IP
 * limits and logins ask, so other requests do not pay for reading the socket and X-Forwarded-For.
 */
export function clientIp(c: Context<AppEnv>): string {
  let ip = c.get('clientIp');
  if (ip === undefined) {
    ip = c.get('resolveClientIp')?.(c) ?? 'unknown';
    c.set('clientIp', ip);
  }
  return ip;
}

/**
 * The client's address. Without trusted proxies it is the socket's peer. Behind `trustedHops` proxies that each append
 * the address they received from to X-Forwarded-For, it is the entry that many places from the right: entries further
 * left were written by the client and can be forged.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedHops: number,
): string {
  if (trustedHops > 0 && forwardedFor) {
    const hops = forwardedFor
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const entry = hops[hops.length - trustedHops];
    if (entry) return entry;
  }
  return socketAddress ?? 'unknown';
}
