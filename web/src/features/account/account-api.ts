import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../lib/api/client';

export const sessionsKey = ['auth', 'sessions'] as const;

/** My live sessions, most recently used first (the current one is marked). */
export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => call(api.GET('/api/auth/sessions')) });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      call(api.POST('/api/auth/password', { body })),
    // Every other session has ended: the list shrinks to this device.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useDeleteAccount() {
  return useMutation({
    mutationFn: (password: string) => call(api.DELETE('/api/auth/me', { body: { password } })),
  });
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
/** `lastUsedAt` is accurate to a day (the server moves it at most daily), so it is shown as a date. */
export const formatDay = (iso: string) => dateOnly.format(new Date(iso));
