import { createRoute } from '@hono/zod-openapi';
import { currentUser, requireUser } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, errorsFor, jsonBody, jsonContent } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { expensiveRouteLimit } from '../../platform/limits/expensive-routes.js';
import {
  reviewQuerySchema,
  reviewResponseSchema,
  weakTopicsBodySchema,
  weakTopicsResponseSchema,
} from './assessment.schemas.js';
import { assessWeakTopics, listDueReviews } from './assessment.service.js';

const tags = ['Exam Prep: assessment'];

const weakTopics = createRoute({
  method: 'post',
  path: '/weak-topics',
  tags,
  summary: 'Topics ranked by expected points lost at the next exam, each with the reason and questions to practise',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { body: jsonBody(weakTopicsBodySchema) },
  responses: {
    200: jsonContent(weakTopicsResponseSchema, 'The ranking'),
    ...errorsFor({ auth: true, extra: [404] }),
  },
});

const review = createRoute({
  method: 'get',
  path: '/review',
  tags,
  summary: 'Patterns due for spaced re-review (FSRS), each with a question to practise',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { query: reviewQuerySchema },
  responses: {
    200: jsonContent(reviewResponseSchema, 'What is due now'),
    ...errorsFor({ auth: true, extra: [404] }),
  },
});

export function assessmentRoutes(deps: ServiceDeps) {
  const router = createRouter();
  router.use('/weak-topics', expensiveRouteLimit(deps, 'weak-topics'));
  return router
    .openapi(weakTopics, async (c) =>
      c.json(await assessWeakTopics(deps, { userId: currentUser(c).id, ...c.req.valid('json') }), 200),
    )
    .openapi(review, async (c) =>
      c.json(await listDueReviews(deps, { userId: currentUser(c).id, ...c.req.valid('query') }), 200),
    );
}
