import { createRoute, z } from '@hono/zod-openapi';
import { createStripeClient, type StripeClient } from '../billing/stripe-client.js';
import type { ServiceDeps } from '../deps.js';
import { clientIp } from '../http/client-ip.js';
import { errorsFor, idParam, jsonBody, jsonResponses } from '../http/openapi-helpers.js';
import { createRouter } from '../http/router.js';
import {
  changePasswordBodySchema,
  deleteAccountBodySchema,
  passwordResetBodySchema,
  passwordResetConfirmBodySchema,
  passwordResetResponseSchema,
  sessionsResponseSchema,
} from './account.schemas.js';
import { type Caller, changePassword, deleteAccount, listSessions, revokeSession } from './account.service.js';
import { currentUser, signedInRoute } from './auth.middleware.js';
import { sessionResponseSchema } from './auth.schemas.js';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service.js';

const tags = ['Auth'];

const passwordCheckErrors =
  '403 `wrong_password`: the password given is not the current one (`details.field` names the field); wrong answers ' +
  'count like failed logins, and too many get 429 `too_many_login_attempts`. 409 `password_reset_required`: the ' +
  'stored hash is stronger than this runtime checks (see login).';

const changePasswordRoute = signedInRoute({
  method: 'post',
  path: '/password',
  tags,
  summary: 'Change the password; every other session ends',
  description: passwordCheckErrors,
  request: { body: jsonBody(changePasswordBodySchema) },
  responses: {
    204: { description: 'Changed; this session stays, every other one is revoked' },
    ...errorsFor({ extra: [403, 409] }),
  },
});

const sessionsRoute = signedInRoute({
  method: 'get',
  path: '/sessions',
  tags,
  summary: "The caller's sessions, most recently used first",
  responses: jsonResponses(200, sessionsResponseSchema, 'Live sessions'),
});

const revokeSessionRoute = signedInRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags,
  summary: 'Revoke one of the caller’s sessions',
  description: 'Revoking the current session is a logout. Another user’s session is a 404.',
  request: { params: z.object({ id: idParam('id', '3f1c2a9e-0b7d-4c58-9f0e-2d6a1b5c7e84') }) },
  responses: { 204: { description: 'Revoked' }, ...errorsFor({ extra: [404] }) },
});

const deleteAccountRoute = signedInRoute({
  method: 'delete',
  path: '/me',
  tags,
  summary: 'Delete the account',
  description:
    'Removes the personal data and every session, keeps the ledger under an anonymous tombstone for accounting, ' +
    'deletes the Stripe customer (ending a subscription), and frees the email (docs/ACCOUNTS.md). ' +
    `${passwordCheckErrors} 503: Stripe could not be reached, or the account has a subscription and billing is not ` +
    'configured; nothing was deleted.',
  request: { body: jsonBody(deleteAccountBodySchema) },
  responses: {
    204: { description: 'Deleted; the token no longer works' },
    ...errorsFor({ extra: [403, 409, 503] }),
  },
});

const requestResetRoute = createRoute({
  method: 'post',
  path: '/password-reset',
  tags,
  summary: 'Email a password-reset link',
  description:
    'Answers the same whether or not an account has that email. The link (`PUBLIC_URL/reset-password?token=...`) ' +
    'works once, for PASSWORD_RESET_TTL_MINUTES; at most PASSWORD_RESET_MAX_PER_HOUR are sent to one address an ' +
    'hour, and the route shares the per-IP limit of register and login.',
  request: { body: jsonBody(passwordResetBodySchema) },
  responses: jsonResponses(202, passwordResetResponseSchema, 'Accepted; a link is on its way if the account exists'),
});

const confirmResetRoute = createRoute({
  method: 'post',
  path: '/password-reset/confirm',
  tags,
  summary: 'Set a new password with a reset token, and sign in',
  description:
    'Every existing session of the account ends and its other reset links are voided; the answer carries a new ' +
    'session. 400 `invalid_reset_token`: the token is unknown, expired or used.',
  request: { body: jsonBody(passwordResetConfirmBodySchema) },
  responses: jsonResponses(200, sessionResponseSchema, 'The user and a new session token', [400]),
});

/** The account routes under /api/auth: password change, sessions, account deletion, password reset. */
export function accountRoutes(deps: ServiceDeps, options: { stripe?: StripeClient } = {}) {
  const account = { ...deps, stripe: options.stripe ?? createStripeClient(deps.config) };
  const caller = (c: Parameters<typeof currentUser>[0] & { get(key: 'sessionId'): string | undefined }): Caller => ({
    userId: currentUser(c).id,
    sessionId: c.get('sessionId') ?? '',
  });
  return createRouter()
    .openapi(changePasswordRoute, async (c) => {
      await changePassword(deps, caller(c), c.req.valid('json'));
      return c.body(null, 204);
    })
    .openapi(sessionsRoute, async (c) => c.json({ sessions: await listSessions(deps, caller(c)) }, 200))
    .openapi(revokeSessionRoute, async (c) => {
      await revokeSession(deps, caller(c), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(deleteAccountRoute, async (c) => {
      await deleteAccount(account, caller(c), c.req.valid('json'));
      return c.body(null, 204);
    })
    .openapi(requestResetRoute, async (c) => c.json(await requestPasswordReset(deps, c.req.valid('json')), 202))
    .openapi(confirmResetRoute, async (c) => {
      const device = { userAgent: c.req.header('user-agent'), ip: clientIp(c) };
      return c.json(await confirmPasswordReset(deps, { ...c.req.valid('json'), device }), 200);
    });
}
