import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Page } from '../../components/page';
import { setSessionToken } from '../../lib/api/session';

/**
 * Where deleting the account ends. The session (dead on the server already) is forgotten here, on arrival: only when
 * the account page sent the student, so a typed-in address logs nobody out.
 */
export default function AccountDeletedPage() {
  const location = useLocation();
  const deleted = (location.state as { deleted?: boolean } | null)?.deleted === true;
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!deleted) return;
    setSessionToken(null);
    queryClient.clear();
  }, [deleted, queryClient]);
  if (!deleted) return <Navigate to="/" replace />;
  return (
    <Page title="Your account is deleted">
      <div className="card card--narrow stack">
        <p>Your account and its data are gone, and you are logged out everywhere.</p>
        <p className="small muted">Your email is free: you can sign up again at any time, starting from nothing.</p>
        <div className="row">
          <Link to="/" className="button">
            See the courses
          </Link>
          <Link to="/signup">Sign up again</Link>
        </div>
      </div>
    </Page>
  );
}
