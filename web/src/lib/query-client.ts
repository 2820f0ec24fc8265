import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, isRetryable } from './api/errors';
import { setSessionToken } from './api/session';

/** Query keys shared by features: the balance shows in the header and changes with every spend. */
export const balanceKey = ['credits', 'balance'] as const;
export const meKey = ['auth', 'me'] as const;

/** What a 401 does: the session is gone, so forget it and send the student to log in and back. */
let onUnauthorized: () => void = () => undefined;
export const setUnauthorizedHandler = (handler: () => void) => {
  onUnauthorized = handler;
};

function handleError(error: unknown) {
  if (isApiError(error, 401)) {
    setSessionToken(null);
    onUnauthorized();
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        // A 4xx will answer the same again; a 5xx or a lost connection may not.
        retry: (failures, error) => isRetryable(error) && failures < 2,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
