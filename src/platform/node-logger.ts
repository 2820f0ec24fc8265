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
  if (pretty) return pino(settings) as unknown as Logger;
  return pino(settings, destination ?? stdoutLines()) as unknown as Logger;
}

/**
 * JSON lines on stdout, written synchronously, as Node writes its own stdout to pipes and files on Linux. pino's
 * default (asynchronous, flushed synchronously at exit) never exited once the reader of a stdout pipe was gone: the
 * exit-time flush retried the failed write (EPIPE) forever, so SIGTERM left a spinning process. Here a write that finds
 * the pipe gone stops logging instead; nothing is left to flush at exit.
 */
function stdoutLines(): DestinationStream {
  const stdout = pino.destination({ dest: 1, sync: true });
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      stdout.write = () => true;
      return;
    }
    stdout.removeListener('error', onError);
    stdout.emit('error', error);
  };
  stdout.on('error', onError);
  return stdout;
}
