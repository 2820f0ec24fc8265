import type { AiProvider } from '../ai/provider.js';
import type { Env } from '../config.js';
import type { AtomicBatch, RunAtomic } from '../db/atomic.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { Db } from '../db/transaction.js';
import type { Clock } from './clock.js';
import type { RateLimitStore } from './limits/rate-limit.middleware.js';
import type { Logger } from './logger.js';
import type { Mailer } from './mail/mailer.js';
import type { Lifecycle } from './observability/lifecycle.js';
import type { Metrics } from './observability/metrics.js';

/**
 * What the products add to the dependencies. Empty here because the platform knows no product: each product declares
 * its own fields by augmenting this interface (the coach's templates: src/coach/deps.ts), so nothing in platform/
 * imports a product's types.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the products through module augmentation
export interface ProductDeps {}

/**
 * What `createApp` is built from. `main.ts` passes the real pieces; tests pass a fixed clock, a seeded random
 * source and a silent logger. Services receive it as their context.
 */
export interface AppDeps extends ProductDeps {
  database: DatabaseHandle;
  config: Env;
  clock: Clock;
  logger: Logger;
  random: () => number;
  ai: AiProvider;
  /** Metrics recorder (prom-client on Node); nothing is recorded without one. */
  metrics?: Metrics | undefined;
  /** Draining state and open chat streams, for graceful shutdown and /ready. */
  lifecycle?: Lifecycle | undefined;
  /** Where rate-limit counts live; default: the database. Redis when REDIS_URL is set. */
  rateLimitStore?: RateLimitStore | undefined;
  /**
   * Names this server process across restarts (main.ts: INSTANCE_ID, else host and port): what a process holds in
   * the database (chat stream slots) carries it, so its successor can free what it held at once after a crash.
   * A fresh random name without one.
   */
  instanceId?: string | undefined;
  /** Where password-reset mail goes; default: the log (src/platform/mail/mailer.ts). SMTP when SMTP_URL is set. */
  mailer?: Mailer | undefined;
}

export type ServiceDeps = Pick<
  AppDeps,
  | 'config'
  | 'clock'
  | 'logger'
  | 'random'
  | 'ai'
  | 'metrics'
  | 'lifecycle'
  | 'rateLimitStore'
  | 'mailer'
  | keyof ProductDeps
> & {
  instanceId: string;
  db: Db;
  /** Runs one atomic operation's statement list (src/db/atomic.ts): the one write path on every database. */
  atomic: RunAtomic;
  /** Present on databases without interactive transactions (D1): atomic writes go through it (src/db/atomic.ts). */
  atomicBatch?: AtomicBatch | undefined;
};

export function serviceDeps(deps: AppDeps): ServiceDeps {
  return {
    db: deps.database.db,
    atomic: deps.database.atomic,
    atomicBatch: deps.database.atomicBatch,
    config: deps.config,
    clock: deps.clock,
    logger: deps.logger,
    random: deps.random,
    ai: deps.ai,
    templates: deps.templates,
    metrics: deps.metrics,
    lifecycle: deps.lifecycle,
    rateLimitStore: deps.rateLimitStore,
    instanceId: deps.instanceId ?? `process-${crypto.randomUUID()}`,
    mailer: deps.mailer,
  };
}
