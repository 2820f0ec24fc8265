import { Writable } from 'node:stream';
import { createNodeLogger } from '../../src/platform/node-logger.js';

/** The production (pino) logger writing JSON lines into memory, to read what a request logged. */
export function capturedLogs(level = 'debug') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createNodeLogger({ level, format: 'json', destination: stream });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
