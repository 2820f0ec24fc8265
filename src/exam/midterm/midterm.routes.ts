import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, requireUser } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, errorsFor, jsonBody, jsonContent } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { expensiveRouteLimit } from '../../platform/limits/expensive-routes.js';
import { questionSummarySchema } from '../questions/questions.schemas.js';
import { createMidterm } from './midterm.service.js';

const midtermSchema = z
  .object({
    courseId: z.string(),
    seed: z.string().openapi({ description: 'Send it again to get the same midterm (free the second time)' }),
    totalPoints: z.number().int(),
    estimatedMinutes: z.number().int(),
    questions: z.array(
      z.object({ number: z.number().int(), points: z.number().int(), question: questionSummarySchema }),
    ),
    answerKey: z.array(
      z.object({
        number: z.number().int(),
        questionId: z.string(),
        answer: z.string(),
        solutionSteps: z.array(z.string()),
      }),
    ),
  })
  .openapi('Midterm');

const generate = createRoute({
  method: 'post',
  path: '/generate',
  tags: ['Exam Prep: midterms'],
  summary: 'Generate a practice midterm shaped like the real ones (3 credits)',
  security: bearerSecurity,
  middleware: [requireUser] as const,
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
            .openapi({ description: 'Letters, digits, - and _ (at most 64), or an integer; 7 and "7" are one seed' }),
        })
        .openapi('MidtermRequest'),
    ),
  },
  responses: {
    200: jsonContent(z.object({ midterm: midtermSchema, charged: z.number().int() }), 'The midterm and its answer key'),
    ...errorsFor({ auth: true, extra: [402, 404] }),
  },
});

export function midtermRoutes(deps: ServiceDeps) {
  const router = createRouter();
  router.use('/generate', expensiveRouteLimit(deps, 'midterm'));
  return router.openapi(generate, async (c) =>
    c.json(await createMidterm(deps, { userId: currentUser(c).id, ...c.req.valid('json') }), 200),
  );
}
