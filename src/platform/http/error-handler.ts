import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../../db/errors.js';
import type { AppEnv } from '../context.js';
import type { Logger } from '../logger.js';
import { AppError, type ErrorCode } from './errors.js';

function envelope(c: Context<AppEnv>, status: number, code: ErrorCode | string, message: string, details?: unknown) {
  const body = {
    error: { code, message, ...(details === undefined ? {} : { details }), requestId: c.get('requestId') },
  };
  return c.json(body, status as 400);
}

const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The one place errors become responses. A database that cannot serve is an outage: 503 with Retry-After, a warning.
 * Any other unknown error is a bug: an opaque 500 to the client, the stack to the log.
 */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof AppError) {
      if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return envelope(c, error.status, error.code, error.message, error.details);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      const code =
        status === 413
          ? 'payload_too_large'
          : status === 401
            ? 'unauthorized'
            : status === 504
              ? 'request_timeout'
              : 'bad_request';
      const message =
        status === 413 ? 'The request body is too large' : error.message || 'The request could not be understood';
      return envelope(c, status, code, message);
    }
    if (isDatabaseUnavailable(error)) {
      // An outage, not a bug: logged once per request without a stack, answered so clients retry.
      logger.warn({ err: error.message, requestId: c.get('requestId'), path: c.req.path }, 'database unavailable');
      c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return envelope(c, 503, 'service_unavailable', 'The database is unavailable right now; retry shortly');
    }
    logger.error({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return envelope(
      c,
      500,
      'internal_error',
      'Something went wrong on our side; quote the request id if you report it',
    );
  };
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  envelope(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}`);

/**
 * 404 for a path no route has; 405 with `Allow` for a path that exists under other methods (`allowedMethods`:
 * `allowedMethodsOf(() => app.routes)`).
 */
export function routeNotFoundHandler(allowedMethods: (path: string) => string[]): NotFoundHandler<AppEnv> {
  return (c) => {
    const allowed = allowedMethods(c.req.path);
    if (allowed.length === 0) return notFoundHandler(c);
    c.header('Allow', allowed.join(', '));
    return envelope(c, 405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}`, { allowed });
  };
}
