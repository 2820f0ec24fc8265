import { describe, expect, it } from 'vitest';
import { hashPassword } from './password.js';

describe('password hashing under a burst of logins', () => {
  it("leaves the thread pool room for other Web Crypto work (every request's token digest)", async () => {
    const finished: string[] = [];
    const hashes = Array.from({ length: 4 }, (_, i) =>
      hashPassword(`password ${i}`, 600_000).then(() => finished.push(`hash ${i}`)),
    );
    // Let the hashes reach the thread pool, then ask for a digest: it must not queue behind them.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await crypto.subtle
      .digest('SHA-256', new TextEncoder().encode('a session token'))
      .then(() => finished.push('digest'));
    await Promise.all(hashes);
    expect(finished[0]).toBe('digest');
  });
});
