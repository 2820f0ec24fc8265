import { templates as bundledTemplates } from 'pathwise:coach-templates';
import type { ExecutionContext } from 'hono';
import { createAiProvider } from './ai/create-provider.js';
import { type App, createApp } from './app.js';
import { ConfigError, type Env } from './config.js';
import type { DatabaseHandle } from './db/connection.js';
import { connectD1 } from './db/d1/connect-d1.js';
import type { D1Database } from './db/d1/d1-dialect.js';
import { type Clock, systemClock } from './platform/clock.js';
import { createConsoleLogger } from './platform/console-logger.js';
import { sweepRateLimitBuckets } from './platform/limits/rate-limit.middleware.js';
import type { Logger } from './platform/logger.js';
import { loadWorkerConfig } from './worker/config.js';
import { templatesFrom } from './worker/templates.js';

/**
 * The Cloudflare Workers entry: the same Hono app as the Node server (`createApp`), on D1, with the console logger,
 * bundled coach templates and no Node-only dependency (scripts/build-worker.ts refuses to bundle one). Config comes
 * from the bindings (`[vars]` in wrangler.toml and secrets). See docs/WORKERS.md.
 */
export interface WorkerEnv {
  DB: D1Database;
  [binding: string]: unknown;
}

/** The part of Workers' ScheduledController used here (Hono types the ExecutionContext). */
interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}

export interface WorkerRuntime {
  app: App;
  database: DatabaseHandle;
  logger: Logger;
}

/**
 * What a test worker (test/support/d1-worker-entry.ts) sets differently from production: a clock the test moves,
 * seeded randomness and the test configuration. Production passes none.
 */
export interface WorkerRuntimeOptions {
  clock?: Clock;
  random?: () => number;
  config?: (config: Env) => Env;
}

/** The app on a D1 binding, configured from the other bindings. Throws a ConfigError on a bad configuration. */
export function createWorkerRuntime(env: WorkerEnv, options: WorkerRuntimeOptions = {}): WorkerRuntime {
  const loaded = loadWorkerConfig(env);
  const config = options.config ? options.config(loaded) : loaded;
  const logger = createConsoleLogger({ level: config.LOG_LEVEL });
  const database = connectD1(env.DB);
  const app = createApp({
    database,
    config,
    clock: options.clock ?? systemClock,
    logger,
    random: options.random ?? Math.random,
    ai: createAiProvider(config.ai),
    templates: templatesFrom(bundledTemplates),
    clientIp: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
  });
  return { app, database, logger };
}

// Built once per isolate (createApp registers every route and schema) and reused by its requests.
const runtimes = new WeakMap<object, WorkerRuntime>();

function runtimeFor(env: WorkerEnv): WorkerRuntime {
  let runtime = runtimes.get(env);
  if (!runtime) {
    runtime = createWorkerRuntime(env);
    runtimes.set(env, runtime);
  }
  return runtime;
}

export function misconfigured(error: unknown): Response {
  const requestId = crypto.randomUUID();
  const problems = error instanceof ConfigError ? error.problems : [String(error)];
  console.error(JSON.stringify({ level: 'error', msg: 'the worker could not start', requestId, problems }));
  return Response.json(
    { error: { code: 'service_unavailable', message: 'The server is misconfigured; its log says how', requestId } },
    { status: 503, headers: { 'x-request-id': requestId } },
  );
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let runtime: WorkerRuntime;
    try {
      runtime = runtimeFor(env);
    } catch (error) {
      return misconfigured(error);
    }
    return runtime.app.fetch(request, env, ctx);
  },

  /** A Cron Trigger (wrangler.toml) sweeps old rate-limit windows, as the Node server's hourly timer does. */
  async scheduled(_controller: ScheduledController, env: WorkerEnv): Promise<void> {
    const runtime = runtimeFor(env);
    try {
      await sweepRateLimitBuckets(runtime.database.db, systemClock.now());
    } catch (error) {
      runtime.logger.warn({ err: error }, 'sweeping old rate-limit buckets failed');
    }
  },
};
