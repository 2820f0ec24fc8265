/** Unguessable ids (122 random bits), from Web Crypto so they work on every runtime. */
export function newId(): string {
  return crypto.randomUUID();
}

/** A seeded PRNG (mulberry32): the same seed gives the same sequence (midterms, sampling). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: turns a text seed into a 32-bit number. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

let lastMs = 0;
let counter = 0;
// Random bytes drawn 4 KiB at a time: one Web Crypto call per 512 ids instead of one per id (ids are made on every
// paid request, and the call and its small buffer cost more than the bytes).
const randomPool = new Uint8Array(4096);
let poolOffset = randomPool.length;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Ids that sort by creation time (48-bit milliseconds, a 16-bit counter within the millisecond, 64 random bits),
 * so keyset pagination and "the last 30 messages" can order by id alone.
 */
export function newSortableId(now: Date): string {
  const ms = now.getTime();
  if (ms === lastMs) counter++;
  else {
    lastMs = ms;
    counter = 0;
  }
  if (poolOffset + 8 > randomPool.length) {
    crypto.getRandomValues(randomPool);
    poolOffset = 0;
  }
  let hex = '';
  for (let i = poolOffset; i < poolOffset + 8; i++) hex += HEX[randomPool[i] as number];
  poolOffset += 8;
  return `${ms.toString(16).padStart(12, '0')}${(counter & 0xffff).toString(16).padStart(4, '0')}${hex}`;
}
