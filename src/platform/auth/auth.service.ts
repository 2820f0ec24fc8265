import { affectedRows } from '../../db/atomic.js';
import type { NewUser, UserRow } from '../../db/schema.js';
import { DAY_MS } from '../clock.js';
import { addOneMonth, FREE_PLAN_CREDITS, openingBalanceStatement } from '../credits/ledger.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { newId, newSortableId } from '../ids.js';
import { decrementBucket, incrementBucket } from '../limits/rate-limit.service.js';
import { fixedWindow } from '../limits/window.js';
import * as repo from './auth.repo.js';
import type { AuthUser } from './auth.types.js';
import { issueDeviceToken, verifyDeviceToken } from './login-device.js';
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
  // New users start on the free plan; the monthly top-up comes a month after sign-up. The opening ledger row is
  // written only if the user row (under its fresh id) was, so a taken email writes neither.
  const [userInsert] = await deps.atomic([
    repo.insertUserQuery(deps.db, newUser),
    openingBalanceStatement(deps.db, {
      ledgerId: newSortableId(now),
      userId: id,
      type: 'signup_bonus',
      description: 'Free plan credits',
      nowIso: now.toISOString(),
    }),
  ]);
  if (affectedRows(userInsert) !== 1) throw new AppError('email_taken', 'An account with this email already exists');
  const user = await repo.findUserById(deps.db, id);
  if (!user) throw new Error(`user ${id} vanished after insert`);
  return { token: await startSession(deps, id, input.device), user: toPublicUser(user) };
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

/**
 * Signs in, throttled per account as OWASP's authentication guidance describes (docs/SECURITY.md has the numbers).
 * Each attempt is counted, atomically, before the password is checked: however many connections and addresses an
 * attacker uses, at most LOGIN_MAX_FAILURES guesses per account are checked in a LOGIN_WINDOW_SECONDS window.
 * A client that presents a device token of the account (given by an earlier successful login) is counted on its own,
 * so guesses from elsewhere never lock the owner out of a device they used before; from a new device the owner waits
 * at most the rest of the window. Addresses are not locked out (one NAT can be a whole campus): the per-address
 * request rate limit applies to them.
 */
export async function loginUser(
  deps: ServiceDeps,
  input: {
    email: string;
    password: string;
    deviceToken?: string | undefined;
    ip?: string | undefined;
    userAgent?: string | undefined;
  },
): Promise<{ token: string; user: PublicUser; deviceToken: string }> {
  const email = normalizeEmail(input.email);
  const window = fixedWindow(deps.clock.now(), deps.config.LOGIN_WINDOW_SECONDS * 1000);
  const user = await repo.findUserByEmail(deps.db, email);
  const device = user && input.deviceToken ? await verifyDeviceToken(user, input.deviceToken) : undefined;
  const bucket = device && user ? `login-attempts:device:${user.id}:${device}` : `login-attempts:account:${email}`;
  if ((await incrementBucket(deps.db, bucket, window.start)) > deps.config.LOGIN_MAX_FAILURES) {
    throw new AppError('too_many_login_attempts', 'Too many failed logins; try again later', {
      retryAfter: window.retryAfterSeconds,
    });
  }

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
    // Nothing was checked, so nothing counts as a failed login.
    await decrementBucket(deps.db, bucket, window.start);
    if (!active) throw new AppError('unauthorized', LOGIN_FAILED);
    // Hashed where more PBKDF2 rounds are allowed (a Node server) than here (Workers: 100,000). Only a new password,
    // hashed at this runtime's cost, gets the user in.
    throw new AppError(
      'password_reset_required',
      'This password was stored with a stronger hash than this server can check; reset your password to sign in',
      { details: { iterations: error.iterations, maxIterations: error.maxIterations } },
    );
  }
  // A failed attempt keeps its count; a successful one gives it back (the owner's logins use up nothing).
  if (!user || !valid || !active) throw new AppError('unauthorized', LOGIN_FAILED);
  await decrementBucket(deps.db, bucket, window.start);

  let passwordHash = user.password_hash;
  const stored = parsePasswordHash(passwordHash);
  if (stored && stored.iterations < deps.config.PASSWORD_ITERATIONS) {
    // The configured cost went up since this hash was made: upgrade it while we know the password.
    passwordHash = await hashPassword(input.password, deps.config.PASSWORD_ITERATIONS, limit);
    await repo.updatePasswordHash(deps.db, user.id, passwordHash, deps.clock.now().toISOString());
  }
  return {
    token: await startSession(deps, user.id, { userAgent: input.userAgent, ip: input.ip }),
    user: toPublicUser(user),
    // The same device keeps its token (and its own count) while the password is unchanged.
    deviceToken:
      device && passwordHash === user.password_hash && input.deviceToken
        ? input.deviceToken
        : await issueDeviceToken({ id: user.id, password_hash: passwordHash }),
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
