import { OpenAPIHono } from '@hono/zod-openapi';
import type { HonoOptions } from 'hono/hono-base';
import type { ZodError } from 'zod';
import type { AppEnv } from '../context.js';
import { AppError } from './errors.js';
import { findUnstorableText } from './storable-text.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Turns a zod error into one problem per field, named by its path (`platforms.0.followers`). */
export function fieldProblems(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

export function validationError(problems: FieldProblem[]): AppError {
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new AppError('validation_failed', `Invalid request: ${summary}`, { details: { fields: problems } });
}

/**
 * A router whose validation failures become the one error envelope, naming each bad field. `matcher`: how the app
 * that serves the requests matches them (sub-routers only collect routes; Hono's default otherwise).
 */
export function createRouter(options: { matcher?: HonoOptions<AppEnv>['router'] } = {}): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(fieldProblems(result.error as ZodError));
      // Valid by its schema, yet text no database stores (NUL, lone surrogates): refused before the handler's work.
      const field = findUnstorableText(result.data);
      if (field !== undefined) {
        throw validationError([{ field, message: 'Text must not contain NUL characters or lone surrogates' }]);
      }
    },
    ...(options.matcher ? { router: options.matcher } : {}),
  });
}
