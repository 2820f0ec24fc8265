import { createRoute } from '@hono/zod-openapi';
import { currentUser, requireUser } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, errorsFor, jsonBody, jsonContent } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { expensiveRouteLimit } from '../../platform/limits/expensive-routes.js';
import {
  questionIdParams,
  solutionBodySchema,
  solutionResponseSchema,
  startBodySchema,
  startResponseSchema,
  submitBodySchema,
  submitResponseSchema,
} from './attempts.schemas.js';
import { revealSolution, startAttempt, submitAnswer } from './attempts.service.js';

const tags = ['Exam Prep: attempts'];

const start = createRoute({
  method: 'post',
  path: '/{id}/start',
  tags,
  summary: 'Open an attempt: the question without its answer (and, in MCQ mode, its options shuffled)',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: questionIdParams, body: { ...jsonBody(startBodySchema), required: false } },
  responses: {
    201: jsonContent(startResponseSchema, 'The attempt'),
    ...errorsFor({ auth: true, extra: [404] }),
  },
});

const submit = createRoute({
  method: 'post',
  path: '/{id}/submit',
  tags,
  summary: 'Grade a try (several allowed); unreadable input answers 422 `unparsable_answer` naming where it failed',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: questionIdParams, body: jsonBody(submitBodySchema) },
  responses: {
    200: jsonContent(submitResponseSchema, 'The verdict and feedback'),
    ...errorsFor({ auth: true, extra: [404, 409] }),
  },
});

const solution = createRoute({
  method: 'post',
  path: '/{id}/solution',
  tags,
  summary: 'Reveal the worked solution and answer (free once unlocked, else 1 credit); marks the attempt assisted',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: questionIdParams, body: { ...jsonBody(solutionBodySchema), required: false } },
  responses: {
    200: jsonContent(solutionResponseSchema, 'The solution'),
    ...errorsFor({ auth: true, extra: [402, 404] }),
  },
});

export function attemptsRoutes(deps: ServiceDeps) {
  const router = createRouter();
  router.use('/:id/submit', expensiveRouteLimit(deps, 'submit'));
  return router
    .openapi(start, async (c) =>
      c.json(
        await startAttempt(deps, {
          userId: currentUser(c).id,
          questionId: c.req.valid('param').id,
          mode: c.req.valid('json').mode,
        }),
        201,
      ),
    )
    .openapi(submit, async (c) =>
      c.json(
        await submitAnswer(deps, {
          userId: currentUser(c).id,
          questionId: c.req.valid('param').id,
          ...c.req.valid('json'),
        }),
        200,
      ),
    )
    .openapi(solution, async (c) =>
      c.json(
        await revealSolution(deps, {
          userId: currentUser(c).id,
          questionId: c.req.valid('param').id,
          attemptId: c.req.valid('json').attemptId,
        }),
        200,
      ),
    );
}
