import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../context.js';
import type { Logger, LogLevel } from '../logger.js';
import type { Metrics } from './metrics.js';

/**
 * The route pattern that answered (`/api/questions/:id`), for metrics labels and logs: the raw path would give
 * every id its own time series. Middlewares registered with `use` have method ALL; a request no route matched is
 * `unmatched`. When a middleware refused the request (413, 429), the route it was headed for is named.
 */
export function matchedRoute(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = Math.max(0, c.req.routeIndex); i < routes.length; i++) {
    const route = routes[i];
    if (route && route.method !== 'ALL') return route.path;
  }
  return 'unmatched';
}

const QUIET_ROUTES = new Set(['/health', '/ready', '/metrics']);

/**
 * One structured log line and one metrics observation per request, once its response is ready (`startedAt`: its
 * `performance.now()` when it came in): request id, method, path (never the query string or headers, which can carry
 * tokens), matched route, status, duration, and the user id when signed in. Probes and scrapes log at debug level;
 * a 500 at error, other 5xx at warn.
 */
export function requestObserver(deps: {
  logger: Logger;
  metrics?: Metrics | undefined;
}): (c: Context<AppEnv>, startedAt: number) => void {
  return (c, startedAt) => {
    const seconds = (performance.now() - startedAt) / 1000;
    const route = matchedRoute(c);
    const status = c.res.status;
    deps.metrics?.httpRequest({ method: c.req.method, route, status }, seconds);
    // A 500 is a bug; a 503 or 504 (database down, request too slow) is the service struggling, not wrong.
    const level: LogLevel =
      status === 500 ? 'error' : status > 500 ? 'warn' : QUIET_ROUTES.has(route) ? 'debug' : 'info';
    // Production logs at warn or info: most requests write nothing, so they need not build the line either.
    if (deps.logger.isLevelEnabled?.(level) === false) return;
    const entry = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      route,
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(c.get('user') ? { userId: c.get('user')?.id } : {}),
    };
    deps.logger[level](entry, status >= 500 ? 'request failed' : 'request');
  };
}
