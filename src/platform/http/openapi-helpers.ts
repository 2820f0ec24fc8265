import { z } from '@hono/zod-openapi';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import { authErrors, commonErrors, errorResponses } from './error-schemas.js';

export const bearerSecurity = [{ bearerAuth: [] as string[] }];

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A Server-Sent Events answer; its events are described in the route's description. */
export function eventStreamContent(description: string, example: string) {
  return { description, content: { 'text/event-stream': { schema: z.string().openapi({ example }) } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

type ErrorStatus = keyof typeof errorResponses;

/** The error responses of a route: the common ones, 401 when it needs a token, and the listed extra ones. */
export function errorsFor(options: { auth?: boolean; extra?: ErrorStatus[] } = {}) {
  const extra = Object.fromEntries((options.extra ?? []).map((s) => [s, errorResponses[s]])) as Partial<
    typeof errorResponses
  >;
  return { ...commonErrors, ...(options.auth ? authErrors : {}), ...extra };
}

/**
 * The responses of a route with one JSON answer: `status` with `schema`, and the errors of `errorsFor` with the extra
 * statuses. `Status` stays a literal type so the router's typed responses pair that status with `schema`, as when the
 * object is written out.
 */
export function jsonResponses<Status extends SuccessStatusCode, T extends z.ZodType>(
  status: Status,
  schema: T,
  description: string,
  extraErrors: ErrorStatus[] = [],
) {
  // A computed key widens to a string index signature; the record names the one status it holds.
  const success = { [status]: jsonContent(schema, description) } as Record<Status, ReturnType<typeof jsonContent<T>>>;
  return { ...success, ...errorsFor({ extra: extraErrors }) };
}

export const idParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: 'path' }, example });
