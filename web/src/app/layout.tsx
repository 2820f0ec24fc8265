import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { Spinner } from '../components/states';
import { api, call } from '../lib/api/client';
import { setSessionToken } from '../lib/api/session';
import { useBalance, useMe } from '../lib/use-session';

function HeaderBalance() {
  const balance = useBalance();
  if (!balance.data) return null;
  const { credits, plan } = balance.data;
  return (
    <Link to="/credits" className="balance" data-testid="header-balance">
      {plan === 'unlimited' ? (
        'Unlimited'
      ) : (
        <>
          {credits} <span className="small">{credits === 1 ? 'credit' : 'credits'}</span>
        </>
      )}
      <span className="visually-hidden"> (your balance; buy credits)</span>
    </Link>
  );
}

function AccountMenu() {
  const { token, user } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => call(api.POST('/api/auth/logout')),
    onSettled: () => {
      // Logged out here whatever the server said: the token is forgotten either way.
      setSessionToken(null);
      queryClient.clear();
      navigate('/login');
    },
  });
  if (!token) {
    return (
      <div className="header-account">
        <Link to="/login">Log in</Link>
        <Link to="/signup" className="button">
          Sign up
        </Link>
      </div>
    );
  }
  return (
    <div className="header-account">
      <HeaderBalance />
      {user ? <span className="small muted header-user">{user.name ?? user.email}</span> : null}
      <button type="button" className="link-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        Log out
      </button>
    </div>
  );
}

/** Every page: a skip link, the header (courses, credits, the balance, the account) and the page in <main>. */
export function Layout() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" /> Pathwise
          </Link>
          <nav aria-label="Main" className="nav">
            <NavLink to="/" end>
              Courses
            </NavLink>
            <NavLink to="/coach">Coach</NavLink>
            <NavLink to="/credits">Credits</NavLink>
          </nav>
          <AccountMenu />
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
