import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Insertable } from 'kysely';
import { seedStatements } from '../../scripts/worker/d1-sql.js';
import { createAiProvider } from '../../src/ai/create-provider.js';
import type { AiProvider } from '../../src/ai/provider.js';
import { type App, type CreateAppOptions, createApp } from '../../src/app.js';
import { loadTemplates } from '../../src/coach/templates/load-templates.js';
import { type Env, loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/schema.js';
import type { CourseContent } from '../../src/exam/content/load.js';
import { seedCourse } from '../../src/exam/ingest/seed.js';
import { ManualClock } from '../../src/platform/clock.js';
import { seededRandom } from '../../src/platform/ids.js';
import { batchingDatabaseRateLimitStore } from '../../src/platform/limits/rate-limit.middleware.js';
import { type Logger, silentLogger } from '../../src/platform/logger.js';
import { TEST_APP_HEADER, TEST_CONFIG_HEADER, TEST_NOW_HEADER } from './d1/protocol.js';
import type { RunningWorker } from './d1/worker.js';
import { applyStatements } from './d1/worker.js';
import type { TestDatabase } from './databases.js';
import { fixtureCourse } from './fixture-course.js';
import { listen } from './http-server.js';

/** The most values D1 binds in one statement (Cloudflare's documented limit). */
const D1_MAX_BOUND_VALUES = 100;

/**
 * Test configuration: offline defaults, a cheap password hash (the real cost is tested on its own), and per-IP limits
 * out of the way (every test request comes from one address; test/ops/rate-limits.test.ts tests them).
 */
export function testConfig(overrides: Partial<Env> = {}): Env {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    PASSWORD_ITERATIONS: 1000,
    AUTH_RATE_LIMIT_PER_MINUTE: 100_000,
    RATE_LIMIT_PER_MINUTE: 100_000,
    // Per-user limits on expensive routes too (50 parallel practice requests in one test); test/http/exam-limits.test.ts
    // tests them.
    RATE_LIMIT_EXPENSIVE_PER_MINUTE: 100_000,
    ...overrides,
  };
}

export interface TestAppOptions {
  config?: Partial<Env>;
  clock?: ManualClock;
  logger?: Logger;
  clientIp?: string;
  ai?: AiProvider;
  /** Anything else createApp takes (metrics, lifecycle, rate-limit store, ...). */
  app?: Partial<CreateAppOptions>;
}

type Call = (
  method: string,
  path: string,
  init?: { token?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<{
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field in tests
  json: any;
  text: string;
}>;

/**
 * The app on a test database, the same interface on every target: on SQLite and PostgreSQL the app runs in this
 * process (`app.request`); on D1 it runs in the worker (databases.ts started it) and `call` goes over HTTP, carrying
 * this app's configuration and clock (test/support/d1/protocol.ts).
 */
export function createTestApp(database: TestDatabase, options: TestAppOptions = {}) {
  const clock = options.clock ?? new ManualClock();
  const config = testConfig(options.config);
  const clientIp = options.clientIp ?? '203.0.113.7';
  const { app, fetchResponse, serve } = database.worker
    ? workerTransport(database.worker, config, clock, clientIp, options)
    : nodeTransport(database, config, clock, clientIp, options);

  const call: Call = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetchResponse(path, {
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
  };

  let userCounter = 0;
  async function register(overrides: { email?: string; password?: string; name?: string } = {}) {
    userCounter++;
    const email = overrides.email ?? `user${userCounter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const password = overrides.password ?? 'correct horse battery';
    const res = await call('POST', '/api/auth/register', { body: { email, password, name: overrides.name } });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
    return { token: res.json.token as string, user: res.json.user as { id: string; email: string }, email, password };
  }

  /**
   * Inserts many rows into one table, all or none: a few rows per statement, since D1 binds at most 100 values in one
   * (the same list runs everywhere).
   */
  async function insertRows<T extends keyof Database & string>(table: T, rows: Insertable<Database[T]>[]) {
    if (rows.length === 0) return;
    const perStatement = Math.max(1, Math.floor(D1_MAX_BOUND_VALUES / Object.keys(rows[0]!).length));
    const inserts = [];
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      inserts.push(database.handle.db.insertInto(table).values(chunk).compile());
    }
    await database.handle.atomic(inserts);
  }

  async function setCredits(userId: string, credits: number, plan: 'free' | 'starter' | 'unlimited' = 'free') {
    await database.handle.db.updateTable('users').set({ credits, plan }).where('id', '=', userId).execute();
  }

  /** Seeds a course the way each target's production seeds it: seedCourse on Node, the generated seed SQL on D1. */
  async function seedContent(content: CourseContent) {
    if (database.worker) {
      await applyStatements(database.worker.d1, await seedStatements([content], clock.now()));
    } else {
      await seedCourse(database.handle.db, content, clock.now());
    }
    return content;
  }

  async function seedFixture(options?: Parameters<typeof fixtureCourse>[0]) {
    return seedContent(fixtureCourse(options));
  }

  return {
    /** The in-process app (SQLite and PostgreSQL only; `serve()` gives every target a URL). */
    get app(): App {
      if (!app) throw new Error('The app runs in the worker on D1: use call() or serve()');
      return app;
    },
    clock,
    config,
    call,
    /** A URL serving the app over a real socket (Node: a server started here; D1: the worker's own). */
    serve,
    register,
    setCredits,
    insertRows,
    seedContent,
    seedFixture,
    db: database.handle.db,
    atomic: database.handle.atomic,
  };
}

interface Transport {
  app: App | undefined;
  fetchResponse(
    path: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<Response>;
  serve(): Promise<{ url: string; close(): Promise<void> }>;
}

function nodeTransport(
  database: TestDatabase,
  config: Env,
  clock: ManualClock,
  clientIp: string,
  options: TestAppOptions,
): Transport {
  const app = createApp({
    database: database.handle,
    config,
    clock,
    logger: options.logger ?? silentLogger,
    random: seededRandom(42),
    ai: options.ai ?? createAiProvider(config.ai),
    templates: loadTemplates(),
    clientIp: () => clientIp,
    // As main.ts counts limits without Redis (the worker counts each hit on its own).
    rateLimitStore: batchingDatabaseRateLimitStore(database.handle.db),
    ...options.app,
  });
  return {
    app,
    fetchResponse: async (path, init) => app.request(path, init),
    serve: () => listen(app),
  };
}

function workerTransport(
  worker: RunningWorker,
  config: Env,
  clock: ManualClock,
  clientIp: string,
  options: TestAppOptions,
): Transport {
  const nodeOnly = (['logger', 'ai', 'app'] as const).filter((option) => options[option] !== undefined);
  if (nodeOnly.length > 0) {
    throw new Error(
      `createTestApp on D1 cannot take ${nodeOnly.join(', ')} (objects of this process): list the suite in NOT_ON_D1 (test/support/databases.ts) with the reason`,
    );
  }
  const appId = crypto.randomUUID();
  const encodedConfig = encodeURIComponent(JSON.stringify(config));
  // miniflare's own dispatch (retrying a connection workerd closed), not a bare fetch on a pooled socket.
  const fetchResponse: Transport['fetchResponse'] = async (path, init) => {
    const res = await worker.mf.dispatchFetch(`${worker.url}${path}`, {
      method: init.method,
      body: init.body,
      headers: {
        ...init.headers,
        'cf-connecting-ip': clientIp,
        [TEST_APP_HEADER]: appId,
        [TEST_CONFIG_HEADER]: encodedConfig,
        [TEST_NOW_HEADER]: clock.now().toISOString(),
      },
    });
    return res as unknown as Response;
  };
  return {
    app: undefined,
    fetchResponse,
    // A socket of our own in front of the worker, so that requests from a real client (SSE, dropped connections)
    // carry this app's config and clock like call() does; the worker's body streams through as it comes.
    serve: async () => {
      const server = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers[name] = value;
        }
        const upstream = await fetchResponse(req.url ?? '/', {
          method: req.method ?? 'GET',
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined,
        });
        res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
        if (upstream.body) for await (const chunk of upstream.body) res.write(chunk);
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}

export type TestApp = ReturnType<typeof createTestApp>;
