import { type ServerProcess, startServer } from './proc.js';

export interface ServerPlace {
  core: number;
  logDir: string;
}

/** Production settings for the real server; limits raised so the load measures work, not refusals. */
export function appEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    SEED_DEMO_CONTENT: 'false',
    PASSWORD_ITERATIONS: '600000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_EXPENSIVE_PER_MINUTE: '100000',
    LOGIN_MAX_FAILURES: '1000',
    MONETIZATION_DAILY_MESSAGE_LIMIT: '100000',
    MONETIZATION_MAX_CONCURRENT_STREAMS: '100',
    AI_PROVIDER: 'offline',
    METRICS_TOKEN: 'bench-metrics-token',
    ...extra,
  };
}

/** The real server: built JS (`dist/main.js`, as `npm start` runs it), pinned to the server core. */
export function startApp(
  place: ServerPlace,
  name: string,
  databaseUrl: string,
  extra: Record<string, string> = {},
  nodeFlags: string[] = [],
  checkout?: string,
): Promise<ServerProcess> {
  return startServer({
    name,
    args: ['--enable-source-maps', ...nodeFlags, checkout ? `${checkout}/dist/main.js` : 'dist/main.js'],
    env: appEnv(databaseUrl, extra),
    core: place.core,
    logDir: place.logDir,
  });
}

/** A baseline server from bench/baseline (node:http, or bare Hono as a sibling), pinned to the server core. */
export function startBaseline(
  place: ServerPlace,
  name: string,
  databaseUrl: string,
  framework: 'node' | 'hono',
  nodeFlags: string[] = [],
): Promise<ServerProcess> {
  return startServer({
    name,
    args: ['--import', 'tsx', ...nodeFlags, 'bench/baseline/server.ts'],
    env: { DATABASE_URL: databaseUrl, BASELINE: framework, NODE_ENV: 'production' },
    core: place.core,
    logDir: place.logDir,
  });
}
