import { z } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { jsonBody, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { expensiveRouteLimit } from '../../platform/limits/expensive-routes.js';
import { generatedExamTypes } from './blueprint.js';
import { examSchema } from './exam-mode.schemas.js';
import { createMidterm } from './midterm.service.js';

const generate = signedInRoute({
  method: 'post',
  path: '/generate',
  tags: ['Exam Prep: midterms'],
  summary:
    'Generate a practice midterm or final shaped like the real ones (3 credits), stored for you, without its answers',
  request: {
    body: jsonBody(
      z
        .object({
          courseId: z.string().min(1).max(100).openapi({ example: 'calc2' }),
          // An integer is the same seed as its decimal string: 7 and "7" give the same midterm.
          seed: z
            .union([
              z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only (at most 64)'),
              z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
            ])
            .optional()
            .openapi({
              description:
                'Letters, digits, - and _ (at most 64), or an integer; 7 and "7" are one seed. Send it again to get the same exam back (free)',
            }),
          examType: z
            .enum(generatedExamTypes)
            .optional()
            .openapi({ description: "A midterm (default) or a final, shaped like the course's real ones" }),
        })
        .openapi('MidtermRequest'),
    ),
  },
  responses: jsonResponses(
    200,
    z.object({ midterm: examSchema, charged: z.number().int() }),
    'The stored exam, ready to start: questions and points, no answers or steps',
    [402, 404],
  ),
});

export function midtermRoutes(deps: ServiceDeps) {
  const router = createRouter();
  router.use('/generate', expensiveRouteLimit(deps, 'midterm'));
  return router.openapi(generate, async (c) =>
    c.json(await createMidterm(deps, { userId: currentUser(c).id, ...c.req.valid('json') }), 200),
  );
}
