import { describe, expect, it } from 'vitest';
import { hashToken, newSessionToken } from './tokens.js';

async function webCryptoHex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(digest).toString('hex');
}

describe('session tokens', () => {
  it('hashes to the same SHA-256 hex as Web Crypto (what Workers store), for any text', async () => {
    for (const text of [newSessionToken(), newSessionToken(), '', 'päss ✓ 密码']) {
      expect(await hashToken(text)).toBe(await webCryptoHex(text));
    }
    expect(await hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes at once on Node, so the request path does not wait a turn for it', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('makes 256-bit url-safe tokens that do not repeat', () => {
    const tokens = new Set(Array.from({ length: 200 }, newSessionToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
