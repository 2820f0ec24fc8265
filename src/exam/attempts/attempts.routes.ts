import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { jsonBody, jsonResponses } from '../../platform/http/openapi-helpers.js';
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

const start = signedInRoute({
  method: 'post',
  path: '/{id}/start',
  tags,
  summary: 'Open an attempt: the question without its answer (and, in MCQ mode, its options shuffled)',
  request: { params: questionIdParams, body: { ...jsonBody(startBodySchema), required: false } },
  responses: jsonResponses(201, startResponseSchema, 'The attempt', [404]),
});

const submit = signedInRoute({
  method: 'post',
  path: '/{id}/submit',
  tags,
  summary: 'Grade a try (several allowed); unreadable input answers 422 `unparsable_answer` naming where it failed',
  request: { params: questionIdParams, body: jsonBody(submitBodySchema) },
  responses: jsonResponses(200, submitResponseSchema, 'The verdict and feedback', [404, 409]),
});

const solution = signedInRoute({
  method: 'post',
  path: '/{id}/solution',
  tags,
  summary: 'Reveal the worked solution and answer (free once unlocked, else 1 credit); marks the attempt assisted',
  request: { params: questionIdParams, body: { ...jsonBody(solutionBodySchema), required: false } },
  responses: jsonResponses(200, solutionResponseSchema, 'The solution', [402, 404]),
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
