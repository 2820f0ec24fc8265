import { z } from '@hono/zod-openapi';
import { courseProgressSchema, courseSchema } from '../courses/courses.schemas.js';

export const enrollmentSchema = z
  .object({
    courseId: z.string(),
    enrolled: z.literal(true),
    enrolledAt: z.string(),
  })
  .openapi('Enrollment');

export const leaveCourseSchema = z
  .object({
    courseId: z.string(),
    enrolled: z.literal(false),
    removed: z.boolean().openapi({ description: 'False when the caller was not enrolled (nothing changed)' }),
  })
  .openapi('LeftCourse');

export const myCourseSchema = z
  .object({
    enrolledAt: z.string(),
    course: courseSchema,
    progress: courseProgressSchema,
  })
  .openapi('MyCourse');
