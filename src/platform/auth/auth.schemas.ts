import { z } from '@hono/zod-openapi';

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(['user', 'admin']),
    plan: z.enum(['free', 'starter', 'unlimited']),
    credits: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('User');

const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be a valid email address'))
  .openapi({ example: 'ada@example.com' });

export const registerBodySchema = z
  .object({
    email,
    password: z
      .string()
      .min(8, 'must be at least 8 characters')
      .max(256, 'must be at most 256 characters')
      .openapi({ example: 'correct horse battery staple' }),
    name: z.string().trim().max(100).optional().openapi({ example: 'Ada' }),
  })
  .openapi('RegisterRequest');

export const loginBodySchema = z
  .object({
    email,
    password: z.string().min(1, 'is required').max(256),
    deviceToken: z.string().max(200).optional().openapi({
      description:
        'The deviceToken an earlier login on this device returned: failed guesses made elsewhere do not throttle it',
    }),
  })
  .openapi('LoginRequest');

export const sessionResponseSchema = z
  .object({ token: z.string().openapi({ description: 'Send as `Authorization: Bearer <token>`' }), user: userSchema })
  .openapi('Session');

export const loginResponseSchema = sessionResponseSchema
  .extend({
    deviceToken: z.string().openapi({
      description: 'Keep it on this device and send it with the next login (see docs/SECURITY.md, login throttling)',
    }),
  })
  .openapi('LoginSession');

export const meResponseSchema = z.object({ user: userSchema }).openapi('Me');
