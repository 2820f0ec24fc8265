import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, requireUser } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, errorsFor, jsonBody, jsonContent } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { expensiveRouteLimit } from '../../platform/limits/expensive-routes.js';
import { examIdParams, examSchema, examSummarySchema, listExamsQuery, submitExamBody } from './exam-mode.schemas.js';
import { getMyExam, listMyExams, startExam } from './exam-mode.service.js';
import { submitExam } from './submit-exam.js';

const tags = ['Exam Prep: midterms'];

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'My generated midterms and finals, newest first (keyset pages)',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { query: listExamsQuery },
  responses: {
    200: jsonContent(
      z.object({ midterms: z.array(examSummarySchema), nextCursor: z.string().nullable() }),
      'A page of exams',
    ),
    ...errorsFor({ auth: true }),
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One of my exams: questions without answers until submitted, then results and solutions',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: examIdParams },
  responses: {
    200: jsonContent(z.object({ midterm: examSchema }), 'The exam'),
    ...errorsFor({ auth: true, extra: [404] }),
  },
});

const start = createRoute({
  method: 'post',
  path: '/{id}/start',
  tags,
  summary: 'Start the clock (duration from the blueprint); starting again does not reset it',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: examIdParams },
  responses: {
    200: jsonContent(z.object({ midterm: examSchema }), 'The exam, in progress'),
    ...errorsFor({ auth: true, extra: [404, 409] }),
  },
});

const submit = createRoute({
  method: 'post',
  path: '/{id}/submit',
  tags,
  summary:
    'Submit every answer once: scores per question and in total with outcome codes, lateness recorded, solutions unlocked',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: examIdParams, body: jsonBody(submitExamBody) },
  responses: {
    200: jsonContent(z.object({ midterm: examSchema }), 'The marked exam with its solutions'),
    ...errorsFor({ auth: true, extra: [404, 409] }),
  },
});

/** `/api/midterms`: the caller's stored exams (midterms and finals) and taking them. */
export function midtermsRoutes(deps: ServiceDeps) {
  const router = createRouter();
  router.use('/:id/submit', expensiveRouteLimit(deps, 'submit'));
  return router
    .openapi(list, async (c) =>
      c.json(await listMyExams(deps, { userId: currentUser(c).id, ...c.req.valid('query') }), 200),
    )
    .openapi(get, async (c) =>
      c.json({ midterm: await getMyExam(deps, { userId: currentUser(c).id, examId: c.req.valid('param').id }) }, 200),
    )
    .openapi(start, async (c) =>
      c.json({ midterm: await startExam(deps, { userId: currentUser(c).id, examId: c.req.valid('param').id }) }, 200),
    )
    .openapi(submit, async (c) =>
      c.json(
        {
          midterm: await submitExam(deps, {
            userId: currentUser(c).id,
            examId: c.req.valid('param').id,
            answers: c.req.valid('json').answers,
          }),
        },
        200,
      ),
    );
}
