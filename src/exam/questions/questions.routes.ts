import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, requireUser } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, errorsFor, jsonBody, jsonContent } from '../../platform/http/openapi-helpers.js';
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
const questionIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'calc2-2021-fall-midterm-q1' }),
});

const browse = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Browse the question bank (no answers or solutions)',
  request: { query: browseQuerySchema },
  responses: {
    200: jsonContent(
      z.object({ questions: z.array(questionSummarySchema), nextCursor: z.string().nullable() }),
      'One page; pass nextCursor as cursor for the next',
    ),
    ...errorsFor(),
  },
});

const practice = createRoute({
  method: 'post',
  path: '/practice',
  tags,
  summary: 'Practice questions with solutions (1 credit per question newly unlocked)',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { body: jsonBody(practiceBodySchema) },
  responses: {
    200: jsonContent(practiceResponseSchema, 'The questions, unlocked for good'),
    ...errorsFor({ auth: true, extra: [402, 404] }),
  },
});

const bundle = createRoute({
  method: 'post',
  path: '/bundle',
  tags,
  summary: 'Three questions with solutions for 1 credit',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { body: jsonBody(bundleBodySchema) },
  responses: {
    200: jsonContent(practiceResponseSchema, 'The questions, unlocked for good'),
    ...errorsFor({ auth: true, extra: [402, 404] }),
  },
});

const single = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'A question; its answer and solution once the caller has unlocked it',
  request: { params: questionIdParams },
  responses: {
    200: jsonContent(
      z.object({ question: z.union([questionWithSolutionSchema, questionSummarySchema]), unlocked: z.boolean() }),
      'The question',
    ),
    ...errorsFor({ extra: [404] }),
  },
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
