import type { Context } from 'hono';
import { coursesRoutes } from './exam/courses/courses.routes.js';
import { midtermRoutes } from './exam/midterm/midterm.routes.js';
import { questionsRoutes } from './exam/questions/questions.routes.js';
import { identifyCaller } from './platform/auth/auth.middleware.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import type { AppEnv } from './platform/context.js';
import { creditsRoutes } from './platform/credits/credits.routes.js';
import { type AppDeps, serviceDeps } from './platform/deps.js';
import { errorHandler, notFoundHandler } from './platform/http/error-handler.js';
import { requestId } from './platform/http/request-id.js';
import { createRouter } from './platform/http/router.js';
import { migrationsAreCurrent } from './db/migrate.js';

export const VERSION = '0.1.0';

export interface CreateAppOptions extends AppDeps {
  /** How the runtime reports the client's address (Node: the socket; Workers: CF-Connecting-IP). */
  clientIp?: (c: Context<AppEnv>) => string;
  startedAt?: Date;
}

/** Builds the whole HTTP app from its dependencies; the same function serves production and tests. */
export function createApp(options: CreateAppOptions) {
  const deps = serviceDeps(options);
  const startedAt = options.startedAt ?? options.clock.now();
  const app = createRouter();

  app.use('*', requestId);
  app.use('*', async (c, next) => {
    c.set('clientIp', options.clientIp?.(c) ?? 'unknown');
    await next();
  });
  app.use('/api/*', identifyCaller(deps));
  app.onError(errorHandler(options.logger));
  app.notFound(notFoundHandler);

  app.route('/api/auth', authRoutes(deps));
  app.route('/api/credits', creditsRoutes(deps));
  app.route('/api/courses', coursesRoutes(deps));
  app.route('/api/questions', questionsRoutes(deps));
  app.route('/api/midterm', midtermRoutes(deps));

  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      version: VERSION,
      uptimeSeconds: Math.round((options.clock.now().getTime() - startedAt.getTime()) / 1000),
      database: options.database.dialect,
    }),
  );
  app.get('/ready', async (c) => {
    try {
      const current = await migrationsAreCurrent(options.database.db);
      return c.json({ status: current ? 'ready' : 'migrations_pending' }, current ? 200 : 503);
    } catch {
      return c.json({ status: 'database_unreachable' }, 503);
    }
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A session token from /api/auth/register or /api/auth/login',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Pathwise API',
      version: VERSION,
      description:
        'Exam Prep (calculus courses, past-exam analysis, practice, midterms) and Creator Coach (monetization projects ' +
        'with a streaming AI coach) on one platform. Errors are always `{ error: { code, message, details?, requestId } }`.',
    },
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
