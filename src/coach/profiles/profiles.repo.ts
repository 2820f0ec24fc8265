import { fromJson } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';
import { newId } from '../../platform/ids.js';
import type { Profile, ProfileInput } from './profiles.schemas.js';

export async function findProfile(db: Db, userId: string): Promise<Profile | undefined> {
  const row = await db.selectFrom('creator_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    niche: row.niche,
    platforms: fromJson(row.platforms),
    totalFollowers: row.total_followers,
    currentMonthlyIncome: row.current_monthly_income / 100,
    goal: row.goal,
    hoursPerWeek: row.hours_per_week,
    ...(row.audience_description ? { audienceDescription: row.audience_description } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One profile per user (unique user_id): insert, or update the existing one in the same statement. */
export async function upsertProfile(db: Db, userId: string, input: ProfileInput, nowIso: string): Promise<void> {
  const values = {
    niche: input.niche,
    platforms: JSON.stringify(input.platforms),
    total_followers: input.platforms.reduce((sum, p) => sum + p.followers, 0),
    // Stored in cents so money never goes through floating point in SQL.
    current_monthly_income: Math.round(input.currentMonthlyIncome * 100),
    goal: input.goal,
    hours_per_week: input.hoursPerWeek,
    audience_description: input.audienceDescription ?? null,
    updated_at: nowIso,
  };
  await db
    .insertInto('creator_profiles')
    .values({ id: newId(), user_id: userId, created_at: nowIso, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
