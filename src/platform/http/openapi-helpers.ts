import { z } from '@hono/zod-openapi';
import { authErrors, commonErrors, errorResponses } from './error-schemas.js';

export const bearerSecurity = [{ bearerAuth: [] as string[] }];

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
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

export const idParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: 'path' }, example });
