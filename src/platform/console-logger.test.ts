import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from './console-logger.js';

function collector() {
  const lines: Array<{ stream: string; entry: Record<string, unknown> }> = [];
  const push = (stream: string) => (line: string) => lines.push({ stream, entry: JSON.parse(line) });
  return { lines, sink: { log: push('log'), warn: push('warn'), error: push('error') } };
}

describe('console logger (Workers)', () => {
  it('writes one JSON object per entry with level, time, message, bindings and fields', () => {
    const { lines, sink } = collector();
    const logger = createConsoleLogger({ level: 'info', sink }).child({ requestId: 'r1' });
    logger.info({ status: 200 }, 'request done');
    logger.debug({}, 'not shown at info');
    logger.error({ err: new Error('boom') }, 'failed');
    expect(lines.map((l) => l.stream)).toEqual(['log', 'error']);
    expect(lines[0]!.entry).toMatchObject({ level: 'info', requestId: 'r1', status: 200, msg: 'request done' });
    expect(Date.parse(lines[0]!.entry.time as string)).not.toBeNaN();
    expect(lines[1]!.entry.err).toMatchObject({ type: 'Error', message: 'boom' });
  });

  it('redacts credentials at any depth, and writes nothing when silent', () => {
    const { lines, sink } = collector();
    createConsoleLogger({ level: 'debug', sink }).warn({
      req: { headers: { authorization: 'Bearer abc', Cookie: 'c' } },
      user: { password: 'p', email: 'e@example.com' },
      config: { STRIPE_SECRET_KEY: 'sk', PORT: 3000 },
    });
    const text = JSON.stringify(lines[0]!.entry);
    expect(text).not.toMatch(/Bearer abc|"p"|"sk"|"c"/);
    expect(lines[0]!.entry).toMatchObject({ user: { email: 'e@example.com' }, config: { PORT: 3000 } });
    const silent = collector();
    createConsoleLogger({ level: 'silent', sink: silent.sink }).error({}, 'x');
    expect(silent.lines).toEqual([]);
  });
});
