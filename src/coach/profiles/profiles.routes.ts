import { z } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { errorsFor, jsonBody, jsonContent, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { profileInputSchema, profilePatchSchema, profileSchema } from './profiles.schemas.js';
import { getProfile, patchProfile, saveProfile } from './profiles.service.js';

const tags = ['Creator Coach: profile'];
const profileResponse = z.object({ profile: profileSchema });

const save = signedInRoute({
  method: 'post',
  path: '/profile',
  tags,
  summary: "Create or update the caller's creator profile",
  request: { body: jsonBody(profileInputSchema) },
  responses: {
    200: jsonContent(profileResponse, 'The profile was updated'),
    201: jsonContent(profileResponse, 'The profile was created'),
    ...errorsFor(),
  },
});

const patch = signedInRoute({
  method: 'patch',
  path: '/profile',
  tags,
  summary: "Change some fields of the caller's creator profile (the others keep their values)",
  request: { body: jsonBody(profilePatchSchema) },
  responses: jsonResponses(200, profileResponse, 'The updated profile', [404]),
});

const get = signedInRoute({
  method: 'get',
  path: '/profile',
  tags,
  summary: "The caller's creator profile",
  responses: jsonResponses(200, profileResponse, 'The profile', [404]),
});

export function profileRoutes(deps: ServiceDeps) {
  return createRouter()
    .openapi(save, async (c) => {
      const { profile, created } = await saveProfile(deps, { userId: currentUser(c).id, profile: c.req.valid('json') });
      return created ? c.json({ profile }, 201) : c.json({ profile }, 200);
    })
    .openapi(patch, async (c) =>
      c.json({ profile: await patchProfile(deps, { userId: currentUser(c).id, patch: c.req.valid('json') }) }, 200),
    )
    .openapi(get, async (c) => c.json({ profile: await getProfile(deps, currentUser(c).id) }, 200));
}
