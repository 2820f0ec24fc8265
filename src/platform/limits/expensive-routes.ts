import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import type { ServiceDeps } from '../deps.js';
import { byIp, byUser, type RateLimitDeps, rateLimits } from './rate-limit.middleware.js';

/**
 * The limit on routes that cost real work (analysis, practice sets, bundles, midterms, answer grading, weak topics):
 * RATE_LIMIT_EXPENSIVE_PER_MINUTE requests per minute per route, per signed-in user (per IP when anonymous), and
 * RATE_LIMIT_PER_MINUTE per IP over all expensive routes; both counted in one store hit.
 */
export function expensiveRouteLimit(
  deps: ServiceDeps & Partial<Pick<RateLimitDeps, 'rateLimitStore'>>,
  name: string,
): MiddlewareHandler<AppEnv> {
  return rateLimits(deps, [
    {
      name,
      limit: deps.config.RATE_LIMIT_EXPENSIVE_PER_MINUTE,
      windowMs: 60_000,
      key: (c) => byUser(c) ?? byIp(c),
    },
    // Per address over all expensive routes together, so one client cannot fan out over many accounts.
    { name: 'expensive', limit: deps.config.RATE_LIMIT_PER_MINUTE, windowMs: 60_000, key: byIp },
  ]);
}
