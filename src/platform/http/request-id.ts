import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { newId } from '../ids.js';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's `X-Request-Id` when it is safe to log, else makes one; echoes it back. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const id = incoming && SAFE_ID.test(incoming) ? incoming : newId();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
};
