import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { Spinner } from '../components/states';
import { useLogout } from '../features/auth/use-logout';
import { useBalance, useMe, useSessionToken } from '../lib/use-session';

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
  const logout = useLogout();
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
      {user ? (
        <Link
          to="/account"
          className="small header-user"
          title={user.name ?? user.email}
          aria-label={`${user.name ?? user.email}, your account`}
        >
          {user.name ?? user.email}
        </Link>
      ) : null}
      <button type="button" className="link-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        Log out
      </button>
    </div>
  );
}

/** Operators only: the usage page (the API refuses everyone else, and the page says so). */
function AdminLink() {
  const { user } = useMe();
  return user?.role === 'admin' ? <NavLink to="/admin/usage">Admin</NavLink> : null;
}

/** Every page: a skip link, the header (courses, credits, the balance, the account) and the page in <main>. */
export function Layout() {
  const token = useSessionToken();
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
            {token ? <NavLink to="/me/courses">My courses</NavLink> : null}
            {token ? <NavLink to="/exams">My exams</NavLink> : null}
            <NavLink to="/coach">Coach</NavLink>
            {/* Signed in, the balance beside the account links to the credits page too: a phone's header drops this one. */}
            <NavLink to="/credits" className={token ? 'nav__wide-only' : undefined}>
              Credits
            </NavLink>
            <AdminLink />
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
