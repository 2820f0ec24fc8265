import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/states';
import { api, call } from '../../lib/api/client';
import { setSessionToken } from '../../lib/api/session';
import { safeNext } from './safe-next';

type Mode = 'login' | 'signup';

/** Log in or sign up: both end with a session token and go back where the student was sent from. */
export function AuthForm({ mode }: { mode: Mode }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  const submit = useMutation({
    mutationFn: () =>
      mode === 'login'
        ? call(api.POST('/api/auth/login', { body: { email, password } }))
        : call(api.POST('/api/auth/register', { body: { email, password, ...(name ? { name } : {}) } })),
    onSuccess: (session) => {
      queryClient.clear();
      setSessionToken(session.token);
      navigate(next, { replace: true });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  const other = mode === 'login' ? '/signup' : '/login';
  const withNext = next === '/' ? other : `${other}?next=${encodeURIComponent(next)}`;

  return (
    <form className="card card--narrow stack" onSubmit={onSubmit} noValidate={false}>
      {mode === 'signup' ? (
        <div className="field">
          <label htmlFor={`${id}-name`}>Name (optional)</label>
          <input id={`${id}-name`} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
      ) : null}
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
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          required
          minLength={mode === 'signup' ? 8 : undefined}
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          aria-describedby={mode === 'signup' ? `${id}-password-hint` : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {mode === 'signup' ? (
          <span id={`${id}-password-hint`} className="field__hint">
            At least 8 characters.
          </span>
        ) : (
          <Link
            to={email ? `/forgot-password?email=${encodeURIComponent(email)}` : '/forgot-password'}
            className="small field__hint"
          >
            Forgot password?
          </Link>
        )}
      </div>
      {submit.error ? <ErrorState error={submit.error} /> : null}
      <button type="submit" className="button" disabled={submit.isPending}>
        {submit.isPending ? 'Please wait…' : mode === 'login' ? 'Log in' : 'Create account'}
      </button>
      <p className="small muted">
        {mode === 'login' ? 'New to Pathwise? ' : 'Already have an account? '}
        <Link to={withNext}>{mode === 'login' ? 'Create an account' : 'Log in'}</Link>
      </p>
    </form>
  );
}
