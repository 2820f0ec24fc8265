import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { ErrorState } from '../../components/states';
import { api, call } from '../../lib/api/client';

/**
 * Asks for a reset link. The server answers the same whether or not the email has an account, and so does this page:
 * it shows the server's own words, never "no such account".
 */
export default function ForgotPasswordPage() {
  const id = useId();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const request = useMutation({
    mutationFn: () => call(api.POST('/api/auth/password-reset', { body: { email } })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };

  return (
    <Page title="Reset your password" intro="We will email you a link to choose a new one.">
      {request.data ? (
        <div className="card card--narrow stack">
          <p role="status" className="notice notice--success" data-testid="reset-requested">
            {request.data.message}
          </p>
          <p className="small muted">
            Nothing arrived? Check the spam folder, or <Link to="/forgot-password">ask again</Link> in a few minutes.
          </p>
          <p className="small">
            <Link to="/login">Back to log in</Link>
          </p>
        </div>
      ) : (
        <form className="card card--narrow stack" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {request.error ? <ErrorState error={request.error} /> : null}
          <button type="submit" className="button" disabled={request.isPending}>
            {request.isPending ? 'Please wait…' : 'Email me a reset link'}
          </button>
          <p className="small muted">
            Remembered it? <Link to="/login">Log in</Link>
          </p>
        </form>
      )}
    </Page>
  );
}
