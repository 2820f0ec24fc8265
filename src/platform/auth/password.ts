/**
 * PBKDF2-SHA256 through Web Crypto (runs in libuv's thread pool on Node, so hashing stays off the event loop).
 * Format: `pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>`: the iteration count travels with the hash,
 * so it can be raised later and old hashes still verify.
 */
const PREFIX = 'pbkdf2-sha256';
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface ParsedHash {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${PREFIX}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

export function parsePasswordHash(stored: string): ParsedHash | undefined {
  const [prefix, iterations, salt, hash] = stored.split('$');
  if (prefix !== PREFIX || !iterations || !salt || !hash || !/^\d+$/.test(iterations)) return undefined;
  return { iterations: Number(iterations), salt: fromBase64(salt), hash: fromBase64(hash) };
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  return constantTimeEqual(await derive(password, parsed.salt, parsed.iterations), parsed.hash);
}
