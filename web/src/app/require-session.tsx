import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSessionToken } from '../lib/use-session';

/** Pages that are the student's own: without a session, log in first and come back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const token = useSessionToken();
  const location = useLocation();
  if (!token) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
