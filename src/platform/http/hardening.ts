import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import type { AppEnv } from '../context.js';
import { AppError } from './errors.js';

/** The usual security headers (nosniff, frame and referrer policy, HSTS, cross-origin isolation) on every response. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders();
}

/**
 * Cross-origin requests only from the configured origins (`CORS_ORIGINS`); an empty list allows none. Browsers may
 * read the request id, `Retry-After` and the rate-limit headers.
 */
export function corsAllowlist(origins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(origins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 600,
  });
}

/** Refuses bodies over `maxBytes` (by Content-Length, or while reading a chunked body) with 413 `payload_too_large`. */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('payload_too_large', `The request body is larger than ${maxBytes} bytes`, {
        details: { limitBytes: maxBytes },
      });
    },
  });
}

/**
 * Answers 504 `request_timeout` when a handler takes longer than `ms` (the handler's work is not cancelled). Routes
 * for which `skip` says true, such as Server-Sent Events streams, are not bounded.
 */
export function requestTimeout(
  ms: number,
  options: { skip?: (c: Context<AppEnv>) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  const bounded = timeout(
    ms,
    () =>
      new HTTPException(504, {
        message: `The request took longer than ${Math.round(ms / 100) / 10} s and was given up`,
      }),
  );
  return (c, next) => (options.skip?.(c) ? next() : bounded(c, next));
}
