import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { ErrorState } from '../../components/states';
import { api, call } from '../../lib/api/client';
import { isApiError } from '../../lib/api/errors';
import { setSessionToken } from '../../lib/api/session';

/**
 * The page the emailed link opens (`PUBLIC_URL/reset-password?token=…`): a new password, sent with the link's token.
 * The server ends every session and answers with a new one, so the student is signed in here and sent to the account.
 */
export default function ResetPasswordPage() {
  const id = useId();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const confirm = useMutation({
    mutationFn: () => call(api.POST('/api/auth/password-reset/confirm', { body: { token, newPassword: password } })),
    onSuccess: (session) => {
      queryClient.clear();
      setSessionToken(session.token);
      navigate('/account', { replace: true, state: { notice: 'Your new password is set. You are logged in.' } });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  const badLink = !token || (isApiError(confirm.error, 400) && confirm.error.code === 'invalid_reset_token');

  return (
    <Page title="Choose a new password">
      {badLink ? (
        <div className="card card--narrow stack">
          <p role="alert" className="notice notice--error">
            This reset link is invalid, expired or already used. Links work once, for a limited time.
          </p>
          <Link to="/forgot-password" className="button">
            Ask for a new link
          </Link>
        </div>
      ) : (
        <form className="card card--narrow stack" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={`${id}-password`}>New password</label>
            <input
              id={`${id}-password`}
              type="password"
              required
              minLength={8}
              autoComplete="new-password"
              aria-describedby={`${id}-hint`}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <span id={`${id}-hint`} className="field__hint">
              At least 8 characters. Setting it logs you out on every other device.
            </span>
          </div>
          {confirm.error ? <ErrorState error={confirm.error} /> : null}
          <button type="submit" className="button" disabled={confirm.isPending}>
            {confirm.isPending ? 'Please wait…' : 'Set new password'}
          </button>
        </form>
      )}
    </Page>
  );
}
