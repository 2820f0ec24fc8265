import { createRoute, z } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { courseDetailsSchema, courseIdParams, courseSchema, topicSchema } from './courses.schemas.js';
import { getCourseDetails, listCourses, listCourseTopics } from './courses.service.js';

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Exam Prep: courses'],
  summary: 'Courses',
  responses: jsonResponses(200, z.object({ courses: z.array(courseSchema) }), 'The active courses'),
});

const topics = createRoute({
  method: 'get',
  path: '/{id}/topics',
  tags: ['Exam Prep: courses'],
  summary: "A course's topics with their exam statistics",
  request: { params: courseIdParams },
  responses: jsonResponses(200, z.object({ topics: z.array(topicSchema) }), 'The topics', [404]),
});

const details = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Exam Prep: courses'],
  summary: "A course: exam count, topics and, with a token, the caller's enrolment and progress",
  security: [...bearerSecurity, {}],
  request: { params: courseIdParams },
  responses: jsonResponses(200, courseDetailsSchema, 'The course', [404]),
});

export function coursesRoutes(deps: ServiceDeps) {
  const router = createRouter();
  return router
    .openapi(list, async (c) => c.json({ courses: await listCourses(deps) }, 200))
    .openapi(details, async (c) =>
      c.json(await getCourseDetails(deps, { courseId: c.req.valid('param').id, userId: c.get('user')?.id }), 200),
    )
    .openapi(topics, async (c) => c.json({ topics: await listCourseTopics(deps, c.req.valid('param').id) }, 200));
}
