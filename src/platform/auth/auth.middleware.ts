import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import type { ServiceDeps } from '../deps.js';
import { authErrors } from '../http/error-schemas.js';
import { AppError } from '../http/errors.js';
import { bearerSecurity } from '../http/openapi-helpers.js';
import { authenticateToken } from './auth.service.js';
import type { AuthUser } from './auth.types.js';

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Puts the caller on the context when a valid bearer token is sent; anonymous otherwise. Without a token there is
 * nothing to wait for, so nothing is returned (the app runs this inside `requestEdge`).
 */
export function callerLookup(deps: ServiceDeps): (c: Context<AppEnv>) => Promise<void> | undefined {
  return (c) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) return undefined;
    return authenticateToken(deps, token).then((session) => {
      c.set('user', session?.user);
      c.set('sessionId', session?.sessionId);
    });
  };
}

/** `callerLookup` as a middleware of its own (the bench's layer table measures the routes behind it). */
export function identifyCaller(deps: ServiceDeps): MiddlewareHandler<AppEnv> {
  const lookup = callerLookup(deps);
  return async (c, next) => {
    await lookup(c);
    await next();
  };
}

/** Refuses the request with 401 unless `identifyCaller` found a user. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) {
    const message = c.req.header('authorization')
      ? 'The session token is invalid, expired or revoked'
      : 'Send a session token: Authorization: Bearer <token>';
    throw new AppError('unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  await next();
};

/**
 * `createRoute` for a route behind `requireUser`: documents the bearer scheme and the 401 that `requireUser` answers,
 * so the route's own config lists only what is particular to it. It sets `security` and `middleware` itself, so a
 * route that needs others is refused by the types rather than silently overridden.
 */
export function signedInRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path'> & { path: P; security?: never; middleware?: never },
>(route: R) {
  return createRoute({
    ...route,
    security: bearerSecurity,
    middleware: [requireUser] as const,
    responses: { ...route.responses, ...authErrors },
  });
}

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user');
  if (!user) throw new AppError('unauthorized', 'Send a session token: Authorization: Bearer <token>');
  if (user.role !== 'admin') throw new AppError('forbidden', 'This route is for administrators');
  await next();
};

/** The authenticated caller; only call behind `requireUser`. */
export function currentUser(c: { get(key: 'user'): AuthUser | undefined }): AuthUser {
  const user = c.get('user');
  if (!user) throw new AppError('unauthorized', 'Send a session token: Authorization: Bearer <token>');
  return user;
}
