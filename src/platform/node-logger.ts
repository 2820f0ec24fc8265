import pino from 'pino';
import type { Logger } from './logger.js';

/** pino JSON logs; pretty when a person is watching a terminal. Secrets and tokens are redacted. */
export function createNodeLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  return pino({
    level,
    redact: ['req.headers.authorization', 'authorization', 'password', 'token', '*.password', '*.token'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  }) as unknown as Logger;
}
