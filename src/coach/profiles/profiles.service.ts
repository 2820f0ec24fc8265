import type { ServiceDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import * as repo from './profiles.repo.js';
import type { Profile, ProfileInput } from './profiles.schemas.js';

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
