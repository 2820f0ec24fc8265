/**
 * Device tokens for login throttling (OWASP's "device cookies"): a successful login hands the client a token that
 * names this account and this device. A later login that presents it is throttled on its own (per device), so guesses
 * made elsewhere against the account can never lock its owner out of a device they have signed in from before.
 *
 * Stateless: `<nonce>.<HMAC-SHA256(stored password hash, user id + nonce)>`. Checking one costs an HMAC, not a
 * password hash; a password change invalidates every device token of the account.
 */
const encoder = new TextEncoder();

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function mac(user: { id: string; password_hash: string }, nonce: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(user.password_hash),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(`login-device:${user.id}:${nonce}`));
  return base64url(new Uint8Array(signature));
}

export async function issueDeviceToken(user: { id: string; password_hash: string }): Promise<string> {
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
  return `${nonce}.${await mac(user, nonce)}`;
}

/** The device's nonce when `token` is a device token of this account, else undefined. */
export async function verifyDeviceToken(
  user: { id: string; password_hash: string },
  token: string,
): Promise<string | undefined> {
  const [nonce, given, extra] = token.split('.');
  if (!nonce || !given || extra !== undefined) return undefined;
  const expected = await mac(user, nonce);
  // Compared in constant time for equal lengths: a mismatch position must not leak through timing.
  if (expected.length !== given.length) return undefined;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0 ? nonce : undefined;
}
