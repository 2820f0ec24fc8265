import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { newId } from '../ids.js';
import { type PresetHeader, presetWithHono } from './preset-header.js';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's `X-Request-Id` when it is safe to log, else makes one; echoes it back. */
export function assignRequestId(c: Context<AppEnv>, presetHeader: PresetHeader = presetWithHono): void {
  const incoming = c.req.header('x-request-id');
  const id = incoming && SAFE_ID.test(incoming) ? incoming : newId();
  c.set('requestId', id);
  presetHeader(c, 'X-Request-Id', id);
}

/** `assignRequestId` as a middleware of its own (the app runs it in `requestEdge`). */
export function requestId(presetHeader: PresetHeader = presetWithHono): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    assignRequestId(c, presetHeader);
    return next();
  };
}
