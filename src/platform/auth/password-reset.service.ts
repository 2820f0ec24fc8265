import { affectedRows } from '../../db/atomic.js';
import type { ServiceDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { newId } from '../ids.js';
import { incrementBucket } from '../limits/rate-limit.service.js';
import { fixedWindow } from '../limits/window.js';
import { logMailer, type MailMessage } from '../mail/mailer.js';
import { hashNewPassword } from './account.service.js';
import * as repo from './auth.repo.js';
import { type DeviceHints, normalizeEmail, type PublicUser, sessionRecord, toPublicUser } from './auth.service.js';
import * as resetRepo from './password-reset.repo.js';
import { hashToken, newSessionToken } from './tokens.js';

const HOUR_MS = 3_600_000;

export const RESET_REQUESTED =
  'If an account exists for that email, we have sent it a link to choose a new password. The link works once.';

/**
 * Sends a one-time reset link to the email's account, if there is one. The answer is the same either way, so it tells
 * nobody which emails have accounts; at most PASSWORD_RESET_MAX_PER_HOUR links go to one address an hour (the rest are
 * silently dropped), and the route is limited per IP. The mail is sent after the answer, not before: how long SMTP
 * takes must not tell an existing account from a missing one either.
 */
export async function requestPasswordReset(deps: ServiceDeps, input: { email: string }): Promise<{ message: string }> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  const window = fixedWindow(now, HOUR_MS);
  const sent = await incrementBucket(deps.db, `password-reset:email:${email}`, window.start);
  if (sent > deps.config.PASSWORD_RESET_MAX_PER_HOUR) return { message: RESET_REQUESTED };

  const user = await repo.findUserByEmail(deps.db, email);
  if (!user || !(user.is_active === true || user.is_active === 1)) return { message: RESET_REQUESTED };

  const token = newSessionToken();
  const ttlMs = deps.config.PASSWORD_RESET_TTL_MINUTES * 60_000;
  await resetRepo.insertResetToken(deps.db, {
    id: await hashToken(token),
    userId: user.id,
    nowIso: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  });
  const message = resetMail(deps, { to: user.email, name: user.name, token });
  const mailer = deps.mailer ?? logMailer(deps.logger);
  mailer.send(message).catch((error: unknown) => {
    deps.logger.error({ err: error, userId: user.id }, 'the password-reset email could not be sent');
  });
  return { message: RESET_REQUESTED };
}

/** The reset link points at the web app's page, which posts the token back to /api/auth/password-reset/confirm. */
export function resetLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}

function resetMail(deps: ServiceDeps, input: { to: string; name: string | null; token: string }): MailMessage {
  const minutes = deps.config.PASSWORD_RESET_TTL_MINUTES;
  const lifetime = minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;
  return {
    to: input.to,
    subject: 'Reset your Pathwise password',
    text: [
      `Hello${input.name ? ` ${input.name}` : ''},`,
      '',
      'Someone (we hope you) asked to reset the password of your Pathwise account. Choose a new one here:',
      '',
      resetLink(deps.config.PUBLIC_URL, input.token),
      '',
      `The link works once, for ${lifetime}. Using it signs you out everywhere else.`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

const INVALID_TOKEN = 'This reset link is invalid, expired or already used; ask for a new one';

/**
 * Sets a new password with a reset token. The token works once and only until it expires; every session of the user
 * ends, other outstanding reset links are voided, and a new session is returned, so the page can sign the user in.
 */
export async function confirmPasswordReset(
  deps: ServiceDeps,
  input: { token: string; newPassword: string; device?: DeviceHints },
): Promise<{ token: string; user: PublicUser }> {
  const tokenId = await hashToken(input.token);
  const now = deps.clock.now();
  const userId = await resetRepo.findResetTokenUser(deps.db, tokenId, now.toISOString());
  if (!userId) throw new AppError('invalid_reset_token', INVALID_TOKEN, { details: { field: 'token' } });

  const passwordHash = await hashNewPassword(deps, input.newPassword);
  const token = newSessionToken();
  const results = await deps.atomic(
    resetRepo.resetConfirmationStatements(deps.db, {
      tokenId,
      claimId: newId(),
      userId,
      passwordHash,
      nowIso: now.toISOString(),
      session: await sessionRecord(deps, { userId, token, device: input.device }),
    }),
  );
  // Claimed by a concurrent confirmation (or expired) since the lookup: nothing else was written.
  if (affectedRows(results[0]) !== 1) {
    throw new AppError('invalid_reset_token', INVALID_TOKEN, { details: { field: 'token' } });
  }
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new AppError('invalid_reset_token', INVALID_TOKEN, { details: { field: 'token' } });
  return { token, user: toPublicUser(user) };
}
