/** The logging surface the app uses: pino on Node, structured console JSON elsewhere (and silent in tests). */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
  /** Whether a line at `level` would be written (pino's own method); absent means it would. */
  isLevelEnabled?(level: LogLevel): boolean;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
  isLevelEnabled: () => false,
};

/** A logger that keeps entries in memory, for tests that assert what was logged. */
export function memoryLogger(): Logger & { entries: Array<{ level: string; msg?: string } & Record<string, unknown>> } {
  const entries: Array<{ level: string; msg?: string } & Record<string, unknown>> = [];
  const make = (bindings: Record<string, unknown>): Logger => ({
    debug: (obj, msg) => entries.push({ level: 'debug', ...bindings, ...obj, msg }),
    info: (obj, msg) => entries.push({ level: 'info', ...bindings, ...obj, msg }),
    warn: (obj, msg) => entries.push({ level: 'warn', ...bindings, ...obj, msg }),
    error: (obj, msg) => entries.push({ level: 'error', ...bindings, ...obj, msg }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), { entries });
}
