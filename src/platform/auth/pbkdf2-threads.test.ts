import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from './password.js';
import { pbkdf2OnThreads } from './pbkdf2-threads.js';

async function webCryptoPbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

describe('PBKDF2 on worker threads (Node)', () => {
  it('is available on Node and gives the same bytes as Web Crypto, for any password', async () => {
    expect(pbkdf2OnThreads).toBeDefined();
    const salt = crypto.getRandomValues(new Uint8Array(16));
    for (const password of ['correct horse battery staple', 'pässwörd ✓ 密码', '']) {
      const threaded = await pbkdf2OnThreads!({ password, salt, iterations: 1000, bytes: 32 });
      expect(Buffer.from(threaded).toString('hex')).toBe(
        Buffer.from(await webCryptoPbkdf2(password, salt, 1000)).toString('hex'),
      );
    }
  });

  it('makes hashes that Web Crypto verifies, and verifies them itself, many at a time', async () => {
    const hashes = await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`password ${i}`, 2000)));
    for (const [i, stored] of hashes.entries()) {
      const parsed = parsePasswordHash(stored)!;
      expect(parsed.hash).toEqual(await webCryptoPbkdf2(`password ${i}`, parsed.salt, 2000));
      expect(await verifyPassword(`password ${i}`, stored)).toBe(true);
      expect(await verifyPassword(`password ${i + 1}`, stored)).toBe(false);
    }
  });
});
