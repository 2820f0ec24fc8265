import type { Context } from 'hono';
import { chatRoutes } from './coach/chat/chat.routes.js';
import { draftRoutes } from './coach/drafts/drafts.routes.js';
import { profileRoutes } from './coach/profiles/profiles.routes.js';
import { projectRoutes } from './coach/projects/projects.routes.js';
import { adminRoutes } from './coach/usage/admin.routes.js';
import { analysisRoutes } from './exam/analysis/analysis.routes.js';
import { assessmentRoutes } from './exam/assessment/assessment.routes.js';
import { attemptsRoutes } from './exam/attempts/attempts.routes.js';
import { coursesRoutes } from './exam/courses/courses.routes.js';
import { enrollmentRoutes } from './exam/enrollment/enrollment.routes.js';
import { missingCourseIds } from './exam/ingest/seed.js';
import { meRoutes } from './exam/me/me.routes.js';
import { midtermRoutes } from './exam/midterm/midterm.routes.js';
import { midtermsRoutes } from './exam/midterm/midterms.routes.js';
import { questionsRoutes } from './exam/questions/questions.routes.js';
import { accountRoutes } from './platform/auth/account.routes.js';
import { callerLookup } from './platform/auth/auth.middleware.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { billingRoutes, stripeWebhookRoutes } from './platform/billing/billing.routes.js';
import type { AppEnv } from './platform/context.js';
import { creditsRoutes } from './platform/credits/credits.routes.js';
import { transactionsRoutes } from './platform/credits/transactions.routes.js';
import { type AppDeps, serviceDeps } from './platform/deps.js';
import { allowedMethodsOf } from './platform/http/allowed-methods.js';
import { mountApiReference } from './platform/http/docs.js';
import { requestEdge } from './platform/http/edge.js';
import { errorHandler, routeNotFoundHandler } from './platform/http/error-handler.js';
import { type PresetHeader, presetWithHono } from './platform/http/preset-header.js';
import { RememberingRouter } from './platform/http/remembering-router.js';
import { createRouter } from './platform/http/router.js';
import { expensiveRouteLimit } from './platform/limits/expensive-routes.js';
import { byIp, rateLimit } from './platform/limits/rate-limit.middleware.js';
import { opsRoutes } from './platform/observability/ops.routes.js';
import { requestObserver } from './platform/observability/request-log.js';
import { HASHED_ASSET_PREFIX, hashedAssets, type WebAssets, webAppFallback } from './platform/web/web-app.js';

export const VERSION = '0.1.0';

export interface CreateAppOptions extends AppDeps {
  /** How the runtime reports the client's address (Node: the socket; Workers: CF-Connecting-IP). */
  clientIp?: (c: Context<AppEnv>) => string;
  startedAt?: Date;
  /**
   * How the runtime sets a response header before the handler runs (Node: on the ServerResponse); Hono's
   * `c.header()` without it.
   */
  presetHeader?: PresetHeader;
  /** Courses the catalogue must hold before /ready says ready (the demo courses when the server seeds them). */
  requiredCourseIds?: readonly string[];
  /** Serves /docs's script from our own origin (Node: read from node_modules); without it the page uses a CDN. */
  apiReferenceScript?: () => Promise<string>;
  /** The built web app (Node: read from dist/web); without it only the API serves (Workers serve it as static assets). */
  webAssets?: WebAssets;
}

const CHAT_STREAM = /^\/api\/v1\/monetization\/projects\/[^/]+\/chat$/;
/** Server-Sent Events routes: their responses last as long as the reply, so the request timeout does not apply. */
const isStreamingRoute = (c: Context<AppEnv>) => c.req.method === 'POST' && CHAT_STREAM.test(c.req.path);

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/** Builds the whole HTTP app from its dependencies; the same function serves production and tests. */
export function createApp(options: CreateAppOptions) {
  const deps = serviceDeps(options);
  const startedAt = options.startedAt ?? options.clock.now();
  const requiredCourseIds = options.requiredCourseIds ?? [];
  const app = createRouter({ matcher: new RememberingRouter() });

  const onError = errorHandler(options.logger);
  // The API's routes know their caller (a bearer token's user, or anonymous); probes, docs and metrics do not ask.
  const lookupCaller = callerLookup(deps);
  if (options.webAssets) app.use(`${HASHED_ASSET_PREFIX}*`, hashedAssets(options.webAssets));
  app.use(
    '*',
    requestEdge({
      presetHeader: options.presetHeader ?? presetWithHono,
      clientIp: options.clientIp,
      corsOrigins: options.config.CORS_ORIGINS,
      bodyLimitBytes: options.config.BODY_LIMIT_BYTES,
      timeoutMs: options.config.REQUEST_TIMEOUT_MS,
      skipTimeout: isStreamingRoute,
      onError,
      observe: requestObserver(options),
      beforeRoute: (c) => (isApiPath(c.req.path) ? lookupCaller(c) : undefined),
    }),
  );
  const authLimit = rateLimit(deps, {
    name: 'auth',
    limit: options.config.AUTH_RATE_LIMIT_PER_MINUTE,
    windowMs: 60_000,
    key: byIp,
  });
  app.use('/api/auth/register', authLimit);
  app.use('/api/auth/login', authLimit);
  app.use('/api/auth/password-reset', authLimit);
  app.use('/api/auth/password-reset/confirm', authLimit);
  app.use('/api/v1/monetization/projects/:id/chat', expensiveRouteLimit(deps, 'chat'));
  app.onError(onError);
  const routeNotFound = routeNotFoundHandler(allowedMethodsOf(() => app.routes));
  // What no route answers: the web app's files and client routes (GET and HEAD only), else the JSON 404 or 405.
  app.notFound(options.webAssets ? webAppFallback(options.webAssets, routeNotFound) : routeNotFound);

  app.route('/api/auth', authRoutes(deps));
  app.route('/api/auth', accountRoutes(deps));
  app.route('/api/credits', creditsRoutes(deps));
  app.route('/api/credits', transactionsRoutes(deps));
  app.route('/api/credits', billingRoutes(deps));
  app.route('/api/webhooks/stripe', stripeWebhookRoutes(deps));
  app.route('/api/courses', coursesRoutes(deps));
  app.route('/api/courses', enrollmentRoutes(deps));
  app.route('/api/courses', analysisRoutes(deps));
  app.route('/api/questions', questionsRoutes(deps));
  app.route('/api/questions', attemptsRoutes(deps));
  app.route('/api/midterm', midtermRoutes(deps));
  app.route('/api/midterms', midtermsRoutes(deps));
  app.route('/api/assessment', assessmentRoutes(deps));
  app.route('/api/me', meRoutes(deps));

  const coach = '/api/v1/monetization';
  app.route(coach, profileRoutes(deps));
  app.route(coach, projectRoutes(deps));
  app.route(coach, chatRoutes(deps));
  app.route(coach, draftRoutes(deps));
  app.route(coach, adminRoutes(deps));

  app.route(
    '/',
    opsRoutes({
      version: VERSION,
      startedAt,
      clock: options.clock,
      database: options.database,
      ai: options.ai,
      metrics: options.metrics,
      lifecycle: options.lifecycle,
      metricsToken: options.config.METRICS_TOKEN,
      missingCourses: requiredCourseIds.length > 0 ? () => missingCourseIds(deps.db, requiredCourseIds) : undefined,
    }),
  );
  mountApiReference(app, { loadScript: options.apiReferenceScript });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A session token from /api/auth/register or /api/auth/login',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'METRICS_TOKEN, when the deployment sets one (/metrics only)',
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
