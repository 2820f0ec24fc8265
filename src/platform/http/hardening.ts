import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../context.js';
import { AppError } from './errors.js';
import { type PresetHeader, presetWithHono } from './preset-header.js';

/*
 * These run on every request, so each one does nothing a request does not need (measured in docs/PERFORMANCE.md,
 * "The read path"). None is an `async` function: the app chains them inside one middleware (`requestEdge`), and a
 * middleware that only works before the handler returns `next()` instead of awaiting it, so it adds no frame or
 * promise that waits with the request. Two rules keep @hono/node-server on its fast path. Headers are set before the
 * handler runs, through the runtime's `PresetHeader`: touching `c.res` before the handler makes Hono build the
 * response twice, and setting a header after it copies the finished response. And `c.req.raw.body` or `.signal` is
 * never touched for a request without a body: that builds a full Web Request.
 */

/** Hono's secureHeaders() defaults: nosniff, frame and referrer policy, HSTS, cross-origin isolation. */
const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/** The usual security headers on every response, answers and errors alike. */
export function presetSecurityHeaders(c: Context, presetHeader: PresetHeader = presetWithHono): void {
  for (const [name, value] of SECURITY_HEADERS) presetHeader(c, name, value);
}

/**
 * Cross-origin requests only from the configured origins (`CORS_ORIGINS`); an empty list allows none. Browsers may
 * read the request id, `Retry-After` and the rate-limit headers. A request without an `Origin` header is not a
 * cross-origin request: it only learns that answers vary by origin.
 */
export function corsAllowlist(
  origins: readonly string[],
  presetHeader: PresetHeader = presetWithHono,
): MiddlewareHandler<AppEnv> {
  const allowed = new Set(origins);
  const handleCors = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 600,
  });
  return (c, next) => {
    if (c.req.header('origin') !== undefined) return handleCors(c, next);
    if (allowed.size > 0) presetHeader(c, 'Vary', 'Origin');
    return next();
  };
}

/**
 * Refuses bodies over `maxBytes` with 413 `payload_too_large`: by `Content-Length` before reading, or while reading a
 * body of unknown length. GET and HEAD bodies are never read, so those pass untouched.
 */
export function limitBody(maxBytes: number): (c: Context<AppEnv>, next: Next) => Promise<void> {
  const tooLarge = () => {
    throw new AppError('payload_too_large', `The request body is larger than ${maxBytes} bytes`, {
      details: { limitBytes: maxBytes },
    });
  };
  const limitWhileReading = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxBytes) tooLarge();
      return next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // Never a response of its own: over the limit, `tooLarge` throws.
    return limitWhileReading(c, next).then(() => undefined);
  };
}

/**
 * Answers 504 `request_timeout` when a handler takes longer than `ms` (the handler's work is not cancelled). Routes
 * for which `skip` says true, such as Server-Sent Events streams, are bounded only while their request body arrives:
 * a reply may stream for minutes, but a client sending its body a byte at a time is not waited for past `ms`.
 */
export function requestTimeout(
  ms: number,
  options: { skip?: ((c: Context<AppEnv>) => boolean) | undefined } = {},
): (c: Context<AppEnv>, next: Next) => Promise<void> {
  const message = `The request took longer than ${Math.round(ms / 100) / 10} s and was given up`;
  // Hono's timeout() with one promise less and no async frame of its own (see the note at the top).
  const within = (work: Promise<unknown>) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new HTTPException(504, { message })), ms);
      work.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  return (c, next) => {
    if (options.skip?.(c)) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      // Read (and cached by Hono for the validator) within the bound; the stream itself is not bounded.
      return within(c.req.text()).then(() => next());
    }
    return within(next());
  };
}
