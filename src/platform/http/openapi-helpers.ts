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

/**
 * The error responses of a route: the common ones, 401 when it needs a token, and the listed extra ones. Every key is
 * exact (none optional), so the router types each handler's `c.json` against the statuses and schemas declared.
 */
export function errorsFor<const Extra extends readonly ErrorStatus[] = [], const Auth extends boolean = false>(
  options: { auth?: Auth; extra?: Extra } = {},
): typeof commonErrors &
  (Auth extends true ? typeof authErrors : unknown) &
  Pick<typeof errorResponses, Extra[number]> {
  const extra = Object.fromEntries((options.extra ?? []).map((s) => [s, errorResponses[s]]));
  return { ...commonErrors, ...(options.auth ? authErrors : {}), ...extra } as ReturnType<
    typeof errorsFor<Extra, Auth>
  >;
}

/**
 * The responses of a route with one JSON answer: `status` with `schema`, and the errors of `errorsFor` with the extra
 * statuses. `Status` stays a literal type so the router's typed responses pair that status with `schema`, as when the
 * object is written out.
 */
export function jsonResponses<
  Status extends SuccessStatusCode,
  T extends z.ZodType,
  const Extra extends readonly ErrorStatus[] = [],
>(status: Status, schema: T, description: string, extraErrors?: Extra) {
  // A computed key widens to a string index signature; the record names the one status it holds.
  const success = { [status]: jsonContent(schema, description) } as Record<Status, ReturnType<typeof jsonContent<T>>>;
  return { ...success, ...errorsFor<Extra>(extraErrors ? { extra: extraErrors } : {}) };
}

export const idParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: 'path' }, example });
