import { createAiProvider } from '../../src/ai/create-provider.js';
import type { AiProvider } from '../../src/ai/provider.js';
import { type CreateAppOptions, createApp } from '../../src/app.js';
import { loadTemplates } from '../../src/coach/templates/load-templates.js';
import { type Env, loadConfig } from '../../src/config.js';
import { seedCourse } from '../../src/exam/ingest/seed.js';
import { ManualClock } from '../../src/platform/clock.js';
import { seededRandom } from '../../src/platform/ids.js';
import { type Logger, silentLogger } from '../../src/platform/logger.js';
import type { TestDatabase } from './databases.js';
import { fixtureCourse } from './fixture-course.js';

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

export function createTestApp(database: TestDatabase, options: TestAppOptions = {}) {
  const clock = options.clock ?? new ManualClock();
  const config = testConfig(options.config);
  const app = createApp({
    database: database.handle,
    config,
    clock,
    logger: options.logger ?? silentLogger,
    random: seededRandom(42),
    ai: options.ai ?? createAiProvider(config.ai),
    templates: loadTemplates(),
    clientIp: () => options.clientIp ?? '203.0.113.7',
    ...options.app,
  });

  async function call(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
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

  let userCounter = 0;
  async function register(overrides: { email?: string; password?: string; name?: string } = {}) {
    userCounter++;
    const email = overrides.email ?? `user${userCounter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const password = overrides.password ?? 'correct horse battery';
    const res = await call('POST', '/api/auth/register', { body: { email, password, name: overrides.name } });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
    return { token: res.json.token as string, user: res.json.user as { id: string; email: string }, email, password };
  }

  async function setCredits(userId: string, credits: number, plan: 'free' | 'starter' | 'unlimited' = 'free') {
    await database.handle.db.updateTable('users').set({ credits, plan }).where('id', '=', userId).execute();
  }

  async function seedFixture(options?: Parameters<typeof fixtureCourse>[0]) {
    const content = fixtureCourse(options);
    await seedCourse(database.handle.db, content, clock.now());
    return content;
  }

  return {
    app,
    clock,
    config,
    call,
    register,
    setCredits,
    seedFixture,
    db: database.handle.db,
    atomic: database.handle.atomic,
  };
}

export type TestApp = ReturnType<typeof createTestApp>;
