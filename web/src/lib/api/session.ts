/**
 * The session token from /api/auth/login or /register, kept in localStorage so a reload stays signed in. The API
 * takes it as a bearer token (it sets no cookie), and the app is a client like any other.
 */
const KEY = 'pathwise.session';
type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();
let endedByUser = false;

export function sessionToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/**
 * `loggedOut`: the person ended the session themselves (log out, account deleted), so a page that needs a session
 * must not offer to log in and come back to it; an expired or revoked token (a 401) is not that.
 */
export function setSessionToken(token: string | null, options: { loggedOut?: boolean } = {}): void {
  endedByUser = token === null && options.loggedOut === true;
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // storage refused (private mode): the session lasts as long as the page
  }
  for (const listener of listeners) listener(token);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True while there is no session because the person logged out (see setSessionToken). */
export function sessionEndedByUser(): boolean {
  return endedByUser;
}
