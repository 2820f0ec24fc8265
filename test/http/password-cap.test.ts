import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash } from '../../src/platform/auth/password.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The PBKDF2 cap (PASSWORD_MAX_ITERATIONS) on the Node server; the Workers suite runs the same at 100,000. */
describe.each(targets('password-cap'))('password cost cap on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database, { config: { PASSWORD_ITERATIONS: 2000, PASSWORD_MAX_ITERATIONS: 4000 } });
  });
  afterAll(async () => database.destroy());

  const setHash = async (email: string, hash: string) =>
    t.db.updateTable('users').set({ password_hash: hash }).where('email', '=', email).execute();
  const storedIterations = async (email: string) =>
    parsePasswordHash(
      (await t.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow())
        .password_hash,
    )?.iterations;

  it('answers 409 password_reset_required for a hash above the cap, and counts no failure', async () => {
    const { email, password } = await t.register();
    await setHash(email, await hashPassword(password, 5000));
    for (let i = 0; i < 4; i++) {
      const res = await t.call('POST', '/api/auth/login', { body: { email, password } });
      expect(res.status).toBe(409);
      expect(res.json.error).toMatchObject({
        code: 'password_reset_required',
        details: { iterations: 5000, maxIterations: 4000 },
      });
    }
    // An unknown email still gets the ordinary 401.
    expect((await t.call('POST', '/api/auth/login', { body: { email: 'x@example.com', password } })).status).toBe(401);
  });

  it('upgrades a hash below the configured cost on login, within the cap', async () => {
    const { email, password } = await t.register();
    expect(await storedIterations(email)).toBe(2000);
    await setHash(email, await hashPassword(password, 1000));
    expect((await t.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(200);
    expect(await storedIterations(email)).toBe(2000);
  });
});
