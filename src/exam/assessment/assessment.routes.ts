import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { jsonBody, jsonResponses } from '../../platform/http/openapi-helpers.js';
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

const weakTopics = signedInRoute({
  method: 'post',
  path: '/weak-topics',
  tags,
  summary: 'Topics ranked by expected points lost at the next exam, each with the reason and questions to practise',
  request: { body: jsonBody(weakTopicsBodySchema) },
  responses: jsonResponses(200, weakTopicsResponseSchema, 'The ranking', [404]),
});

const review = signedInRoute({
  method: 'get',
  path: '/review',
  tags,
  summary: 'Patterns due for spaced re-review (FSRS), each with a question to practise',
  request: { query: reviewQuerySchema },
  responses: jsonResponses(200, reviewResponseSchema, 'What is due now', [404]),
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
