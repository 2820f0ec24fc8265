import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, NetworkError } from './errors';
import type { components, paths } from './schema.gen';
import { sessionToken } from './session';

export type Schemas = components['schemas'];

const bearer: Middleware = {
  onRequest({ request }) {
    const token = sessionToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

/** The one typed client: paths, parameters, bodies and answers all come from the server's /openapi.json. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(bearer);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits a call of `api` and returns its data, or throws ApiError (an error envelope) or NetworkError (no answer),
 * which the query client turns into retries, the log-in redirect or a retry button.
 */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (error) {
    throw new NetworkError(error);
  }
  const { data, error, response } = answer;
  if (!response.ok) {
    const envelope = (error as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(
      response.status,
      envelope?.code ?? 'http_error',
      envelope?.message ?? `${response.status} ${response.statusText}`,
      envelope?.details,
    );
  }
  return data as T;
}
