import { z } from '@hono/zod-openapi';

export const platformAudienceSchema = z.object({
  platform: z.string().trim().min(1).max(50).openapi({ example: 'YouTube' }),
  followers: z.number().int('must be a whole number').min(0).max(1_000_000_000),
  engagementRate: z
    .number()
    .min(0)
    .max(100)
    .openapi({ description: 'Percent of followers who engage with a typical post', example: 4.5 }),
});

export const profileInputSchema = z
  .object({
    niche: z.string().trim().min(2).max(200).openapi({ example: 'home espresso and coffee gear' }),
    platforms: z.array(platformAudienceSchema).min(1, 'list at least one platform').max(20),
    currentMonthlyIncome: z.number().min(0).max(100_000_000).openapi({ description: 'US dollars per month' }),
    goal: z.string().trim().min(3).max(500).openapi({ example: 'Replace my sponsorship income with member revenue' }),
    hoursPerWeek: z.number().int().min(1).max(80),
    audienceDescription: z.string().trim().max(1000).optional(),
  })
  .openapi('CreatorProfileInput');

/** PATCH /profile: any subset of the fields; the ones not sent keep their values (null clears the description). */
export const profilePatchSchema = profileInputSchema
  .extend({ audienceDescription: z.string().trim().max(1000).nullable().optional() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' })
  .openapi('CreatorProfilePatch');

export const profileSchema = profileInputSchema
  .extend({
    id: z.string(),
    totalFollowers: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CreatorProfile');

export type ProfileInput = z.infer<typeof profileInputSchema>;
export type ProfilePatch = z.infer<typeof profilePatchSchema>;
export type Profile = z.infer<typeof profileSchema>;
