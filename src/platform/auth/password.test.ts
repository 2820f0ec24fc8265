import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { loadWorkerConfig } from '../../worker/config.js';
import {
  hashPassword,
  PasswordCostError,
  parsePasswordHash,
  verifyPassword,
  WORKERS_MAX_PBKDF2_ITERATIONS,
} from './password.js';

describe('the PBKDF2 iteration cap', () => {
  it('hashes at or below the cap and refuses above it, without computing', async () => {
    const hash = await hashPassword('correct horse', 2000, { maxIterations: 2000 });
    expect(parsePasswordHash(hash)?.iterations).toBe(2000);
    await expect(hashPassword('correct horse', 2001, { maxIterations: 2000 })).rejects.toBeInstanceOf(
      PasswordCostError,
    );
  });

  it('verifies a hash within the cap and refuses one above it whatever the password', async () => {
    const hash = await hashPassword('correct horse', 3000);
    expect(await verifyPassword('correct horse', hash, { maxIterations: 3000 })).toBe(true);
    expect(await verifyPassword('wrong horse', hash, { maxIterations: 3000 })).toBe(false);
    for (const password of ['correct horse', 'wrong horse']) {
      const error = await verifyPassword(password, hash, { maxIterations: 2999 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PasswordCostError);
      expect(error).toMatchObject({ iterations: 3000, maxIterations: 2999 });
    }
    expect(await verifyPassword('correct horse', hash)).toBe(true); // no cap (Node's default)
  });

  it('is a configuration error to hash above the cap', () => {
    expect(() => loadConfig({ PASSWORD_ITERATIONS: '600000', PASSWORD_MAX_ITERATIONS: '100000' })).toThrow(
      /PASSWORD_ITERATIONS: 600000 is above PASSWORD_MAX_ITERATIONS \(100000\)/,
    );
    expect(loadConfig({}).PASSWORD_MAX_ITERATIONS).toBe(10_000_000);
  });

  it('defaults to 100,000 on Workers and refuses a cap Workers would not compute', () => {
    const config = loadWorkerConfig({ DB: {}, LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ PASSWORD_ITERATIONS: 100_000, PASSWORD_MAX_ITERATIONS: 100_000, LOG_LEVEL: 'warn' });
    expect(WORKERS_MAX_PBKDF2_ITERATIONS).toBe(100_000);
    const error = (() => {
      try {
        loadWorkerConfig({ PASSWORD_ITERATIONS: '600000', PASSWORD_MAX_ITERATIONS: '600000' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^PASSWORD_MAX_ITERATIONS: 600000 is above 100000/),
    ]);
    expect(() => loadWorkerConfig({ PASSWORD_ITERATIONS: '600000' })).toThrow(/PASSWORD_ITERATIONS: 600000 is above/);
  });
});
