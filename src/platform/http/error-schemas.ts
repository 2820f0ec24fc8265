import { z } from '@hono/zod-openapi';

export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorEnvelopeSchema } },
});

/** The error responses every route may answer, so the OpenAPI document shows the real shapes. */
export const commonErrors = {
  422: errorResponse(
    'The request is invalid (`validation_failed`, or `invalid_cursor` for a cursor this API did not return): `details` names each field and what is wrong with it',
  ),
  429: errorResponse('Too many requests; see the Retry-After header'),
  500: errorResponse('A bug on our side; the request id helps us find it'),
} as const;

export const authErrors = {
  401: errorResponse('Missing, expired or revoked bearer token'),
} as const;

export const errorResponses = {
  400: errorResponse('Bad request'),
  402: errorResponse('Not enough credits: `details` says how many are needed and how many there are'),
  403: errorResponse('Forbidden'),
  404: errorResponse('Not found'),
  409: errorResponse('Conflict with the current state'),
  413: errorResponse('The request body is too large'),
  503: errorResponse('A service this route needs is not configured or not reachable'),
} as const;
