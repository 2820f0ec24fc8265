import { z } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { jsonBody, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { expensiveRouteLimit } from '../../platform/limits/expensive-routes.js';
import { examIdParams, examSchema, examSummarySchema, listExamsQuery, submitExamBody } from './exam-mode.schemas.js';
import { getMyExam, listMyExams, startExam } from './exam-mode.service.js';
import { submitExam } from './submit-exam.js';

const tags = ['Exam Prep: midterms'];
const midtermsPage = z.object({ midterms: z.array(examSummarySchema), nextCursor: z.string().nullable() });

const list = signedInRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'My generated midterms and finals, newest first (keyset pages)',
  request: { query: listExamsQuery },
  responses: jsonResponses(200, midtermsPage, 'A page of exams'),
});

const get = signedInRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One of my exams: questions without answers until submitted, then results and solutions',
  request: { params: examIdParams },
  responses: jsonResponses(200, z.object({ midterm: examSchema }), 'The exam', [404]),
});

const start = signedInRoute({
  method: 'post',
  path: '/{id}/start',
  tags,
  summary: 'Start the clock (duration from the blueprint); starting again does not reset it',
  request: { params: examIdParams },
  responses: jsonResponses(200, z.object({ midterm: examSchema }), 'The exam, in progress', [404, 409]),
});

const submit = signedInRoute({
  method: 'post',
  path: '/{id}/submit',
  tags,
  summary:
    'Submit every answer once: scores per question and in total with outcome codes, lateness recorded, solutions unlocked',
  request: { params: examIdParams, body: jsonBody(submitExamBody) },
  responses: jsonResponses(200, z.object({ midterm: examSchema }), 'The marked exam with its solutions', [404, 409]),
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
