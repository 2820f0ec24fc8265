import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Miniflare } from 'miniflare';
import { inject } from 'vitest';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { repoRoot } from '../../scripts/worker/bundle.js';
import { migrationFiles, type SqlFile, seedStatements } from '../../scripts/worker/d1-sql.js';
import { connectD1 } from '../../src/db/d1/connect-d1.js';
import type { D1Database } from '../../src/db/d1/d1-dialect.js';
import type { CourseContent } from '../../src/exam/content/load.js';

/**
 * Runs the worker bundle in miniflare (the workerd that `wrangler dev` uses) with wrangler.toml's settings, a fresh
 * in-memory D1, the migrations applied from the same SQL files `wrangler d1 migrations apply` reads, and drives it over
 * a real socket. `db` reaches the same D1 from the test through our D1 dialect, to check what was stored.
 */

/** Per-IP and per-user limits out of the way (every test request comes from one address). */
export const TEST_BINDINGS: Record<string, string> = {
  LOG_LEVEL: 'warn',
  AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_EXPENSIVE_PER_MINUTE: '100000',
};

let migrations: Promise<SqlFile[]> | undefined;

export async function applyStatements(d1: D1Database, statements: string[]): Promise<void> {
  if (statements.length > 0) await d1.batch(statements.map((s) => d1.prepare(s)));
}

export interface StartOptions {
  /** Bindings over wrangler.toml's [vars] and TEST_BINDINGS. */
  bindings?: Record<string, string>;
  /** Apply the migrations (default true). */
  migrate?: boolean;
  /** Serve the web app's build as static assets, as wrangler.toml's [assets] does in production (default false). */
  assets?: boolean;
}

export async function startWorker(options: StartOptions = {}) {
  // [assets] points at dist/web, which a test run need not have: the run's own web build stands in for it.
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(repoRoot, 'wrangler.toml'), undefined, {
    overrides: { assets: { directory: inject('webBuild') } },
  });
  const bundle = inject('workerBundle');
  const mf = new Miniflare({
    compatibilityDate: workerOptions.compatibilityDate,
    compatibilityFlags: workerOptions.compatibilityFlags,
    // The bundle is one module: listing it saves miniflare from parsing 2.5 MB to discover imports (seconds).
    modules: [{ type: 'ESModule', path: bundle, contents: readFileSync(bundle, 'utf8') }],
    modulesRoot: dirname(bundle),
    bindings: { ...(workerOptions.bindings as Record<string, string>), ...TEST_BINDINGS, ...options.bindings },
    // Only the binding name comes from wrangler.toml; the database is a new in-memory one for each worker.
    d1Databases: Object.fromEntries(Object.keys(workerOptions.d1Databases ?? {}).map((b) => [b, crypto.randomUUID()])),
    ...(options.assets && workerOptions.assets ? { assets: workerOptions.assets } : {}),
    host: '127.0.0.1',
    port: 0,
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  const d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
  if (options.migrate ?? true) {
    migrations ??= migrationFiles();
    for (const file of await migrations) await applyStatements(d1, file.statements);
  }
  const handle = connectD1(d1);

  async function call(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
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

  async function setCredits(userId: string, credits: number, plan: 'free' | 'starter' | 'unlimited' = 'free') {
    await handle.db.updateTable('users').set({ credits, plan }).where('id', '=', userId).execute();
  }

  /** Seeds a course the way production seeds D1: the statements of the generated seed SQL. */
  async function seed(content: CourseContent) {
    await applyStatements(d1, await seedStatements([content], new Date()));
    return content;
  }

  return {
    url,
    mf,
    d1,
    db: handle.db,
    call,
    register,
    setCredits,
    seed,
    async close() {
      await mf.dispose();
    },
  };
}

export type WorkerTest = Awaited<ReturnType<typeof startWorker>>;
