import { z } from '@hono/zod-openapi';

export const enrollmentSchema = z
  .object({
    courseId: z.string(),
    enrolled: z.literal(true),
    enrolledAt: z.string(),
  })
  .openapi('Enrollment');
