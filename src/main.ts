import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import 'dotenv/config';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { connectDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoContent } from './exam/ingest/seed-demo.js';
import { systemClock } from './platform/clock.js';
import { createNodeLogger } from './platform/node-logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createNodeLogger(config.LOG_LEVEL);
  const database = connectDatabase(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (config.SEED_DEMO_CONTENT) {
    const seeded = await seedDemoContent(database.db, systemClock.now());
    if (seeded.length > 0) logger.info({ courses: seeded }, 'demo content seeded');
  }

  const app = createApp({
    database,
    config,
    clock: systemClock,
    logger,
    random: Math.random,
    clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown',
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info({ port: info.port, database: database.dialect }, `Pathwise listening on http://localhost:${info.port}`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, waiting for requests in flight');
    const force = setTimeout(() => {
      logger.warn({}, 'shutdown timeout: closing remaining connections');
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    server.close(async () => {
      await database.close();
      logger.info({}, 'stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
