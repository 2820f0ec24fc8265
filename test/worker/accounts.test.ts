import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newSessionToken } from '../../src/platform/auth/tokens.js';
import { startWorker, type WorkerTest } from './harness.js';

/** The account routes on D1, where each multi-statement write is one batch (src/platform/auth/run-atomically.ts). */
describe('accounts on the worker (D1)', () => {
  let w: WorkerTest;
  beforeAll(async () => {
    w = await startWorker();
  });
  afterAll(async () => w?.close());

  const login = async (email: string, password: string) => {
    const res = await w.call('POST', '/api/auth/login', { body: { email, password } });
    expect(res.status).toBe(200);
    return res.json.token as string;
  };
  const status = async (token: string) => (await w.call('GET', '/api/auth/me', { token })).status;

  it('changes the password and ends every other session', async () => {
    const { email, password, token } = await w.register();
    const other = await login(email, password);
    const res = await w.call('POST', '/api/auth/password', {
      token,
      body: { currentPassword: password, newPassword: 'new on the edge' },
    });
    expect(res.status).toBe(204);
    expect(await status(token)).toBe(200);
    expect(await status(other)).toBe(401);
    await login(email, 'new on the edge');
  });

  it('lists and revokes sessions by their public id', async () => {
    const { email, password, token } = await w.register();
    const other = await login(email, password);
    const sessions = (await w.call('GET', '/api/auth/sessions', { token })).json.sessions;
    expect(sessions).toHaveLength(2);
    const otherId = sessions.find((s: { current: boolean }) => !s.current).id;
    expect(JSON.stringify(sessions)).not.toContain(await hashToken(other));
    expect((await w.call('DELETE', `/api/auth/sessions/${otherId}`, { token })).status).toBe(204);
    expect(await status(other)).toBe(401);
    expect((await w.call('DELETE', `/api/auth/sessions/${otherId}`, { token })).status).toBe(404);
  });

  it('deletes an account in one batch: personal rows gone, the ledger kept on a tombstone, the email free', async () => {
    const { email, password, token, user } = await w.register();
    expect((await w.call('DELETE', '/api/auth/me', { token, body: { password: 'wrong one' } })).status).toBe(403);
    expect((await w.call('DELETE', '/api/auth/me', { token, body: { password } })).status).toBe(204);
    expect(await status(token)).toBe(401);
    expect(await w.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await w.db.selectFrom('users').select('id').where('id', '=', user.id).execute()).toEqual([]);
    const ledger = await w.db
      .selectFrom('credit_transactions')
      .innerJoin('users', 'users.id', 'credit_transactions.user_id')
      .select(['credit_transactions.type', 'credit_transactions.amount', 'users.email', 'users.deleted_at'])
      .where('users.deleted_at', 'is not', null)
      .orderBy('credit_transactions.id')
      .execute();
    expect(ledger.map((r) => [r.type, r.amount])).toEqual([
      ['signup_bonus', 5],
      ['account_deleted', -5],
    ]);
    expect(ledger[0]!.email).toMatch(/@deleted\.invalid$/);
    expect((await w.call('POST', '/api/auth/register', { body: { email, password } })).status).toBe(201);
  });

  it('accepts a reset request alike for any email, and a reset token works once', async () => {
    const { email, password, token, user } = await w.register();
    const unknown = await w.call('POST', '/api/auth/password-reset', { body: { email: 'nobody@example.com' } });
    const known = await w.call('POST', '/api/auth/password-reset', { body: { email } });
    expect(unknown.status).toBe(202);
    expect(known.json).toEqual(unknown.json);
    expect(
      await w.db.selectFrom('password_reset_tokens').select('id').where('user_id', '=', user.id).execute(),
    ).toHaveLength(1);

    // The emailed token is only in the (log) mail: plant one whose value the test knows.
    const resetToken = newSessionToken();
    await w.db
      .insertInto('password_reset_tokens')
      .values({
        id: await hashToken(resetToken),
        user_id: user.id,
        created_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .execute();
    const confirmed = await w.call('POST', '/api/auth/password-reset/confirm', {
      body: { token: resetToken, newPassword: 'reset on the edge' },
    });
    expect(confirmed.status).toBe(200);
    expect(await status(token)).toBe(401);
    expect(await status(confirmed.json.token)).toBe(200);
    expect((await w.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(401);
    const again = await w.call('POST', '/api/auth/password-reset/confirm', {
      body: { token: resetToken, newPassword: 'and once more' },
    });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('invalid_reset_token');
    await login(email, 'reset on the edge');
  });
});
