import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connection.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { postSse, type ReceivedEvent } from '../support/sse-client.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];

interface ServerProcess {
  child: ChildProcess;
  url: string;
  dbUrl: string;
  logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` as its own process on a free loopback port, with a fresh SQLite file and JSON logs. */
async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-server-'));
  dirs.push(dir);
  const dbUrl = `file:${join(dir, 'server.db')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: dbUrl,
      SEED_DEMO_CONTENT: 'false',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      PASSWORD_ITERATIONS: '100000',
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk) => {
      buffer += String(chunk);
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.port === 'number' && String(entry.msg).startsWith('Pathwise listening')) {
          resolve(`http://127.0.0.1:${entry.port}`);
        }
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)));
  });
  return { child, url, dbUrl, logs, exited };
}

async function json(url: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies, inspected by the test
  return { status: res.status, body: (await res.json()) as any };
}

/** A user with a creator profile and an active project, ready to chat. */
async function projectToChatIn(base: string) {
  const reg = await json(`${base}/api/auth/register`, {
    method: 'POST',
    body: { email: `shutdown-${crypto.randomUUID()}@example.com`, password: 'correct horse battery' },
  });
  expect(reg.status).toBe(201);
  const token = reg.body.token as string;
  expect(
    (await json(`${base}/api/v1/monetization/profile`, { method: 'POST', token, body: sampleProfile })).status,
  ).toBe(201);
  const project = await json(`${base}/api/v1/monetization/projects`, {
    method: 'POST',
    token,
    body: { opportunityId: 'premium-community' },
  });
  expect(project.status).toBe(201);
  return { token, projectId: project.body.project.id as string };
}

/** Whether a brand-new TCP connection to the server is accepted. */
function acceptsConnections(base: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${base}/health`, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

async function messageRows(dbUrl: string) {
  const database = connectDatabase(dbUrl);
  try {
    const messages = await database.db
      .selectFrom('project_chat_messages')
      .select(['role', 'status', 'content'])
      .where('role', '=', 'assistant')
      .orderBy('id')
      .execute();
    const usage = await database.db.selectFrom('ai_usage_logs').select(['status']).execute();
    return { messages, usage };
  } finally {
    await database.close();
  }
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// Each test starts a server process that compiles TypeScript through tsx: seconds on a busy machine.
describe('the server process', { timeout: 180_000 }, () => {
  it('refuses to start on a bad configuration value, naming the variable and what is allowed', async () => {
    await expect(startServer({ PORT: 'eighty', LOG_LEVEL: 'loud' })).rejects.toThrow(
      /exited with 1[\s\S]*PORT: must be a whole number from 0 to 65535[\s\S]*LOG_LEVEL: Invalid option: expected one of/,
    );
  });

  it('on SIGTERM stops accepting connections, lets the open chat stream finish, and exits 0', async () => {
    const server = await startServer({ AI_OFFLINE_CHUNK_DELAY_MS: '40', SHUTDOWN_TIMEOUT_MS: '30000' });
    const { token, projectId } = await projectToChatIn(server.url);

    let signalledAt = 0;
    let deltasBeforeSignal = 0;
    let refusedDuringStream: boolean | undefined;
    const checks: Promise<void>[] = [];
    const reply = await postSse(`${server.url}/api/v1/monetization/projects/${projectId}/chat`, {
      token,
      body: { message: 'What should I do next?' },
      stopAfter: (events: ReceivedEvent[]) => {
        if (!signalledAt && events.some((e) => e.event === 'delta')) {
          signalledAt = Date.now();
          deltasBeforeSignal = events.filter((e) => e.event === 'delta').length;
          server.child.kill('SIGTERM');
          // Give the server a moment to close its listener, then try a new connection while the reply still streams.
          checks.push(
            new Promise<void>((resolve) => setTimeout(resolve, 300)).then(async () => {
              refusedDuringStream = !(await acceptsConnections(server.url));
            }),
          );
        }
        return false;
      },
    });
    await Promise.all(checks);
    const code = await server.exited;

    expect(signalledAt).toBeGreaterThan(0);
    expect(refusedDuringStream).toBe(true);
    expect(reply.events.at(-1)?.event).toBe('done');
    // The reply really was still streaming when the signal came, and it was let finish.
    const deltas = reply.events.filter((e) => e.event === 'delta').length;
    expect(deltas - deltasBeforeSignal).toBeGreaterThan(5);
    expect(code).toBe(0);
    const messagesLogged = server.logs.map((l) => l.msg);
    expect(messagesLogged).toEqual(
      expect.arrayContaining([
        'shutting down: no new connections; waiting for requests and chat streams in flight',
        'stopped',
      ]),
    );
    // Nothing lingered until the shutdown timeout (an idle keep-alive connection would have held the exit up to it).
    expect(messagesLogged).not.toContain('shutdown timeout: closing the remaining connections');
    const { messages, usage } = await messageRows(server.dbUrl);
    expect(messages.at(-1)?.status).toBe('complete');
    expect(usage.map((u) => u.status)).toEqual(['complete']);
  });

  it('exits 0 on SIGTERM after the reader of its stdout is gone (logging stops, shutdown completes)', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '30000' });
    // A log shipper that died: our end of the pipe closes, so the server's next log line meets EPIPE.
    server.child.stdout?.destroy();
    server.child.kill('SIGTERM');
    const outcome = await Promise.race([
      server.exited.then((code) => ({ code })),
      // Generous: a clean exit takes well under a second; the failure this guards against never exits at all.
      new Promise<{ code: 'still running' }>((resolve) => setTimeout(() => resolve({ code: 'still running' }), 20_000)),
    ]);
    if (outcome.code === 'still running') server.child.kill('SIGKILL');
    expect(outcome.code).toBe(0);
  });

  it('bounds the wait with SHUTDOWN_TIMEOUT_MS: a longer stream is cut, stored incomplete, and the process exits 0', async () => {
    const server = await startServer({ AI_OFFLINE_CHUNK_DELAY_MS: '400', SHUTDOWN_TIMEOUT_MS: '600' });
    const { token, projectId } = await projectToChatIn(server.url);
    let signalledAt = 0;
    const reply = await postSse(`${server.url}/api/v1/monetization/projects/${projectId}/chat`, {
      token,
      body: { message: 'What should I do next?' },
      stopAfter: (events: ReceivedEvent[]) => {
        if (!signalledAt && events.some((e) => e.event === 'delta')) {
          signalledAt = Date.now();
          server.child.kill('SIGTERM');
        }
        return false;
      },
    }).catch((error: unknown) => ({ events: [], error }));
    const code = await server.exited;
    const exitedAfter = Date.now() - signalledAt;

    expect(code).toBe(0);
    expect(exitedAfter).toBeLessThan(5000);
    expect(reply.events.some((e) => e.event === 'done')).toBe(false);
    expect(server.logs.map((l) => l.msg)).toContain('shutdown timeout: closing the remaining connections');
    const { messages, usage } = await messageRows(server.dbUrl);
    expect(messages.at(-1)?.status).toBe('incomplete');
    expect(usage.map((u) => u.status)).toEqual(['aborted']);
  });
});
