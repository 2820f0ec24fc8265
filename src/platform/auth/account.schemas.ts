import { z } from '@hono/zod-openapi';

/** The rules of a new password: those of registration. */
const newPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters')
  .openapi({ example: 'a new horse battery staple' });

const givenPassword = z.string().min(1, 'is required').max(256);

export const changePasswordBodySchema = z
  .object({ currentPassword: givenPassword, newPassword })
  .openapi('ChangePasswordRequest');

export const deleteAccountBodySchema = z
  .object({ password: givenPassword.openapi({ description: 'The current password, asked again to confirm' }) })
  .openapi('DeleteAccountRequest');

export const sessionSchema = z
  .object({
    id: z.string().openapi({ description: 'The session id to revoke it by (not its token)' }),
    createdAt: z.string(),
    lastUsedAt: z.string().openapi({ description: 'To within a day: it moves when the sliding expiry is refreshed' }),
    expiresAt: z.string(),
    current: z.boolean().openapi({ description: 'The session this request came with' }),
    device: z.object({
      description: z.string().openapi({ example: 'Firefox on Linux' }),
      userAgent: z.string().nullable(),
      ipAddress: z.string().nullable(),
    }),
  })
  .openapi('AccountSession');

export const sessionsResponseSchema = z.object({ sessions: z.array(sessionSchema) }).openapi('AccountSessions');

export const passwordResetBodySchema = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email('must be a valid email address'))
      .openapi({ example: 'ada@example.com' }),
  })
  .openapi('PasswordResetRequest');

export const passwordResetResponseSchema = z.object({ message: z.string() }).openapi('PasswordResetRequested');

export const passwordResetConfirmBodySchema = z
  .object({
    token: z.string().min(1, 'is required').max(200).openapi({ description: 'The `token` of the emailed link' }),
    newPassword,
  })
  .openapi('PasswordResetConfirmation');
