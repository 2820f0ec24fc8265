import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Page } from '../../components/page';
import { ErrorState, QueryView } from '../../components/states';
import { isApiError } from '../../lib/api/errors';
import { useMe } from '../../lib/use-session';
import { useLogout } from '../auth/use-logout';
import './account.css';
import {
  formatDateTime,
  formatDay,
  useChangePassword,
  useDeleteAccount,
  useRevokeSession,
  useSessions,
} from './account-api';

/** A 403 `wrong_password` names the field it is about; that field is marked invalid and described by the error. */
function wrongPasswordField(error: unknown): string | undefined {
  if (!isApiError(error, 403) || error.code !== 'wrong_password') return undefined;
  return (error.details as { field?: string } | undefined)?.field;
}

function Details() {
  const { user, query } = useMe();
  const logout = useLogout();
  return (
    <section className="card stack" aria-labelledby="details-heading">
      <h2 id="details-heading">Your details</h2>
      <QueryView query={{ ...query, data: user }} label="Loading your account">
        {(me) => (
          <dl className="details">
            <div>
              <dt>Name</dt>
              <dd>{me.name ?? <span className="muted">Not given</span>}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd data-testid="account-email">{me.email}</dd>
            </div>
            <div>
              <dt>Plan</dt>
              <dd>{me.plan === 'free' ? 'Free' : me.plan === 'starter' ? 'Starter' : 'Unlimited'}</dd>
            </div>
            <div>
              <dt>Member since</dt>
              <dd>{formatDay(me.createdAt)}</dd>
            </div>
          </dl>
        )}
      </QueryView>
      <div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          Log out on this device
        </button>
      </div>
    </section>
  );
}

function ChangePassword() {
  const id = useId();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const wrong = wrongPasswordField(change.error) === 'currentPassword';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Change password</h2>
      <form className="stack form-narrow" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-current`}>Current password</label>
          <input
            id={`${id}-current`}
            type="password"
            required
            autoComplete="current-password"
            aria-invalid={wrong || undefined}
            aria-describedby={wrong ? `${id}-wrong` : undefined}
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
          {wrong ? (
            <span id={`${id}-wrong`} className="field__error" role="alert">
              This is not your current password.
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>New password</label>
          <input
            id={`${id}-new`}
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            aria-describedby={`${id}-hint`}
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
          />
          <span id={`${id}-hint`} className="field__hint">
            At least 8 characters. Changing it logs you out on every other device.
          </span>
        </div>
        {change.error && !wrong ? <ErrorState error={change.error} /> : null}
        {change.isSuccess ? (
          <p role="status" className="notice notice--success" data-testid="password-changed">
            Password changed. Every other session was logged out; this device stays logged in.
          </p>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={change.isPending}>
            {change.isPending ? 'Please wait…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Sessions() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  return (
    <section className="card stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are logged in</h2>
      <QueryView query={sessions} label="Loading your sessions">
        {({ sessions: list }) => (
          <ul className="plain-list session-list" data-testid="sessions">
            {list.map((session) => (
              <li key={session.id} className="session" data-testid="session">
                <div className="stack session__about">
                  <p className="session__device">
                    <strong>{session.device.description}</strong>
                    {session.current ? <span className="badge">This device</span> : null}
                  </p>
                  <p className="small muted">
                    Logged in {formatDateTime(session.createdAt)} · last active {formatDay(session.lastUsedAt)}
                    {session.device.ipAddress ? ` · IP ${session.device.ipAddress}` : ''}
                  </p>
                </div>
                {session.current ? null : (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={revoke.isPending && revoke.variables === session.id}
                    onClick={() => revoke.mutate(session.id)}
                    aria-label={`Log out ${session.device.description}, logged in ${formatDateTime(session.createdAt)}`}
                  >
                    Log out
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      {revoke.error ? <ErrorState error={revoke.error} /> : null}
    </section>
  );
}

/**
 * Deleting the account: the password first, then a modal that says what goes and what stays (docs/ACCOUNTS.md), with
 * Cancel focused, since this cannot be undone.
 */
function DeleteAccount() {
  const id = useId();
  const navigate = useNavigate();
  const remove = useDeleteAccount();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const wrong = wrongPasswordField(remove.error) === 'password';

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (confirming && !element.open) {
      element.showModal();
      // A destructive confirmation starts on the safe choice.
      cancel.current?.focus();
    }
    if (!confirming && element.open) element.close();
  }, [confirming]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    remove.reset();
    setConfirming(true);
  };
  const onConfirm = () =>
    remove.mutate(password, {
      // The page it goes to forgets the session: forgetting it here would first send this page to log in.
      onSuccess: () => navigate('/account/deleted', { replace: true, state: { deleted: true } }),
      onError: () => setConfirming(false),
    });

  return (
    <section className="card stack card--danger" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Delete account</h2>
      <p>This removes your account for good. You can sign up again with the same email, but you start from nothing.</p>
      <form className="stack form-narrow" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-password`}>Your password</label>
          <input
            id={`${id}-password`}
            type="password"
            required
            autoComplete="current-password"
            aria-invalid={wrong || undefined}
            aria-describedby={wrong ? `${id}-wrong` : `${id}-hint`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {wrong ? (
            <span id={`${id}-wrong`} className="field__error" role="alert">
              This is not your password. Nothing was deleted.
            </span>
          ) : (
            <span id={`${id}-hint`} className="field__hint">
              Asked again to make sure it is you.
            </span>
          )}
        </div>
        {remove.error && !wrong ? <ErrorState error={remove.error} /> : null}
        <div>
          <button type="submit" className="button button--danger">
            Delete account…
          </button>
        </div>
      </form>
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby={`${id}-confirm-title`}
        aria-describedby={`${id}-confirm-body`}
        onCancel={(event) => {
          event.preventDefault();
          if (!remove.isPending) setConfirming(false);
        }}
      >
        {confirming ? (
          <div className="stack">
            <h2 id={`${id}-confirm-title`}>Delete your account?</h2>
            <div id={`${id}-confirm-body`} className="stack">
              <p>This cannot be undone. Removed at once:</p>
              <ul>
                <li>your name, email, password and every session;</li>
                <li>your courses, progress, mastery, answers, unlocked questions and midterms;</li>
                <li>your Creator Coach projects, chats, tasks and decisions;</li>
                <li>your unused credits (they are forfeited), and a running subscription is cancelled.</li>
              </ul>
              <p className="small muted">
                Kept for accounting: the record of payments and credits spent, without your name, email or anything else
                that says who you were.
              </p>
            </div>
            <div className="row">
              <button type="button" className="button button--danger" onClick={onConfirm} disabled={remove.isPending}>
                {remove.isPending ? 'Deleting…' : 'Delete my account'}
              </button>
              <button
                ref={cancel}
                type="button"
                className="button button--secondary"
                onClick={() => setConfirming(false)}
                disabled={remove.isPending}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : null}
      </dialog>
    </section>
  );
}

/** The student's account: details, password, sessions, log out and deletion. */
export default function AccountPage() {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <Page title="Your account">
      <div className="stack account">
        {notice ? (
          <p role="status" className="notice notice--success">
            {notice}
          </p>
        ) : null}
        <Details />
        <ChangePassword />
        <Sessions />
        <DeleteAccount />
      </div>
    </Page>
  );
}
