import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/platform/clock.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe.each(targets('auth'))('auth on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database, { config: { LOGIN_MAX_FAILURES: 3 } });
  });
  afterAll(async () => database.destroy());

  it('registers with a normalised email and never returns the hash', async () => {
    const res = await t.call('POST', '/api/auth/register', {
      body: { email: '  Ada.Lovelace@Example.COM ', password: 'analytical engine', name: 'Ada' },
    });
    expect(res.status).toBe(201);
    expect(res.json.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.json.user).toMatchObject({
      email: 'ada.lovelace@example.com',
      name: 'Ada',
      plan: 'free',
      credits: 5,
      role: 'user',
    });
    expect(JSON.stringify(res.json)).not.toMatch(/pbkdf2|password/i);
    const stored = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'ada.lovelace@example.com')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^pbkdf2-sha256\$1000\$/);
  });

  it('refuses a duplicate email with 409, whatever its case', async () => {
    const { email } = await t.register();
    const res = await t.call('POST', '/api/auth/register', {
      body: { email: email.toUpperCase(), password: 'another password' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('email_taken');
  });

  it('names the field of a short password or a bad email (422)', async () => {
    const short = await t.call('POST', '/api/auth/register', { body: { email: 'x@example.com', password: 'short' } });
    expect(short.status).toBe(422);
    expect(short.json.error.code).toBe('validation_failed');
    expect(short.json.error.details.fields).toEqual([expect.objectContaining({ field: 'password' })]);
    const email = await t.call('POST', '/api/auth/register', {
      body: { email: 'not-an-email', password: 'long enough' },
    });
    expect(email.status).toBe(422);
    expect(email.json.error.details.fields[0].field).toBe('email');
  });

  it('answers malformed JSON with a 400 envelope, not a 500', async () => {
    const res = await t.call('POST', '/api/auth/register', { body: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'bad_request' });
    expect(res.json.error.requestId).toBeTruthy();
  });

  it('logs in, returns the same user, and says the same thing for a wrong password or unknown email', async () => {
    const { email, password, user } = await t.register();
    const ok = await t.call('POST', '/api/auth/login', { body: { email, password } });
    expect(ok.status).toBe(200);
    expect(ok.json.user.id).toBe(user.id);
    const wrong = await t.call('POST', '/api/auth/login', { body: { email, password: 'wrong password' } });
    const unknown = await t.call('POST', '/api/auth/login', {
      body: { email: 'nobody@example.com', password: 'whatever1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
  });

  it('me needs a valid token; logout revokes it', async () => {
    const { token, user } = await t.register();
    expect((await t.call('GET', '/api/auth/me')).status).toBe(401);
    expect((await t.call('GET', '/api/auth/me', { token: 'not-a-real-token' })).status).toBe(401);
    const me = await t.call('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ id: user.id });
    expect(me.json.user.password_hash).toBeUndefined();
    expect((await t.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('stores only a hash of the token', async () => {
    const { token, user } = await t.register();
    const sessions = await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toContain(token);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('expires sessions after 30 days without use', async () => {
    const { token } = await t.register();
    t.clock.advance(31 * DAY_MS);
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('slides the expiry of a session in use', async () => {
    const { token } = await t.register();
    t.clock.advance(20 * DAY_MS);
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(200);
    t.clock.advance(20 * DAY_MS);
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(200);
  });

  it('refuses repeated failed logins for one email with 429 and Retry-After', async () => {
    const { email, password } = await t.register();
    for (let i = 0; i < 3; i++) {
      expect((await t.call('POST', '/api/auth/login', { body: { email, password: 'wrong password' } })).status).toBe(
        401,
      );
    }
    const refused = await t.call('POST', '/api/auth/login', { body: { email, password } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    expect((await t.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(200);
  });
});
