/**
 * The app's middleware stack rebuilt one layer at a time, to price each layer (the "middleware cost" table):
 * STACK=n serves the real course and question routes behind the caller lookup plus the first n of the app's other
 * middlewares, in the app's order (bench/lib/stack.ts). Same config, database, logger and metrics as the real server.
 */
import { serve } from '@hono/node-server';
import { createAiProvider } from '../../src/ai/create-provider.js';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/connection.js';
import { systemClock } from '../../src/platform/clock.js';
import { serviceDeps } from '../../src/platform/deps.js';
import { nodeServerOptions } from '../../src/platform/http/node-preset-header.js';
import { createNodeLogger } from '../../src/platform/node-logger.js';
import { createPrometheusMetrics } from '../../src/platform/observability/prometheus.js';
import { appLayers, buildStack } from '../lib/stack.js';

const config = loadConfig();
const logger = createNodeLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
const database = connectDatabase(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
const metrics = createPrometheusMetrics();
const deps = serviceDeps({
  database,
  config,
  clock: systemClock,
  logger,
  random: Math.random,
  ai: createAiProvider(config.ai),
  templates: new Map(),
  metrics,
});
const layers = appLayers(config, logger, metrics);
const app = buildStack(deps, layers, Number(process.env.STACK ?? layers.length));

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: '127.0.0.1', serverOptions: nodeServerOptions });
const stop = () => {
  server.close();
  void database.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
