import { affectedRows } from '../../db/atomic.js';
import type { NewUser, UserRow } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { DAY_MS } from '../clock.js';
import { insertLedgerEntry } from '../credits/credits.repo.js';
import { signupLedgerQuery } from '../credits/credits-batch.repo.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { newId, newSortableId } from '../ids.js';
import { clearBucket, incrementBucket, readBucket } from '../limits/rate-limit.repo.js';
import { fixedWindow } from '../limits/window.js';
import * as repo from './auth.repo.js';
import type { AuthUser } from './auth.types.js';
import {
  hashPassword,
  PasswordCostError,
  type PasswordCostLimit,
  parsePasswordHash,
  verifyPassword,
} from './password.js';
import { hashToken, newSessionToken } from './tokens.js';

export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  role: 'user' | 'admin';
  plan: 'free' | 'starter' | 'unlimited';
  credits: number;
  createdAt: string;
}

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    plan: row.plan,
    credits: row.credits,
    createdAt: row.created_at,
  };
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** New users start on the free plan with 5 credits; the monthly top-up comes a month after sign-up. */
export const FREE_PLAN_CREDITS = 5;

/** What a session remembers of the device that started it, for the sessions list. */
export interface DeviceHints {
  userAgent?: string | undefined;
  ip?: string | undefined;
}

const MAX_USER_AGENT = 512;

/** The row of a new session for `token` (stored as its hash, with a random public id and the device hints). */
export async function sessionRecord(
  deps: ServiceDeps,
  input: { userId: string; token: string; device?: DeviceHints | undefined },
): Promise<repo.NewSession> {
  const now = deps.clock.now();
  const ip = input.device?.ip;
  return {
    id: await hashToken(input.token),
    publicId: newId(),
    userId: input.userId,
    expiresAt: new Date(now.getTime() + deps.config.SESSION_TTL_DAYS * DAY_MS).toISOString(),
    nowIso: now.toISOString(),
    userAgent: input.device?.userAgent?.slice(0, MAX_USER_AGENT) || null,
    ipAddress: ip && ip !== 'unknown' ? ip : null,
  };
}

/** Starts a session and returns its bearer token (the database keeps only the token's hash). */
export async function startSession(deps: ServiceDeps, userId: string, device: DeviceHints = {}): Promise<string> {
  const token = newSessionToken();
  await repo.insertSession(deps.db, await sessionRecord(deps, { userId, token, device }));
  return token;
}

export async function registerUser(
  deps: ServiceDeps,
  input: { email: string; password: string; name?: string | undefined; device?: DeviceHints },
): Promise<{ token: string; user: PublicUser }> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  const id = newId();
  const passwordHash = await hashPassword(input.password, deps.config.PASSWORD_ITERATIONS, costLimit(deps));
  const newUser: NewUser = {
    id,
    email,
    name: input.name?.trim() || null,
    password_hash: passwordHash,
    credits: FREE_PLAN_CREDITS,
    monthly_credits: FREE_PLAN_CREDITS,
    plan: 'free',
    credits_reset_at: addOneMonth(now).getTime(),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const bonus = {
    userId: id,
    amount: FREE_PLAN_CREDITS,
    type: 'signup_bonus',
    description: 'Free plan credits',
    nowIso: now.toISOString(),
  };
  let inserted: boolean;
  if (deps.atomicBatch) {
    // D1: one batch; the ledger row is written only if the user row (under its fresh id) was.
    const [user] = await deps.atomicBatch([
      repo.insertUserQuery(deps.db, newUser),
      signupLedgerQuery(deps.db, { ...bonus, ledgerId: newSortableId(now) }),
    ]);
    inserted = affectedRows(user) === 1;
  } else {
    inserted = await withTransaction(deps.db, async (tx) => {
      const ok = await repo.insertUser(tx, newUser);
      if (ok) await insertLedgerEntry(tx, { ...bonus, balanceAfter: FREE_PLAN_CREDITS });
      return ok;
    });
  }
  if (!inserted) throw new AppError('email_taken', 'An account with this email already exists');
  const user = await repo.findUserById(deps.db, id);
  if (!user) throw new Error(`user ${id} vanished after insert`);
  return { token: await startSession(deps, id, input.device), user: toPublicUser(user) };
}

export function addOneMonth(date: Date): Date {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

const LOGIN_FAILED = 'Email or password is incorrect';
// Verifying against a real hash when the email is unknown keeps the response time the same either way. Kept as a
// string per iteration count, not a promise: Workers refuse to resume one request on a promise made by another.
const decoyHashes = new Map<number, string>();
async function decoyHash(iterations: number, limit: PasswordCostLimit): Promise<string> {
  let hash = decoyHashes.get(iterations);
  if (!hash) {
    hash = await hashPassword('decoy-password', iterations, limit);
    decoyHashes.set(iterations, hash);
  }
  return hash;
}

const costLimit = (deps: ServiceDeps): PasswordCostLimit => ({ maxIterations: deps.config.PASSWORD_MAX_ITERATIONS });

export async function loginUser(
  deps: ServiceDeps,
  input: { email: string; password: string; ip: string; userAgent?: string | undefined },
): Promise<{ token: string; user: PublicUser }> {
  const email = normalizeEmail(input.email);
  const window = fixedWindow(deps.clock.now(), deps.config.LOGIN_WINDOW_SECONDS * 1000);
  const keys = [`login-failures:email:${email}`, `login-failures:ip:${input.ip}`];
  for (const key of keys) {
    if ((await readBucket(deps.db, key, window.start)) >= deps.config.LOGIN_MAX_FAILURES) {
      throw new AppError('too_many_login_attempts', 'Too many failed logins; try again later', {
        retryAfter: window.retryAfterSeconds,
      });
    }
  }

  const user = await repo.findUserByEmail(deps.db, email);
  const limit = costLimit(deps);
  const active = user !== undefined && (user.is_active === true || user.is_active === 1);
  let valid: boolean;
  try {
    valid = await verifyPassword(
      input.password,
      user?.password_hash ?? (await decoyHash(deps.config.PASSWORD_ITERATIONS, limit)),
      limit,
    );
  } catch (error) {
    if (!(error instanceof PasswordCostError)) throw error;
    if (!active) throw new AppError('unauthorized', LOGIN_FAILED);
    // Hashed where more PBKDF2 rounds are allowed (a Node server) than here (Workers: 100,000). Nothing was checked,
    // so nothing counts as a failed login; only a new password, hashed at this runtime's cost, gets the user in.
    throw new AppError(
      'password_reset_required',
      'This password was stored with a stronger hash than this server can check; reset your password to sign in',
      { details: { iterations: error.iterations, maxIterations: error.maxIterations } },
    );
  }
  if (!user || !valid || !active) {
    for (const key of keys) await incrementBucket(deps.db, key, window.start);
    throw new AppError('unauthorized', LOGIN_FAILED);
  }
  await clearBucket(deps.db, keys[0]!, window.start);

  const stored = parsePasswordHash(user.password_hash);
  if (stored && stored.iterations < deps.config.PASSWORD_ITERATIONS) {
    // The configured cost went up since this hash was made: upgrade it while we know the password.
    const upgraded = await hashPassword(input.password, deps.config.PASSWORD_ITERATIONS, limit);
    await repo.updatePasswordHash(deps.db, user.id, upgraded, deps.clock.now().toISOString());
  }
  return {
    token: await startSession(deps, user.id, { userAgent: input.userAgent, ip: input.ip }),
    user: toPublicUser(user),
  };
}

export async function logoutSession(deps: ServiceDeps, sessionId: string): Promise<void> {
  await repo.deleteSession(deps.db, sessionId);
}

/**
 * Resolves a bearer token to its user. The expiry slides: a session used within its lifetime is extended,
 * at most once a day so reads do not turn into writes.
 */
export async function authenticateToken(
  deps: ServiceDeps,
  token: string,
): Promise<{ user: AuthUser; sessionId: string } | undefined> {
  const hashed = hashToken(token);
  const sessionId = typeof hashed === 'string' ? hashed : await hashed;
  const now = deps.clock.now();
  const row = await repo.findSessionUser(deps.db, sessionId, now.toISOString());
  if (!row || !(row.is_active === true || row.is_active === 1)) return undefined;
  if (now.getTime() - new Date(row.last_refreshed_at).getTime() > DAY_MS) {
    const expiresAt = new Date(now.getTime() + deps.config.SESSION_TTL_DAYS * DAY_MS).toISOString();
    await repo.extendSession(deps.db, sessionId, expiresAt, now.toISOString());
  }
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, sessionId };
}

export async function getUser(deps: ServiceDeps, userId: string): Promise<PublicUser> {
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new AppError('unauthorized', 'The account no longer exists');
  return toPublicUser(user);
}
