import { z } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { errorsFor, jsonContent, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { courseIdParams } from '../courses/courses.schemas.js';
import { enrollmentSchema } from './enrollment.schemas.js';
import { enrollInCourse, unenrollFromCourse } from './enrollment.service.js';

const body = z.object({ enrollment: enrollmentSchema, created: z.boolean() });
const unenrollmentSchema = z
  .object({
    courseId: z.string(),
    enrolled: z.literal(false),
    removed: z.boolean().openapi({ description: 'false when you were not enrolled' }),
  })
  .openapi('Unenrollment');

const enroll = signedInRoute({
  method: 'post',
  path: '/{id}/enroll',
  tags: ['Exam Prep: courses'],
  summary: 'Enrol in a course (idempotent: 201 the first time, 200 with the same enrolment after)',
  request: { params: courseIdParams },
  responses: {
    200: jsonContent(body, 'Already enrolled'),
    201: jsonContent(body, 'Enrolled'),
    ...errorsFor({ extra: [404] }),
  },
});

const unenroll = signedInRoute({
  method: 'delete',
  path: '/{id}/enroll',
  tags: ['Exam Prep: courses'],
  summary:
    'Leave a course (idempotent); your progress, mastery, attempts and unlocked questions stay and return if you enrol again',
  request: { params: courseIdParams },
  responses: jsonResponses(200, unenrollmentSchema, 'Not enrolled (any more)', [404]),
});

export function enrollmentRoutes(deps: ServiceDeps) {
  return createRouter()
    .openapi(enroll, async (c) => {
      const result = await enrollInCourse(deps, { userId: currentUser(c).id, courseId: c.req.valid('param').id });
      return result.created ? c.json(result, 201) : c.json(result, 200);
    })
    .openapi(unenroll, async (c) =>
      c.json(await unenrollFromCourse(deps, { userId: currentUser(c).id, courseId: c.req.valid('param').id }), 200),
    );
}
