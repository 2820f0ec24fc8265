import { type StartWorkerOptions, startWorker as startMiniflare } from '../support/d1/worker.js';

export { applyStatements } from '../support/d1/worker.js';

/**
 * The production worker bundle (src/worker.ts, as `npm run build:worker` builds it) in miniflare, for what only the
 * deployed worker does: its Workers defaults (PBKDF2 cost), its configuration errors, the Cron Trigger, static assets.
 * Routes themselves run on D1 in the test matrix (test/http/, test/support/d1/).
 */
export async function startWorker(options: Omit<StartWorkerOptions, 'bundle'> = {}) {
  const worker = await startMiniflare({ ...options, bundle: 'production' });

  async function call(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${worker.url}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field in tests
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  async function register(overrides: { email?: string; password?: string; name?: string } = {}) {
    const email = overrides.email ?? `user-${crypto.randomUUID().slice(0, 12)}@example.com`;
    const password = overrides.password ?? 'correct horse battery';
    const res = await call('POST', '/api/auth/register', { body: { email, password, name: overrides.name } });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
    return { token: res.json.token as string, user: res.json.user as { id: string; email: string }, email, password };
  }

  return { url: worker.url, mf: worker.mf, d1: worker.d1, db: worker.handle.db, call, register, close: worker.close };
}

export type WorkerTest = Awaited<ReturnType<typeof startWorker>>;
