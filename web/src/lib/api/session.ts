/**
 * The session token from /api/auth/login or /register, kept in localStorage so a reload stays signed in. The API
 * takes it as a bearer token (it sets no cookie), and the app is a client like any other.
 */
const KEY = 'pathwise.session';
type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

export function sessionToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setSessionToken(token: string | null): void {
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
