import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/platform/http/cursor.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A cursor of any JSON shape, encoded the way the API encodes its own. */
const forge = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A new user with a coach profile and an active project. */
async function userWithProject(t: TestApp) {
  const { token } = await t.register();
  await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
  const project = await t.call('POST', '/api/v1/monetization/projects', {
    token,
    body: { opportunityId: 'premium-community' },
  });
  return { token, projectId: project.json.project.id as string };
}

describe.each(targets('hostile-input'))('hostile input on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let token: string;
  let projectId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture();
    ({ token, projectId } = await userWithProject(t));
  });
  afterAll(async () => database.destroy());

  const fieldsOf = (res: Awaited<ReturnType<TestApp['call']>>) =>
    (res.json.error.details.fields as Array<{ field: string }>).map((f) => f.field);

  describe('NUL bytes and lone surrogates are refused at the edge, naming the field', () => {
    it('in a path id', async () => {
      const res = await t.call('GET', '/api/courses/calc2%00');
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe('validation_failed');
      expect(fieldsOf(res)).toEqual(['path']);
      expect((await t.call('GET', `/api/v1/monetization/projects/${projectId}%00/messages`, { token })).status).toBe(
        422,
      );
    });

    it('in a query value', async () => {
      const res = await t.call('GET', '/api/questions?courseId=calc2%00&limit=5', { token });
      expect(res.status).toBe(422);
      expect(fieldsOf(res)).toEqual(['courseId']);
    });

    it('in a JSON string, before any work: register stores no user', async () => {
      const email = `nul-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const res = await t.call('POST', '/api/auth/register', {
        body: { email, password: 'correct horse battery', name: 'Ada\u0000' },
      });
      expect(res.status).toBe(422);
      expect(fieldsOf(res)).toEqual(['name']);
      expect(await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();

      const surrogate = await t.call('POST', '/api/v1/monetization/profile', {
        token,
        body: { ...sampleProfile, platforms: [{ ...sampleProfile.platforms[0], platform: 'You\ud800Tube' }] },
      });
      expect(surrogate.status).toBe(422);
      expect(fieldsOf(surrogate)).toEqual(['platforms.0.platform']);
    });

    it('in a chat message, before the stream starts', async () => {
      const messages = () =>
        t.db.selectFrom('project_chat_messages').select('id').where('project_id', '=', projectId).execute();
      const before = (await messages()).length;
      const res = await t.call('POST', `/api/v1/monetization/projects/${projectId}/chat`, {
        token,
        body: { message: 'hello\u0000world' },
      });
      expect(res.status).toBe(422);
      expect(fieldsOf(res)).toEqual(['message']);
      expect(await messages()).toHaveLength(before);
    });
  });

  describe('forged cursors answer 422 invalid_cursor', () => {
    const forged = [
      forge({ id: [1, 2] }),
      forge({ id: { x: 1 } }),
      forge({ id: 7 }),
      forge({ id: 'a\u0000b' }),
      forge([]),
      forge(null),
      'not base64 at all!',
    ];

    it.each(forged)('questions, chat history: %s', async (cursor) => {
      const q = encodeURIComponent(cursor);
      for (const path of [
        `/api/questions?cursor=${q}`,
        `/api/v1/monetization/projects/${projectId}/messages?cursor=${q}`,
      ]) {
        const res = await t.call('GET', path, { token });
        expect(res.status, path).toBe(422);
        expect(res.json.error.code).toBe('invalid_cursor');
        expect(fieldsOf(res)).toEqual(['cursor']);
      }
    });

    it.each([
      forge({ createdAt: {}, id: 'x' }),
      forge({ createdAt: 'x', id: 'x' }),
      forge({ createdAt: '2026-01-01T00:00:00.000Z', id: [1] }),
      forge({ id: 'x' }),
    ])('transactions: %s', async (cursor) => {
      const res = await t.call('GET', `/api/credits/transactions?cursor=${encodeURIComponent(cursor)}`, { token });
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe('invalid_cursor');
    });

    it('a cursor the API returned still pages', async () => {
      const cursor = encodeCursor({ createdAt: '2026-01-01T00:00:00.000Z', id: 'zzz' });
      const res = await t.call('GET', `/api/credits/transactions?cursor=${cursor}`, { token });
      expect(res.status).toBe(200);
      const questions = await t.call('GET', `/api/questions?cursor=${encodeCursor({ id: 'q' })}`, { token });
      expect(questions.status).toBe(200);
    });
  });

  describe('small contract defects', () => {
    it('a midterm seed may be an integer: 7 and "7" are the same seed (the second is free)', async () => {
      const u = await t.register();
      await t.setCredits(u.user.id, 10);
      const asNumber = await t.call('POST', '/api/midterm/generate', {
        token: u.token,
        body: { courseId: 'fixture', seed: 7 },
      });
      expect(asNumber.status).toBe(200);
      expect(asNumber.json.charged).toBe(3);
      const asString = await t.call('POST', '/api/midterm/generate', {
        token: u.token,
        body: { courseId: 'fixture', seed: '7' },
      });
      expect(asString.status).toBe(200);
      expect(asString.json.charged).toBe(0);
      expect(asString.json.midterm).toEqual(asNumber.json.midterm);
      const fractional = await t.call('POST', '/api/midterm/generate', {
        token: u.token,
        body: { courseId: 'fixture', seed: 7.5 },
      });
      expect(fractional.status).toBe(422);
      expect(fieldsOf(fractional)).toContain('seed');
    });

    it('a clientMessageId reused with a different message answers 409 idempotency_key_reused', async () => {
      const chat = (message: string) =>
        t.call('POST', `/api/v1/monetization/projects/${projectId}/chat`, {
          token,
          body: { message, clientMessageId: 'contract-1' },
        });
      expect((await chat('What should I price it at?')).status).toBe(200);
      const resent = await chat('What should I price it at?');
      expect(resent.status).toBe(200);
      expect(resent.text).toContain('"replay":true');
      const reused = await chat('Something else entirely');
      expect(reused.status).toBe(409);
      expect(reused.json.error.code).toBe('idempotency_key_reused');
    });

    it('a wrong method on an existing path answers 405 with Allow; an unknown path stays 404', async () => {
      const login = await t.call('GET', '/api/auth/login');
      expect(login.status).toBe(405);
      expect(login.json.error.code).toBe('method_not_allowed');
      expect(login.headers.get('allow')).toBe('POST');
      const course = await t.call('DELETE', '/api/courses/fixture');
      expect(course.status).toBe(405);
      expect(course.headers.get('allow')).toBe('GET, HEAD');
      const project = await t.call('PUT', `/api/v1/monetization/projects/${projectId}`, { token });
      expect(project.status).toBe(405);
      expect(project.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'PATCH']);
      expect((await t.call('GET', '/api/nothing-here')).status).toBe(404);
    });
  });
});

describe.each(targets('hostile-input: slow socket'))('a slow request body on %s', (dialect) => {
  let database: TestDatabase;
  let token: string;
  let projectId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const t = createTestApp(database);
    ({ token, projectId } = await userWithProject(t));
  });
  afterAll(async () => database.destroy());

  it('a slow body on the chat route is bounded by REQUEST_TIMEOUT_MS (504), though its stream is not', async () => {
    const slowApp = createTestApp(database, { config: { REQUEST_TIMEOUT_MS: 300 } });
    const server = await slowApp.serve();
    try {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      const response = new Promise<string>((resolve, reject) => {
        let received = '';
        socket.on('data', (chunk) => {
          received += chunk.toString();
          if (received.includes('\r\n\r\n')) resolve(received);
        });
        socket.on('error', reject);
        socket.on('close', () => resolve(received));
      });
      // Headers promise 1,000 bytes; a few arrive and the rest never do.
      socket.write(
        `POST /api/v1/monetization/projects/${projectId}/chat HTTP/1.1\r\nHost: localhost\r\n` +
          `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"message":`,
      );
      expect((await response).split('\r\n')[0]).toBe('HTTP/1.1 504 Gateway Timeout');
      socket.destroy();
      // A whole body still gets its streamed reply.
      const res = await fetch(`${server.url}/api/v1/monetization/projects/${projectId}/chat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'What should I do next?' }),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('event: done');
    } finally {
      await server.close();
    }
  });
});
