import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import 'dotenv/config';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { createAiProvider } from './ai/create-provider.js';
import { createApp } from './app.js';
import { repairInterruptedChats } from './coach/chat/stream-repair.js';
import { loadTemplates } from './coach/templates/load-templates.js';
import { ConfigError, loadConfig } from './config.js';
import { connectDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { loadAllCourses } from './exam/content/load.js';
import { contentRoot, seedDemoContent } from './exam/ingest/seed-demo.js';
import { systemClock } from './platform/clock.js';
import { serviceDeps } from './platform/deps.js';
import { clientAddress } from './platform/http/client-ip.js';
import { nodeServerOptions, presetOnServerResponse } from './platform/http/node-preset-header.js';
import { batchingDatabaseRateLimitStore, sweepRateLimitBuckets } from './platform/limits/rate-limit.middleware.js';
import { type RedisRateLimitStore, redactUrl, redisRateLimitStore } from './platform/limits/redis-store.js';
import { logMailer } from './platform/mail/mailer.js';
import { smtpMailer } from './platform/mail/smtp-mailer.js';
import { scalarStandaloneScript } from './platform/node-assets.js';
import { createNodeLogger } from './platform/node-logger.js';
import { Lifecycle } from './platform/observability/lifecycle.js';
import { createPrometheusMetrics } from './platform/observability/prometheus.js';
import { loadWebAssets } from './platform/web/node-web-assets.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createNodeLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const database = connectDatabase(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    onConnectionError: (error) =>
      logger.warn({ err: error.message }, 'PostgreSQL connection failed; the pool opens a new one when needed'),
  });
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  // With demo content on, /ready waits for every demo course (a start killed while seeding is completed next time).
  let requiredCourseIds: string[] = [];
  if (config.SEED_DEMO_CONTENT) {
    const courses = loadAllCourses(contentRoot);
    requiredCourseIds = courses.map((c) => c.course.id);
    const seeded = await seedDemoContent(database.db, systemClock.now(), { courses });
    if (seeded.length > 0) logger.info({ courses: seeded }, 'demo content seeded');
  }

  // Rate-limit counts: Redis when configured (it must answer at start), else the database (a turn's hits in one
  // statement), swept hourly.
  let redis: RedisRateLimitStore | undefined;
  let sweep: NodeJS.Timeout | undefined;
  if (config.REDIS_URL) {
    redis = redisRateLimitStore(config.REDIS_URL);
    await redis.ready();
    logger.info({ redis: redactUrl(config.REDIS_URL) }, 'rate limits counted in Redis');
  } else {
    const sweepNow = () =>
      sweepRateLimitBuckets(database.db, systemClock.now()).catch((err: unknown) =>
        logger.warn({ err }, 'sweeping old rate-limit buckets failed'),
      );
    void sweepNow();
    sweep = setInterval(sweepNow, 3_600_000).unref();
  }
  if (config.NODE_ENV === 'production' && !config.METRICS_TOKEN) {
    logger.warn({}, '/metrics answers without a token: keep it inside your network, or set METRICS_TOKEN');
  }

  const smtp = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : undefined;
  const mailer = smtp ?? logMailer(logger);
  if (!smtp && config.NODE_ENV === 'production') {
    logger.warn({}, 'password-reset emails are only written to the log: set SMTP_URL to send them');
  }

  const lifecycle = new Lifecycle();
  const ai = createAiProvider(config.ai);
  const webAssets = loadWebAssets();
  if (!webAssets) logger.warn({}, 'no web app build in dist/web: `npm run build` makes one; the API serves without it');
  const appDeps = {
    database,
    config,
    clock: systemClock,
    logger,
    random: Math.random,
    ai,
    templates: loadTemplates(),
    instanceId: config.INSTANCE_ID ?? `${hostname()}:${config.PORT}`,
  };
  // Before serving: a crash of this process's predecessor left replies streaming and slots held (docs/AI.md).
  await repairInterruptedChats(serviceDeps(appDeps));
  const app = createApp({
    ...appDeps,
    metrics: createPrometheusMetrics(),
    lifecycle,
    requiredCourseIds,
    rateLimitStore: redis ?? batchingDatabaseRateLimitStore(database.db),
    mailer,
    apiReferenceScript: scalarStandaloneScript(),
    webAssets,
    presetHeader: presetOnServerResponse,
    clientIp: (c) =>
      clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), config.TRUST_PROXY_HOPS),
  });
  const listenOn = { fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: nodeServerOptions };
  const server = serve(listenOn, (info) => {
    logger.info(
      { port: info.port, database: database.dialect, ai: ai.describe().description, mail: mailer.description },
      `Pathwise listening on http://localhost:${info.port}`,
    );
  }) as Server;

  let stopping = false;
  /**
   * Stops accepting connections, lets requests in flight and open chat streams finish (up to SHUTDOWN_TIMEOUT_MS),
   * then closes what is left, gives aborted streams a moment to store what arrived, and closes the database.
   */
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: closing all connections now');
      server.closeAllConnections();
      return;
    }
    stopping = true;
    lifecycle.startDraining();
    logger.info(
      { signal, streams: lifecycle.active, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      'shutting down: no new connections; waiting for requests and chat streams in flight',
    );
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections that finish their last response while we wait would otherwise linger until their idle
    // timeout: close them as soon as they are idle.
    const reaper = setInterval(() => server.closeIdleConnections(), 100);
    const finished = await Promise.race([closed.then(() => true), sleep(config.SHUTDOWN_TIMEOUT_MS).then(() => false)]);
    if (!finished) {
      logger.warn({ streams: lifecycle.active }, 'shutdown timeout: closing the remaining connections');
      server.closeAllConnections();
      await Promise.race([closed, sleep(1000)]);
    }
    clearInterval(reaper);
    // A stream cut off above still records its usage and releases its slot: wait for that, briefly.
    if (!(await lifecycle.whenIdle(finished ? config.SHUTDOWN_TIMEOUT_MS : 2000))) {
      logger.warn({ streams: lifecycle.active }, 'chat streams still running at exit');
    }
    if (sweep) clearInterval(sweep);
    await redis?.close();
    smtp?.close();
    await database.close();
    logger.info({ signal }, 'stopped');
    process.exit(0);
  };
  const onSignal = (signal: string) => {
    shutdown(signal).catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
