import { createRoute } from '@hono/zod-openapi';
import type { ServiceDeps } from '../deps.js';
import { clientIp } from '../http/client-ip.js';
import { errorsFor, jsonBody, jsonContent, jsonResponses } from '../http/openapi-helpers.js';
import { createRouter } from '../http/router.js';
import { currentUser, signedInRoute } from './auth.middleware.js';
import {
  loginBodySchema,
  loginResponseSchema,
  meResponseSchema,
  registerBodySchema,
  sessionResponseSchema,
} from './auth.schemas.js';
import { getUser, loginUser, logoutSession, registerUser } from './auth.service.js';

const register = createRoute({
  method: 'post',
  path: '/register',
  tags: ['Auth'],
  summary: 'Create an account and a session',
  request: { body: jsonBody(registerBodySchema) },
  responses: jsonResponses(201, sessionResponseSchema, 'The new user and a session token', [409]),
});

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['Auth'],
  summary: 'Start a session',
  description:
    '409 `password_reset_required`: the stored hash needs more PBKDF2 iterations than this runtime computes ' +
    '(a Cloudflare Workers deployment reading a hash made by a Node server); the user must reset the password.',
  request: { body: jsonBody(loginBodySchema) },
  responses: {
    200: jsonContent(loginResponseSchema, "The user, a session token and this device's token"),
    ...errorsFor({ auth: true, extra: [409] }),
  },
});

const logout = signedInRoute({
  method: 'post',
  path: '/logout',
  tags: ['Auth'],
  summary: 'End the current session',
  responses: { 204: { description: 'The token no longer works' }, ...errorsFor() },
});

const me = signedInRoute({
  method: 'get',
  path: '/me',
  tags: ['Auth'],
  summary: 'The current user',
  responses: jsonResponses(200, meResponseSchema, 'The current user'),
});

export function authRoutes(deps: ServiceDeps) {
  return createRouter()
    .openapi(register, async (c) => {
      const device = { userAgent: c.req.header('user-agent'), ip: clientIp(c) };
      return c.json(await registerUser(deps, { ...c.req.valid('json'), device }), 201);
    })
    .openapi(login, async (c) => {
      const body = c.req.valid('json');
      return c.json(await loginUser(deps, { ...body, ip: clientIp(c), userAgent: c.req.header('user-agent') }), 200);
    })
    .openapi(logout, async (c) => {
      await logoutSession(deps, c.get('sessionId') ?? '');
      return c.body(null, 204);
    })
    .openapi(me, async (c) => c.json({ user: await getUser(deps, currentUser(c).id) }, 200));
}
