import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, requireUser } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, errorsFor, jsonContent } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { attemptHistoryPageSchema, attemptHistoryQuerySchema } from '../attempts/attempts.schemas.js';
import { listAttemptHistory } from '../attempts/attempts.service.js';
import { myCourseSchema } from '../enrollment/enrollment.schemas.js';
import { listMyCourses } from '../enrollment/enrollment.service.js';

/** `/api/me/...`: what a student keeps, gathered from the modules that own it. */
const attempts = createRoute({
  method: 'get',
  path: '/attempts',
  tags: ['Exam Prep: me'],
  summary: 'My attempts, newest first, with their outcome (keyset pages)',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { query: attemptHistoryQuerySchema },
  responses: {
    200: jsonContent(attemptHistoryPageSchema, 'One page; pass nextCursor as cursor for the next'),
    ...errorsFor({ auth: true }),
  },
});

const courses = createRoute({
  method: 'get',
  path: '/courses',
  tags: ['Exam Prep: me'],
  summary: 'The courses I am enrolled in, with my progress in each',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonContent(z.object({ courses: z.array(myCourseSchema) }), 'My courses, most recently enrolled first'),
    ...errorsFor({ auth: true }),
  },
});

export function meRoutes(deps: ServiceDeps) {
  return createRouter()
    .openapi(attempts, async (c) =>
      c.json(await listAttemptHistory(deps, { userId: currentUser(c).id, ...c.req.valid('query') }), 200),
    )
    .openapi(courses, async (c) => c.json({ courses: await listMyCourses(deps, currentUser(c).id) }, 200));
}
