import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, call } from './api/client';
import { onSessionChange, sessionToken } from './api/session';
import { balanceKey, meKey } from './query-client';

/** The stored session token, re-rendering on log-in and log-out. */
export function useSessionToken(): string | null {
  return useSyncExternalStore(onSessionChange, sessionToken, () => null);
}

/** The signed-in student (GET /api/auth/me), or null when there is no session. */
export function useMe() {
  const token = useSessionToken();
  const query = useQuery({
    queryKey: [...meKey, token],
    queryFn: () => call(api.GET('/api/auth/me')),
    enabled: token !== null,
  });
  return { token, user: token ? query.data?.user : undefined, query };
}

/** The credit balance (GET /api/credits/balance); every spend invalidates it, so the header is always true. */
export function useBalance() {
  const token = useSessionToken();
  return useQuery({
    queryKey: balanceKey,
    queryFn: () => call(api.GET('/api/credits/balance')),
    enabled: token !== null,
  });
}
