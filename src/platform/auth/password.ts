/**
 * PBKDF2-SHA256, off the event loop: on Node in two low-priority worker threads (pbkdf2-threads.ts), elsewhere
 * through Web Crypto. Format: `pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>`: the iteration count travels
 * with the hash, so it can be raised later and old hashes still verify.
 */
import { pbkdf2OnThreads } from './pbkdf2-threads.js';

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

/**
 * At most two hashes at a time per process; more logins wait their turn. On Node that is one per hashing thread.
 * Where Web Crypto hashes (Workers; Node before the threads), a busy pool hurts everything else in it: on Node four
 * concurrent 600k-iteration hashes held libuv's whole thread pool, and every authenticated request waited up to a hash
 * (~180 ms) for its token digest (bench: read p99 x30 during a stream of logins, see docs/PERFORMANCE.md).
 */
const MAX_CONCURRENT_HASHES = 2;
let hashing = 0;
const waitingForSlot: Array<() => void> = [];

async function withHashSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (hashing < MAX_CONCURRENT_HASHES) hashing++;
  else await new Promise<void>((resolve) => waitingForSlot.push(resolve)); // the slot is handed over, see below
  try {
    return await fn();
  } finally {
    const next = waitingForSlot.shift();
    if (next) next();
    else hashing--;
  }
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  return withHashSlot(async () => {
    if (pbkdf2OnThreads) return pbkdf2OnThreads({ password, salt, iterations, bytes: HASH_BITS / 8 });
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
      key,
      HASH_BITS,
    );
    return new Uint8Array(bits);
  });
}

/**
 * Cloudflare Workers refuse PBKDF2 above 100,000 iterations (cloudflare/workerd#1346) in production, while a local
 * `workerd` computes any count: the cap is enforced here so tests see what production would do.
 */
export const WORKERS_MAX_PBKDF2_ITERATIONS = 100_000;

/** A hash (or a hashing request) needs more PBKDF2 iterations than this runtime is configured to compute. */
export class PasswordCostError extends Error {
  constructor(
    readonly iterations: number,
    readonly maxIterations: number,
  ) {
    super(`PBKDF2 with ${iterations} iterations is above this runtime's cap of ${maxIterations}`);
    this.name = 'PasswordCostError';
  }
}

export interface PasswordCostLimit {
  /** The most iterations to compute (PASSWORD_MAX_ITERATIONS); no cap when absent. */
  maxIterations?: number;
}

function checkCost(iterations: number, limit: PasswordCostLimit): void {
  if (limit.maxIterations !== undefined && iterations > limit.maxIterations) {
    throw new PasswordCostError(iterations, limit.maxIterations);
  }
}

/** Hashes with `iterations` PBKDF2 rounds; throws PasswordCostError when that is above the cap. */
export async function hashPassword(
  password: string,
  iterations: number,
  limit: PasswordCostLimit = {},
): Promise<string> {
  checkCost(iterations, limit);
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

/**
 * True when `password` matches the stored hash. Throws PasswordCostError, without computing anything, when the hash
 * carries more iterations than the cap (made by a runtime allowed more, e.g. a Node server at 600,000).
 */
export async function verifyPassword(
  password: string,
  stored: string,
  limit: PasswordCostLimit = {},
): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  checkCost(parsed.iterations, limit);
  return constantTimeEqual(await derive(password, parsed.salt, parsed.iterations), parsed.hash);
}
