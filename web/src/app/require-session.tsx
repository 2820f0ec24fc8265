import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { sessionEndedByUser } from '../lib/api/session';
import { useSessionToken } from '../lib/use-session';

/** Pages that are the student's own: without a session, log in first and come back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const token = useSessionToken();
  const location = useLocation();
  if (!token) {
    if (sessionEndedByUser()) return <Navigate to="/login" replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
