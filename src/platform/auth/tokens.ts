/** Session tokens: 256 random bits, base64url; the database keeps only their SHA-256. */
export function newSessionToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * node:crypto when the runtime has it (looked up at run time, so nothing Node-only is imported on the request path):
 * every authenticated request hashes its token, and Web Crypto's digest costs ~17 us of CPU and a thread-pool round
 * trip on Node against ~1 us for `createHash` (bench: docs/PERFORMANCE.md). Elsewhere (Workers), Web Crypto.
 */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as typeof import('node:crypto') | undefined;

/** One-shot `crypto.hash` (Node 20.12+, 21.7+) skips the Hash object `createHash` builds: ~0.5 us against ~2. */
const nodeSha256Hex: ((text: string) => string) | undefined = nodeCrypto
  ? typeof nodeCrypto.hash === 'function'
    ? (text) => nodeCrypto.hash('sha256', text, 'hex')
    : (text) => nodeCrypto.createHash('sha256').update(text).digest('hex')
  : undefined;

/**
 * The token's SHA-256 in hex: at once where node:crypto is available (so the request path awaits nothing for it), as
 * a promise elsewhere.
 */
export function hashToken(token: string): string | Promise<string> {
  if (nodeSha256Hex) return nodeSha256Hex(token);
  return crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(token))
    .then((digest) => Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''));
}
