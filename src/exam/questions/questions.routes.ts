import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { idParam, jsonBody, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { expensiveRouteLimit } from '../../platform/limits/expensive-routes.js';
import {
  browseQuerySchema,
  bundleBodySchema,
  practiceBodySchema,
  practiceResponseSchema,
  questionSummarySchema,
  questionWithSolutionSchema,
} from './questions.schemas.js';
import { browseQuestions, createBundle, createPracticeSet, getQuestion } from './questions.service.js';

const tags = ['Exam Prep: questions'];
const questionIdParams = z.object({ id: idParam('id', 'calc2-2021-fall-midterm-q1') });
const questionsPage = z.object({ questions: z.array(questionSummarySchema), nextCursor: z.string().nullable() });

const browse = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Browse the question bank (no answers or solutions)',
  request: { query: browseQuerySchema },
  responses: jsonResponses(200, questionsPage, 'One page; pass nextCursor as cursor for the next'),
});

const practice = signedInRoute({
  method: 'post',
  path: '/practice',
  tags,
  summary: 'Practice questions with solutions (1 credit per question newly unlocked)',
  request: { body: jsonBody(practiceBodySchema) },
  responses: jsonResponses(200, practiceResponseSchema, 'The questions, unlocked for good', [402, 404]),
});

const bundle = signedInRoute({
  method: 'post',
  path: '/bundle',
  tags,
  summary: 'Three questions with solutions for 1 credit',
  request: { body: jsonBody(bundleBodySchema) },
  responses: jsonResponses(200, practiceResponseSchema, 'The questions, unlocked for good', [402, 404]),
});

const single = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'A question; its answer and solution once the caller has unlocked it',
  request: { params: questionIdParams },
  responses: jsonResponses(
    200,
    z.object({ question: z.union([questionWithSolutionSchema, questionSummarySchema]), unlocked: z.boolean() }),
    'The question',
    [404],
  ),
});

export function questionsRoutes(deps: ServiceDeps) {
  const router = createRouter();
  router.use('/practice', expensiveRouteLimit(deps, 'practice'));
  router.use('/bundle', expensiveRouteLimit(deps, 'bundle'));
  return router
    .openapi(browse, async (c) => c.json(await browseQuestions(deps, c.req.valid('query')), 200))
    .openapi(practice, async (c) =>
      c.json(await createPracticeSet(deps, { userId: currentUser(c).id, ...c.req.valid('json') }), 200),
    )
    .openapi(bundle, async (c) =>
      c.json(await createBundle(deps, { userId: currentUser(c).id, ...c.req.valid('json') }), 200),
    )
    .openapi(single, async (c) =>
      c.json(await getQuestion(deps, { questionId: c.req.valid('param').id, userId: c.get('user')?.id }), 200),
    );
}
