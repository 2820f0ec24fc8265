import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { listAttemptHistory } from '../attempts/attempt-history.js';
import { attemptHistoryQuery, attemptHistorySchema, myCoursesSchema } from './me.schemas.js';
import { listMyCourses } from './me.service.js';

const tags = ['Exam Prep: what a student keeps'];

const courses = signedInRoute({
  method: 'get',
  path: '/courses',
  tags,
  summary: 'The courses I am enrolled in, most recently enrolled first, with my progress in each',
  responses: jsonResponses(200, myCoursesSchema, 'My courses'),
});

const attempts = signedInRoute({
  method: 'get',
  path: '/attempts',
  tags,
  summary: 'My attempts (practice and exams), newest first, with how each stands and its last outcome (keyset pages)',
  request: { query: attemptHistoryQuery },
  responses: jsonResponses(200, attemptHistorySchema, 'One page; pass nextCursor as cursor for the next'),
});

export function meRoutes(deps: ServiceDeps) {
  return createRouter()
    .openapi(courses, async (c) => c.json({ courses: await listMyCourses(deps, currentUser(c).id) }, 200))
    .openapi(attempts, async (c) =>
      c.json(await listAttemptHistory(deps, { userId: currentUser(c).id, ...c.req.valid('query') }), 200),
    );
}
