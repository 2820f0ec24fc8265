import type { ServiceDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import * as repo from './profiles.repo.js';
import type { Profile, ProfileInput, ProfilePatch } from './profiles.schemas.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export { findProfile } from './profiles.repo.js';

export async function saveProfile(
  deps: ServiceDeps,
  input: { userId: string; profile: ProfileInput },
): Promise<{ profile: Profile; created: boolean }> {
  const existed = (await repo.findProfile(deps.db, input.userId)) !== undefined;
  await repo.upsertProfile(deps.db, input.userId, input.profile, deps.clock.now().toISOString());
  return { profile: await getProfile(deps, input.userId), created: !existed };
}

export async function getProfile(deps: ServiceDeps, userId: string): Promise<Profile> {
  const profile = await repo.findProfile(deps.db, userId);
  if (!profile) throw notFound('Creator profile');
  return profile;
}

/** Changes only the fields sent (POST replaces the whole profile); 404 when the caller has no profile yet. */
export async function patchProfile(
  deps: ServiceDeps,
  input: { userId: string; patch: ProfilePatch },
): Promise<Profile> {
  const current = await getProfile(deps, input.userId);
  const { audienceDescription, ...rest } = input.patch;
  const description =
    audienceDescription === undefined ? current.audienceDescription : (audienceDescription ?? undefined);
  const merged: ProfileInput = {
    niche: rest.niche ?? current.niche,
    platforms: rest.platforms ?? current.platforms,
    currentMonthlyIncome: rest.currentMonthlyIncome ?? current.currentMonthlyIncome,
    goal: rest.goal ?? current.goal,
    hoursPerWeek: rest.hoursPerWeek ?? current.hoursPerWeek,
    ...(description ? { audienceDescription: description } : {}),
  };
  await repo.upsertProfile(deps.db, input.userId, merged, deps.clock.now().toISOString());
  return getProfile(deps, input.userId);
}
