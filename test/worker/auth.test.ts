import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash } from '../../src/platform/auth/password.js';
import { startWorker, type WorkerTest } from './harness.js';

describe('auth on the worker (D1)', () => {
  let w: WorkerTest;
  beforeAll(async () => {
    w = await startWorker();
  });
  afterAll(async () => w?.close());

  const storedHash = async (email: string) =>
    (await w.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow())
      .password_hash;

  it('registers with a hash at the Workers cost (100,000 iterations) and the signup bonus in the ledger', async () => {
    const res = await w.call('POST', '/api/auth/register', {
      body: { email: '  Ada@Example.COM ', password: 'analytical engine', name: 'Ada' },
    });
    expect(res.status).toBe(201);
    expect(res.json.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.json.user).toMatchObject({ email: 'ada@example.com', name: 'Ada', plan: 'free', credits: 5 });
    expect(await storedHash('ada@example.com')).toMatch(/^pbkdf2-sha256\$100000\$/);
    const ledger = await w.db
      .selectFrom('credit_transactions')
      .select(['type', 'amount', 'balance_after'])
      .where('user_id', '=', res.json.user.id)
      .execute();
    expect(ledger).toEqual([{ type: 'signup_bonus', amount: 5, balance_after: 5 }]);
  });

  it('refuses a duplicate email with 409 and writes no second ledger row', async () => {
    const { email } = await w.register();
    const before = await w.db.selectFrom('credit_transactions').select('id').execute();
    const res = await w.call('POST', '/api/auth/register', {
      body: { email: email.toUpperCase(), password: 'another password' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('email_taken');
    expect(await w.db.selectFrom('credit_transactions').select('id').execute()).toHaveLength(before.length);
  });

  it('logs in, answers a wrong password and an unknown email alike, serves me, and logout revokes the token', async () => {
    const { email, password, user } = await w.register();
    const ok = await w.call('POST', '/api/auth/login', { body: { email, password } });
    expect(ok.status).toBe(200);
    expect(ok.json.user.id).toBe(user.id);
    const wrong = await w.call('POST', '/api/auth/login', { body: { email, password: 'wrong password' } });
    const unknown = await w.call('POST', '/api/auth/login', {
      body: { email: 'no@example.com', password: 'whatever1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error.message).toBe(unknown.json.error.message);

    const token = ok.json.token;
    expect((await w.call('GET', '/api/auth/me')).status).toBe(401);
    const me = await w.call('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ id: user.id, email });
    expect((await w.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await w.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('asks for a password reset when the stored hash needs more PBKDF2 rounds than Workers compute', async () => {
    // Made by a Node server at its default cost: production Workers would throw on it, so we must not even try.
    const { email, password } = await w.register();
    await w.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(password, 600_000) })
      .where('email', '=', email)
      .execute();
    const res = await w.call('POST', '/api/auth/login', { body: { email, password } });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: 'password_reset_required',
      details: { iterations: 600_000, maxIterations: 100_000 },
    });
    expect(res.json.error.message).toMatch(/reset your password/);
    // Nothing was checked, so it does not count as a failed login.
    const failures = await w.db
      .selectFrom('rate_limit_buckets')
      .selectAll()
      .where('key', 'like', 'login-failures:%')
      .execute();
    expect(failures.filter((b) => b.key.includes(email))).toEqual([]);
  });

  it('upgrades a cheaper hash to the configured 100,000 iterations on login', async () => {
    const { email, password } = await w.register();
    await w.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(password, 1000) })
      .where('email', '=', email)
      .execute();
    expect((await w.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(200);
    expect(parsePasswordHash(await storedHash(email))?.iterations).toBe(100_000);
    expect((await w.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(200);
  });
});

describe('worker configuration', () => {
  it('refuses to start with a PBKDF2 cost production Workers would refuse, saying why', async () => {
    const w = await startWorker({ bindings: { PASSWORD_ITERATIONS: '600000', PASSWORD_MAX_ITERATIONS: '600000' } });
    try {
      const res = await w.call('GET', '/health');
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('service_unavailable');
    } finally {
      await w.close();
    }
  });
});
