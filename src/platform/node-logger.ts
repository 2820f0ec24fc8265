import { createRequire } from 'node:module';
import pino, { type DestinationStream } from 'pino';
import type { Logger } from './logger.js';

/**
 * Field paths never written to a log: credentials in headers, passwords, session and API tokens, keys and secrets,
 * wherever they sit in a logged object (top level or one level down, e.g. `req.headers.authorization`, `user.password`).
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'apiKey',
  'secret',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.secret',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'config.STRIPE_SECRET_KEY',
  'config.STRIPE_WEBHOOK_SECRET',
  'config.METRICS_TOKEN',
];

function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false; // a production install without dev dependencies
  }
}

export interface NodeLoggerOptions {
  level: string;
  /** `auto`: pretty when stdout is a terminal and pino-pretty is installed, else JSON lines. */
  format?: 'auto' | 'json' | 'pretty';
  /** Where JSON lines go (default stdout); tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/** pino: one JSON object per line with `level`, `time`, `msg` and the fields; secrets and tokens are redacted. */
export function createNodeLogger(options: NodeLoggerOptions | string): Logger {
  const { level, format = 'auto', destination } = typeof options === 'string' ? { level: options } : options;
  const pretty =
    !destination && (format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true)) && prettyAvailable();
  const settings = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
  return (destination ? pino(settings, destination) : pino(settings)) as unknown as Logger;
}
