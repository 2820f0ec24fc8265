import { z } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { expensiveRouteLimit } from '../../platform/limits/expensive-routes.js';
import { courseIdParams } from '../courses/courses.schemas.js';
import { analysisSchema, examTypeQuery } from './analysis.schemas.js';
import { getCourseAnalysis } from './analysis.service.js';

/** `GET /api/courses/{id}/analysis`: mounted under /api/courses, served here with the rest of the analysis. */
const analysis = signedInRoute({
  method: 'get',
  path: '/{id}/analysis',
  tags: ['Exam Prep: courses'],
  summary: 'Exam-pattern analysis, over all exams or one exam type (2 credits the first time per course)',
  request: { params: courseIdParams, query: examTypeQuery },
  responses: jsonResponses(
    200,
    z.object({ analysis: analysisSchema, charged: z.number().int().openapi({ description: 'Credits charged now' }) }),
    'The analysis',
    [402, 404],
  ),
});

export function analysisRoutes(deps: ServiceDeps) {
  const router = createRouter();
  router.use('/:id/analysis', expensiveRouteLimit(deps, 'analysis'));
  return router.openapi(analysis, async (c) =>
    c.json(
      await getCourseAnalysis(deps, {
        userId: currentUser(c).id,
        courseId: c.req.valid('param').id,
        examType: c.req.valid('query').examType,
      }),
      200,
    ),
  );
}
