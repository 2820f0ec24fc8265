import { affectedRows } from '../../db/atomic.js';
import type { UserRow } from '../../db/schema.js';
import type { StripeClient } from '../billing/stripe-client.js';
import { billingNotConfigured, fromStripeError } from '../billing/stripe-client.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { newId, newSortableId } from '../ids.js';
import { incrementBucket, readBucket } from '../limits/rate-limit.service.js';
import { fixedWindow } from '../limits/window.js';
import * as accountRepo from './account.repo.js';
import * as repo from './auth.repo.js';
import { describeDevice } from './device.js';
import { hashPassword, PasswordCostError, verifyPassword } from './password.js';

export type AccountDeps = ServiceDeps & {
  /** Undefined when STRIPE_SECRET_KEY is not set. */
  stripe: StripeClient | undefined;
};

/** The account routes' caller: the user and the session the request came with. */
export interface Caller {
  userId: string;
  sessionId: string;
}

async function activeUser(deps: ServiceDeps, userId: string): Promise<UserRow> {
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new AppError('unauthorized', 'The account no longer exists');
  return user;
}

/**
 * Checks the password a sensitive action asks for again. Wrong answers count like failed logins (LOGIN_MAX_FAILURES
 * per LOGIN_WINDOW_SECONDS, per user), so a stolen session cannot be used to guess the password. A wrong password is
 * 403, not 401: the session is fine, and a client that sends 401s to the login page must not do so here.
 */
async function confirmPassword(deps: ServiceDeps, user: UserRow, password: string, field: string): Promise<void> {
  const window = fixedWindow(deps.clock.now(), deps.config.LOGIN_WINDOW_SECONDS * 1000);
  const key = `password-check-failures:user:${user.id}`;
  if ((await readBucket(deps.db, key, window.start)) >= deps.config.LOGIN_MAX_FAILURES) {
    throw new AppError('too_many_login_attempts', 'Too many wrong passwords; try again later', {
      retryAfter: window.retryAfterSeconds,
    });
  }
  let valid: boolean;
  try {
    valid = await verifyPassword(password, user.password_hash, { maxIterations: deps.config.PASSWORD_MAX_ITERATIONS });
  } catch (error) {
    if (!(error instanceof PasswordCostError)) throw error;
    throw new AppError(
      'password_reset_required',
      'This password was stored with a stronger hash than this server can check; reset your password first',
      { details: { iterations: error.iterations, maxIterations: error.maxIterations } },
    );
  }
  if (!valid) {
    await incrementBucket(deps.db, key, window.start);
    throw new AppError('wrong_password', 'The password is not correct', { details: { field } });
  }
}

export function hashNewPassword(deps: ServiceDeps, password: string): Promise<string> {
  return hashPassword(password, deps.config.PASSWORD_ITERATIONS, {
    maxIterations: deps.config.PASSWORD_MAX_ITERATIONS,
  });
}

/** Changes the password after checking the current one; every other session of the user ends, this one stays. */
export async function changePassword(
  deps: ServiceDeps,
  caller: Caller,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await activeUser(deps, caller.userId);
  await confirmPassword(deps, user, input.currentPassword, 'currentPassword');
  const passwordHash = await hashNewPassword(deps, input.newPassword);
  await deps.atomic(
    accountRepo.passwordChangeStatements(deps.db, {
      userId: user.id,
      passwordHash,
      keepSessionId: caller.sessionId,
      nowIso: deps.clock.now().toISOString(),
    }),
  );
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  current: boolean;
  device: { description: string; userAgent: string | null; ipAddress: string | null };
}

/** The caller's live sessions. The id is the session's public id: never the token, never its hash. */
export async function listSessions(deps: ServiceDeps, caller: Caller): Promise<SessionView[]> {
  const rows = await accountRepo.findLiveSessions(deps.db, caller.userId, deps.clock.now().toISOString());
  return rows.map((row) => ({
    id: row.public_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_refreshed_at,
    expiresAt: row.expires_at,
    current: row.id === caller.sessionId,
    device: { description: describeDevice(row.user_agent), userAgent: row.user_agent, ipAddress: row.ip_address },
  }));
}

/** Ends one of the caller's sessions (the current one too: that is a logout). Another user's session is a 404. */
export async function revokeSession(deps: ServiceDeps, caller: Caller, publicId: string): Promise<void> {
  if (!(await accountRepo.deleteSessionByPublicId(deps.db, caller.userId, publicId))) {
    throw new AppError('not_found', 'Session not found');
  }
}

/**
 * Deletes the caller's account after checking the password (docs/ACCOUNTS.md says what goes and what stays). The
 * Stripe customer is deleted first, which also cancels a running subscription: if Stripe cannot be reached the request
 * fails with nothing deleted, and can be retried.
 */
export async function deleteAccount(deps: AccountDeps, caller: Caller, input: { password: string }): Promise<void> {
  const user = await activeUser(deps, caller.userId);
  await confirmPassword(deps, user, input.password, 'password');
  await releaseStripeCustomer(deps, user);
  const now = deps.clock.now();
  const results = await deps.atomic(
    accountRepo.accountDeletionStatements(deps.db, {
      userId: user.id,
      tombstoneId: newId(),
      ledgerId: newSortableId(now),
      nowIso: now.toISOString(),
    }),
  );
  // Deleted by a concurrent request in between: nothing more to do, and this caller's session is gone with it. (Not
  // `=== 1`: D1 counts the rows the delete cascaded to as well.)
  if (affectedRows(results.at(-1)) === 0) throw new AppError('unauthorized', 'The account no longer exists');
  deps.logger.info({ userId: user.id }, 'account deleted');
}

async function releaseStripeCustomer(deps: AccountDeps, user: UserRow): Promise<void> {
  const customerId = user.stripe_customer_id;
  if (!customerId) return;
  if (!deps.stripe) {
    // A live subscription would go on charging a deleted account: refuse until billing is configured again.
    if (user.stripe_subscription_id) throw billingNotConfigured('STRIPE_SECRET_KEY');
    deps.logger.warn(
      { userId: user.id, customerId },
      'account deleted without Stripe configured: its Stripe customer was left as it is',
    );
    return;
  }
  try {
    await deps.stripe.customers.del(customerId);
  } catch (error) {
    // Already gone (deleted in the dashboard, or another Stripe account's id): nothing left to release.
    if ((error as { code?: string }).code === 'resource_missing') return;
    throw fromStripeError(error);
  }
}
