import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/platform/auth/tokens.js';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-server.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { recordingMailer, resetTokenIn } from '../support/recording-mailer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe.each(targets('accounts'))('accounts on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let stripe: FakeStripe;
  const mail = recordingMailer();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    stripe = await startFakeStripe();
    t = createTestApp(database, {
      config: {
        LOGIN_MAX_FAILURES: 3,
        STRIPE_SECRET_KEY: 'sk_test_fake',
        STRIPE_API_HOST: stripe.host,
        STRIPE_API_PORT: stripe.port,
        STRIPE_API_PROTOCOL: 'http',
        PUBLIC_URL: 'https://app.example.com/',
      },
      app: { mailer: mail },
    });
  });
  afterAll(async () => {
    await stripe?.close();
    await database?.destroy();
  });

  const login = async (email: string, password: string, userAgent = FIREFOX) => {
    const res = await t.call('POST', '/api/auth/login', {
      body: { email, password },
      headers: { 'user-agent': userAgent },
    });
    expect(res.status).toBe(200);
    return res.json.token as string;
  };
  const status = async (token: string) => (await t.call('GET', '/api/auth/me', { token })).status;

  describe('POST /api/auth/password', () => {
    it('changes the password, keeps this session and ends every other one', async () => {
      const { email, password, token } = await t.register();
      const other = await login(email, password);
      const res = await t.call('POST', '/api/auth/password', {
        token,
        body: { currentPassword: password, newPassword: 'a brand new secret' },
      });
      expect(res.status).toBe(204);
      expect(await status(token)).toBe(200);
      expect(await status(other)).toBe(401);
      expect((await t.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(401);
      await login(email, 'a brand new secret');
    });

    it('refuses a wrong current password with 403 naming the field, and counts it like a failed login', async () => {
      const { email, password, token } = await t.register();
      for (let i = 0; i < 3; i++) {
        const wrong = await t.call('POST', '/api/auth/password', {
          token,
          body: { currentPassword: 'not my password', newPassword: 'whatever works' },
        });
        expect(wrong.status).toBe(403);
        expect(wrong.json.error).toMatchObject({ code: 'wrong_password', details: { field: 'currentPassword' } });
      }
      const refused = await t.call('POST', '/api/auth/password', {
        token,
        body: { currentPassword: password, newPassword: 'whatever works' },
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      t.clock.advance(16 * 60_000);
      // The old password still works: nothing changed.
      expect((await t.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(200);
    });

    it('names the field of a new password that is too short, and needs a token', async () => {
      const { password, token } = await t.register();
      const short = await t.call('POST', '/api/auth/password', {
        token,
        body: { currentPassword: password, newPassword: 'short' },
      });
      expect(short.status).toBe(422);
      expect(short.json.error.details.fields).toEqual([expect.objectContaining({ field: 'newPassword' })]);
      const anonymous = await t.call('POST', '/api/auth/password', {
        body: { currentPassword: password, newPassword: 'long enough now' },
      });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('sessions', () => {
    it('lists my live sessions with device hints, never a token or its hash', async () => {
      const { email, password, token } = await t.register();
      const phone = await login(email, password, IPHONE);
      const res = await t.call('GET', '/api/auth/sessions', { token });
      expect(res.status).toBe(200);
      expect(res.json.sessions).toHaveLength(2);
      const current = res.json.sessions.find((s: { current: boolean }) => s.current);
      const other = res.json.sessions.find((s: { current: boolean }) => !s.current);
      expect(current.device).toMatchObject({ description: 'Unknown device', ipAddress: '203.0.113.7' });
      expect(other.device).toEqual({ description: 'Safari on iOS', userAgent: IPHONE, ipAddress: '203.0.113.7' });
      expect(other).toMatchObject({
        id: expect.any(String),
        createdAt: t.clock.now().toISOString(),
        lastUsedAt: t.clock.now().toISOString(),
      });
      const text = res.text;
      for (const secret of [token, phone, await hashToken(token), await hashToken(phone)]) {
        expect(text).not.toContain(secret);
      }
    });

    it('revokes one of my sessions by its id; another user’s session is a 404', async () => {
      const { email, password, token } = await t.register();
      const phone = await login(email, password, IPHONE);
      const stranger = await t.register();
      const mine = (await t.call('GET', '/api/auth/sessions', { token })).json.sessions;
      const phoneId = mine.find((s: { current: boolean }) => !s.current).id;
      const theirs = (await t.call('GET', '/api/auth/sessions', { token: stranger.token })).json.sessions[0].id;

      expect((await t.call('DELETE', `/api/auth/sessions/${theirs}`, { token })).status).toBe(404);
      expect(await status(stranger.token)).toBe(200);
      expect((await t.call('DELETE', '/api/auth/sessions/no-such-session', { token })).status).toBe(404);
      expect((await t.call('DELETE', `/api/auth/sessions/${phoneId}`)).status).toBe(401);

      expect((await t.call('DELETE', `/api/auth/sessions/${phoneId}`, { token })).status).toBe(204);
      expect(await status(phone)).toBe(401);
      expect(await status(token)).toBe(200);
      expect((await t.call('GET', '/api/auth/sessions', { token })).json.sessions).toHaveLength(1);
    });

    it('leaves expired sessions out of the list', async () => {
      const { email, password } = await t.register();
      await login(email, password);
      t.clock.advance(20 * 86_400_000);
      const fresh = await login(email, password);
      t.clock.advance(11 * 86_400_000);
      const res = await t.call('GET', '/api/auth/sessions', { token: fresh });
      expect(res.json.sessions).toHaveLength(1);
      expect(res.json.sessions[0].current).toBe(true);
    });
  });

  describe('DELETE /api/auth/me', () => {
    /** Every table with a user_id column, found by introspection, so a table added later is checked too. */
    async function rowsOwnedBy(userId: string): Promise<Record<string, number>> {
      const tables = await t.db.introspection.getTables();
      const counts: Record<string, number> = {};
      for (const table of tables) {
        if (!table.columns.some((c) => c.name === 'user_id')) continue;
        const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
          table.name,
        )} where user_id = ${userId}`.execute(t.db);
        const n = Number(rows[0]?.n ?? 0);
        if (n > 0) counts[table.name] = n;
      }
      return counts;
    }

    it('removes the personal data and keeps the ledger under an anonymous tombstone; the email is free again', async () => {
      const { email, password, token, user } = await t.register({ name: 'Grace Hopper' });
      await login(email, password);
      // Some personal data in several products' tables, and a paid ledger row.
      const profile = await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
      expect(profile.status).toBe(201);
      await t.call('POST', '/api/auth/password-reset', { body: { email } });
      await mail.next();
      await t.db
        .insertInto('credit_transactions')
        .values({
          id: 'ledger-paid-pack',
          user_id: user.id,
          amount: 50,
          type: 'purchase',
          description: 'Credit pack',
          stripe_payment_intent_id: 'pi_123',
          balance_after: 55,
          created_at: t.clock.now().toISOString(),
        })
        .execute();
      await t.db.updateTable('users').set({ credits: 55 }).where('id', '=', user.id).execute();
      const before = await rowsOwnedBy(user.id);
      expect(before).toMatchObject({
        sessions: 2,
        credit_transactions: 2,
        password_reset_tokens: 1,
        creator_profiles: 1,
      });

      const res = await t.call('DELETE', '/api/auth/me', { token, body: { password } });
      expect(res.status).toBe(204);
      expect(await status(token)).toBe(401);
      expect((await t.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(401);
      expect(await rowsOwnedBy(user.id)).toEqual({});
      expect(await t.db.selectFrom('users').select('id').where('id', '=', user.id).execute()).toEqual([]);

      // The ledger: every row kept, on a tombstone that carries nothing of the person, closed by a forfeit row.
      const ledger = await t.db
        .selectFrom('credit_transactions')
        .selectAll()
        .where('id', 'in', ['ledger-paid-pack'])
        .executeTakeFirstOrThrow();
      const tombstone = await t.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', ledger.user_id)
        .executeTakeFirstOrThrow();
      expect(tombstone).toMatchObject({
        name: null,
        credits: 0,
        stripe_customer_id: null,
        deleted_at: t.clock.now().toISOString(),
      });
      expect(tombstone.email).toMatch(/^deleted-[0-9a-f-]+@deleted\.invalid$/);
      expect(Boolean(tombstone.is_active)).toBe(false);
      expect(JSON.stringify(tombstone)).not.toMatch(/grace|hopper|pbkdf2/i);
      const rows = await t.db
        .selectFrom('credit_transactions')
        .select(['type', 'amount', 'balance_after', 'stripe_payment_intent_id'])
        .where('user_id', '=', tombstone.id)
        .orderBy('id')
        .execute();
      expect(rows).toEqual(
        expect.arrayContaining([
          { type: 'signup_bonus', amount: 5, balance_after: 5, stripe_payment_intent_id: null },
          { type: 'purchase', amount: 50, balance_after: 55, stripe_payment_intent_id: 'pi_123' },
          { type: 'account_deleted', amount: -55, balance_after: 0, stripe_payment_intent_id: null },
        ]),
      );
      expect(rows).toHaveLength(3);

      const again = await t.call('POST', '/api/auth/register', { body: { email, password: 'starting over' } });
      expect(again.status).toBe(201);
      expect(again.json.user.id).not.toBe(user.id);
      expect(again.json.user.credits).toBe(5);
    });

    it('deletes the Stripe customer (which ends a subscription) before any data', async () => {
      const { password, token, user } = await t.register();
      const bought = await t.call('POST', '/api/credits/purchase', { token, body: { pack: 'credits_10' } });
      expect(bought.status).toBe(200);
      const { stripe_customer_id: customerId } = await t.db
        .selectFrom('users')
        .select('stripe_customer_id')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(customerId).toMatch(/^cus_fake_/);

      stripe.failNext(503);
      const unavailable = await t.call('DELETE', '/api/auth/me', { token, body: { password } });
      expect(unavailable.status).toBe(503);
      expect(await status(token)).toBe(200);

      expect((await t.call('DELETE', '/api/auth/me', { token, body: { password } })).status).toBe(204);
      expect(stripe.executed(`/v1/customers/${customerId}`).map((r) => r.method)).toEqual(['DELETE']);
    });

    it('refuses a wrong password with 403 and deletes nothing', async () => {
      const { token, user } = await t.register();
      const res = await t.call('DELETE', '/api/auth/me', { token, body: { password: 'not it at all' } });
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: 'wrong_password', details: { field: 'password' } });
      expect(await status(token)).toBe(200);
      expect(await rowsOwnedBy(user.id)).toMatchObject({ sessions: 1, credit_transactions: 1 });
      const missing = await t.call('DELETE', '/api/auth/me', { token, body: {} });
      expect(missing.status).toBe(422);
      expect(missing.json.error.details.fields[0].field).toBe('password');
    });
  });

  describe('password reset', () => {
    it('answers the same for an unknown email and sends nothing', async () => {
      const { email } = await t.register();
      const sentBefore = mail.sent.length;
      const unknown = await t.call('POST', '/api/auth/password-reset', { body: { email: 'nobody@example.com' } });
      const known = await t.call('POST', '/api/auth/password-reset', { body: { email: email.toUpperCase() } });
      expect(unknown.status).toBe(202);
      expect(known.status).toBe(202);
      expect(unknown.json).toEqual(known.json);
      const message = await mail.next();
      expect(mail.sent.length).toBe(sentBefore + 1);
      expect(message.to).toBe(email);
    });

    it('mails a one-time link to the web app; confirming sets the password, ends every session and signs in', async () => {
      const { email, password, token } = await t.register({ name: 'Ada' });
      expect((await t.call('POST', '/api/auth/password-reset', { body: { email } })).status).toBe(202);
      const message = await mail.next();
      expect(message).toMatchObject({ to: email, subject: 'Reset your Pathwise password' });
      expect(message.text).toMatch(/^Hello Ada,/);
      expect(message.text).toMatch(/https:\/\/app\.example\.com\/reset-password\?token=[A-Za-z0-9_-]{43}\n/);
      const resetToken = resetTokenIn(message.text);
      // Stored as a hash, like session tokens.
      const stored = await t.db.selectFrom('password_reset_tokens').select('id').execute();
      expect(stored.map((r) => r.id)).toContain(await hashToken(resetToken));
      expect(JSON.stringify(stored)).not.toContain(resetToken);

      const confirmed = await t.call('POST', '/api/auth/password-reset/confirm', {
        body: { token: resetToken, newPassword: 'remembered at last' },
        headers: { 'user-agent': FIREFOX },
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.json.user.email).toBe(email);
      expect(await status(token)).toBe(401);
      expect(await status(confirmed.json.token)).toBe(200);
      expect((await t.call('POST', '/api/auth/login', { body: { email, password } })).status).toBe(401);
      await login(email, 'remembered at last');

      const reused = await t.call('POST', '/api/auth/password-reset/confirm', {
        body: { token: resetToken, newPassword: 'once more with feeling' },
      });
      expect(reused.status).toBe(400);
      expect(reused.json.error).toMatchObject({ code: 'invalid_reset_token', details: { field: 'token' } });
      await login(email, 'remembered at last');
    });

    it('refuses an expired link and a made-up one', async () => {
      const { email, password } = await t.register();
      await t.call('POST', '/api/auth/password-reset', { body: { email } });
      const resetToken = resetTokenIn((await mail.next()).text);
      t.clock.advance(61 * 60_000);
      const expired = await t.call('POST', '/api/auth/password-reset/confirm', {
        body: { token: resetToken, newPassword: 'too late for this' },
      });
      expect(expired.status).toBe(400);
      expect(expired.json.error.code).toBe('invalid_reset_token');
      const madeUp = await t.call('POST', '/api/auth/password-reset/confirm', {
        body: { token: 'x'.repeat(43), newPassword: 'too late for this' },
      });
      expect(madeUp.status).toBe(400);
      await login(email, password);
    });

    it('voids outstanding links when the password changes, and lets one of two links work', async () => {
      const { email, password, token } = await t.register();
      await t.call('POST', '/api/auth/password-reset', { body: { email } });
      await t.call('POST', '/api/auth/password-reset', { body: { email } });
      const first = resetTokenIn((await mail.next()).text);
      const second = resetTokenIn((await mail.next()).text);
      const used = await t.call('POST', '/api/auth/password-reset/confirm', {
        body: { token: second, newPassword: 'the second link' },
      });
      expect(used.status).toBe(200);
      const other = await t.call('POST', '/api/auth/password-reset/confirm', {
        body: { token: first, newPassword: 'the first link' },
      });
      expect(other.status).toBe(400);

      await t.call('POST', '/api/auth/password-reset', { body: { email } });
      const third = resetTokenIn((await mail.next()).text);
      const changed = await t.call('POST', '/api/auth/password', {
        token: used.json.token,
        body: { currentPassword: 'the second link', newPassword: 'changed by hand' },
      });
      expect(changed.status).toBe(204);
      const stale = await t.call('POST', '/api/auth/password-reset/confirm', {
        body: { token: third, newPassword: 'should not work' },
      });
      expect(stale.status).toBe(400);
      expect(await status(token)).toBe(401);
      void password;
    });

    it('sends at most PASSWORD_RESET_MAX_PER_HOUR links to one address an hour, answering alike', async () => {
      const { email } = await t.register();
      const answers = [];
      const sentBefore = mail.sent.filter((m) => m.to === email).length;
      for (let i = 0; i < 5; i++) {
        answers.push((await t.call('POST', '/api/auth/password-reset', { body: { email } })).json);
      }
      for (let i = 0; i < 3; i++) await mail.next();
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      // The fourth and fifth were dropped before any token was made (nothing is left to send).
      expect(mail.sent.filter((m) => m.to === email).length).toBe(sentBefore + 3);
      const user = await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      const tokens = await t.db
        .selectFrom('password_reset_tokens')
        .select('id')
        .where('user_id', '=', user.id)
        .execute();
      expect(tokens).toHaveLength(3);
    });

    it('names the field of a bad email or a short new password', async () => {
      const bad = await t.call('POST', '/api/auth/password-reset', { body: { email: 'not-an-email' } });
      expect(bad.status).toBe(422);
      expect(bad.json.error.details.fields[0].field).toBe('email');
      const short = await t.call('POST', '/api/auth/password-reset/confirm', {
        body: { token: 'abc', newPassword: 'short' },
      });
      expect(short.status).toBe(422);
      expect(short.json.error.details.fields[0].field).toBe('newPassword');
    });
  });

  it('documents every account route with its errors in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    const expected: Array<[string, string, string[]]> = [
      ['/api/auth/password', 'post', ['204', '401', '403', '409', '422', '429']],
      ['/api/auth/sessions', 'get', ['200', '401']],
      ['/api/auth/sessions/{id}', 'delete', ['204', '401', '404']],
      ['/api/auth/me', 'delete', ['204', '401', '403', '409', '422', '503']],
      ['/api/auth/password-reset', 'post', ['202', '422', '429']],
      ['/api/auth/password-reset/confirm', 'post', ['200', '400', '422']],
    ];
    for (const [path, method, statuses] of expected) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(statuses));
    }
  });
});
