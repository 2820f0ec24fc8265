import type { Context, ErrorHandler, MiddlewareHandler, Next } from 'hono';
import type { AppEnv } from '../context.js';
import { corsAllowlist, limitBody, presetSecurityHeaders, requestTimeout } from './hardening.js';
import type { PresetHeader } from './preset-header.js';
import { assignRequestId } from './request-id.js';
import { validationError } from './router.js';
import { findNulInUrl } from './storable-text.js';

export interface RequestEdgeOptions {
  presetHeader: PresetHeader;
  /** How the runtime reports the client's address; `unknown` without it. */
  clientIp?: ((c: Context<AppEnv>) => string) | undefined;
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
  timeoutMs: number;
  /** Routes the timeout does not bound (Server-Sent Events streams). */
  skipTimeout?: (c: Context<AppEnv>) => boolean;
  /** The app's error handler: a request the edge itself refuses (413, 504) gets the same error envelope. */
  onError: ErrorHandler<AppEnv>;
  /** Logs and measures the request once its response is ready (`requestObserver`). */
  observe: (c: Context<AppEnv>, startedAt: number) => void;
  /**
   * Work before the route, inside the timeout (the caller lookup): a promise to wait for, or undefined when there is
   * nothing to wait for. Its errors get the error envelope like the route's.
   */
  beforeRoute?: ((c: Context<AppEnv>) => Promise<void> | undefined) | undefined;
}

/**
 * Everything every request goes through around its route, as one middleware: request id, client address, security
 * headers, CORS, body limit, timeout, the caller lookup, then the request log and metrics. Each concern keeps its own
 * module and can run as a middleware of its own; the app chains them here as plain calls because every Hono
 * middleware layer costs two async frames and their promises, and those wait with the request while it waits for the
 * database: with 50 requests in flight on PostgreSQL, seven layers cost more CPU than the queries' driver work
 * (docs/PERFORMANCE.md, "The read path").
 */
export function requestEdge(options: RequestEdgeOptions): MiddlewareHandler<AppEnv> {
  const cors = corsAllowlist(options.corsOrigins, options.presetHeader);
  const limit = limitBody(options.bodyLimitBytes);
  const timeout = requestTimeout(options.timeoutMs, { skip: options.skipTimeout });
  const beforeRoute = options.beforeRoute;
  const route = (c: Context<AppEnv>, next: Next): Promise<void> => {
    const ready = beforeRoute?.(c);
    return ready ? ready.then(() => next()) : next();
  };
  return async (c, next) => {
    const startedAt = performance.now();
    assignRequestId(c, options.presetHeader);
    if (options.clientIp) c.set('resolveClientIp', options.clientIp);
    presetSecurityHeaders(c, options.presetHeader);
    try {
      // NUL in a path id or query value reaches no route: PostgreSQL cannot even compare it.
      const nulField = findNulInUrl(c.req.url);
      if (nulField !== undefined) {
        throw validationError([{ field: nulField, message: 'The URL must not contain NUL characters (%00)' }]);
      }
      // A CORS preflight is answered here; everything else goes on to the route. (Hono's `next()` resolves to the
      // context, not nothing, so only a Response counts.)
      const preflight = await cors(c, () => limit(c, () => timeout(c, () => route(c, next))));
      if (preflight instanceof Response) c.res = preflight;
    } catch (error) {
      // What Hono's own chain does with an error a middleware throws, here so the request is still logged.
      if (!(error instanceof Error)) throw error;
      c.error = error;
      c.res = await options.onError(error, c);
    }
    options.observe(c, startedAt);
  };
}
