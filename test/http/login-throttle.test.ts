import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The login throttle as docs/SECURITY.md documents it: 5 checked guesses per account per 15-minute window. */
const MAX_GUESSES = 5;

describe.each(targets('login-throttle'))('login throttling on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database, { config: { LOGIN_MAX_FAILURES: MAX_GUESSES, LOGIN_WINDOW_SECONDS: 900 } });
  });
  afterAll(async () => database.destroy());

  const login = (body: { email: string; password: string; deviceToken?: string }) =>
    t.call('POST', '/api/auth/login', { body });

  it('20 concurrent wrong guesses: no more than the documented number are checked, the rest 429', async () => {
    const { email } = await t.register();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login({ email, password: `wrong guess ${i}` })),
    );
    const checked = results.filter((r) => r.status === 401).length;
    const refused = results.filter((r) => r.status === 429);
    expect(checked).toBeLessThanOrEqual(MAX_GUESSES);
    expect(checked + refused.length).toBe(20);
    expect(refused[0]?.json.error.code).toBe('too_many_login_attempts');
    expect(Number(refused[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('the owner keeps signing in from a known device while the account is under attack', async () => {
    const { email, password } = await t.register();
    const first = await login({ email, password });
    expect(first.status).toBe(200);
    const deviceToken = first.json.deviceToken as string;
    expect(deviceToken).toMatch(/^[\w-]+\.[\w-]+$/);

    for (let i = 0; i < MAX_GUESSES + 3; i++) await login({ email, password: `attacker ${i}` });
    // The right password from a new device waits for the window like everyone else ...
    expect((await login({ email, password })).status).toBe(429);
    // ... the owner's device does not, and keeps its token.
    const owner = await login({ email, password, deviceToken });
    expect(owner.status).toBe(200);
    expect(owner.json.deviceToken).toBe(deviceToken);
    // A forged device token is no way around the throttle.
    expect((await login({ email, password, deviceToken: `${deviceToken.split('.')[0]}.forged` })).status).toBe(429);
    // The lockout of new devices lasts no longer than the window.
    t.clock.advance(15 * 60_000);
    expect((await login({ email, password })).status).toBe(200);
  });

  it('a device token is throttled too: a stolen one gets no more than the documented number of guesses', async () => {
    const { email, password } = await t.register();
    const deviceToken = (await login({ email, password })).json.deviceToken as string;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login({ email, password: `thief ${i}`, deviceToken })),
    );
    expect(results.filter((r) => r.status === 401).length).toBeLessThanOrEqual(MAX_GUESSES);
  });

  it('successful logins use up nothing, and failures on other accounts behind one address lock nobody else out', async () => {
    const owner = await t.register();
    for (let i = 0; i < MAX_GUESSES + 2; i++) expect((await login(owner)).status).toBe(200);
    // A campus behind one NAT: many students mistype their passwords (every test request shares one address).
    for (let i = 0; i < 4; i++) {
      const student = await t.register();
      for (let k = 0; k < MAX_GUESSES; k++) await login({ email: student.email, password: 'mistyped' });
    }
    expect((await login(owner)).status).toBe(200);
  });
});
