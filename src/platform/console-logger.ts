import type { Logger } from './logger.js';

/**
 * The logger for runtimes without pino (Cloudflare Workers): one JSON object per `console` call, with `level`, `time`,
 * `msg` and the fields, which Workers Logs index as structured fields. Credentials are redacted by key name at any
 * depth (the same keys node-logger.ts redacts by path); errors become `{type, message, stack}`.
 */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Number.POSITIVE_INFINITY };
export type ConsoleLogLevel = keyof typeof LEVELS;

const SECRET_KEYS = new Set(['authorization', 'cookie', 'password', 'token', 'apikey', 'secret']);
const SECRET_CONFIG = new Set(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'METRICS_TOKEN', 'CLAUDE_API_KEY']);
const MAX_DEPTH = 6;

function clean(value: unknown, depth: number): unknown {
  if (value instanceof Error) {
    return {
      type: value.name,
      message: value.message,
      stack: value.stack,
      ...(value.cause ? { cause: clean(value.cause, depth + 1) } : {}),
    };
  }
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) || SECRET_CONFIG.has(key) ? '[redacted]' : clean(v, depth + 1);
  }
  return out;
}

export interface ConsoleLoggerOptions {
  level: ConsoleLogLevel | string;
  /** Where lines go; default `console` (tests pass a collector). */
  sink?: Pick<Console, 'log' | 'warn' | 'error'>;
}

export function createConsoleLogger(options: ConsoleLoggerOptions): Logger {
  const threshold = LEVELS[options.level as ConsoleLogLevel] ?? LEVELS.info;
  const sink = options.sink ?? console;
  const make = (bindings: Record<string, unknown>): Logger => {
    const write = (level: 'debug' | 'info' | 'warn' | 'error') => (obj: object, msg?: string) => {
      if (LEVELS[level] < threshold) return;
      const line = JSON.stringify(
        clean({ level, time: new Date().toISOString(), ...bindings, ...obj, ...(msg === undefined ? {} : { msg }) }, 0),
      );
      if (level === 'error') sink.error(line);
      else if (level === 'warn') sink.warn(line);
      else sink.log(line);
    };
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (more) => make({ ...bindings, ...more }),
      isLevelEnabled: (level) => LEVELS[level] >= threshold,
    };
  };
  return make({});
}
