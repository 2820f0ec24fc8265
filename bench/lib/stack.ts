/**
 * The app's middleware stack, rebuildable one layer at a time around the real course and question routes: the first
 * `layers` of the app's middlewares before the caller lookup, in src/app.ts's order, as on Node (headers preset on
 * the ServerResponse: serve it with `nodeServerOptions`, as main.ts does). Used by the middleware load scenario
 * (bench/baseline/stack-server.ts) and bench/inprocess.ts.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../../src/config.js';
import { coursesRoutes } from '../../src/exam/courses/courses.routes.js';
import { questionsRoutes } from '../../src/exam/questions/questions.routes.js';
import { identifyCaller } from '../../src/platform/auth/auth.middleware.js';
import type { AppEnv } from '../../src/platform/context.js';
import type { ServiceDeps } from '../../src/platform/deps.js';
import { clientAddress } from '../../src/platform/http/client-ip.js';
import { errorHandler, notFoundHandler } from '../../src/platform/http/error-handler.js';
import { corsAllowlist, limitBody, presetSecurityHeaders, requestTimeout } from '../../src/platform/http/hardening.js';
import { presetOnServerResponse } from '../../src/platform/http/node-preset-header.js';
import { requestId } from '../../src/platform/http/request-id.js';
import { createRouter } from '../../src/platform/http/router.js';
import type { Logger } from '../../src/platform/logger.js';
import type { Metrics } from '../../src/platform/observability/metrics.js';
import { requestObserver } from '../../src/platform/observability/request-log.js';

// The app runs the request log and the security headers inside one edge middleware (src/app.ts, requestEdge); the
// layer table measures each alone, so here they are middlewares of their own.
function observeRequests(deps: Parameters<typeof requestObserver>[0]): MiddlewareHandler<AppEnv> {
  const observe = requestObserver(deps);
  return async (c, next) => {
    const startedAt = performance.now();
    await next();
    observe(c, startedAt);
  };
}

function securityHeaders(presetHeader: Parameters<typeof presetSecurityHeaders>[1]): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    presetSecurityHeaders(c, presetHeader);
    return next();
  };
}

/** The app's middlewares before the caller lookup, in its order. */
export function appLayers(config: Env, logger: Logger, metrics: Metrics): Array<[string, MiddlewareHandler<AppEnv>]> {
  return [
    ['request id', requestId(presetOnServerResponse)],
    [
      'client address',
      // As the request edge does it: how to find the address, looked up only when a route asks (`clientIp(c)`).
      (c, next) => {
        c.set('resolveClientIp', (ctx) =>
          clientAddress(getConnInfo(ctx).remote.address, ctx.req.header('x-forwarded-for'), 0),
        );
        return next();
      },
    ],
    ['request log + metrics', observeRequests({ logger, metrics })],
    ['security headers', securityHeaders(presetOnServerResponse)],
    ['CORS', corsAllowlist(config.CORS_ORIGINS, presetOnServerResponse)],
    ['body limit', limitBody(config.BODY_LIMIT_BYTES)],
    ['request timeout', requestTimeout(config.REQUEST_TIMEOUT_MS)],
  ];
}

/** The course and question routes behind the caller lookup and the first `layers` middlewares. */
export function buildStack(
  deps: ServiceDeps,
  layers: ReadonlyArray<[string, MiddlewareHandler<AppEnv>]>,
  count: number,
) {
  const app = createRouter();
  for (const [, layer] of layers.slice(0, count)) app.use('*', layer);
  app.use('/api/*', identifyCaller(deps));
  app.onError(errorHandler(deps.logger));
  app.notFound(notFoundHandler);
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/layers', (c) => c.json({ layers: layers.map(([name]) => name) }));
  app.route('/api/courses', coursesRoutes(deps));
  app.route('/api/questions', questionsRoutes(deps));
  return app;
}
