/** True for a unique-constraint violation on either database (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return (
    e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

// Node's socket errors when the database cannot be reached or drops the connection.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/**
 * True when the database could not serve the query for a while rather than refusing it: unreachable, restarting,
 * out of connections, or (SQLite) locked past the busy timeout. The request did not fail because of what it asked,
 * so it is a 503 the client may retry, not a bug. PostgreSQL: SQLSTATE class 08 (connection exception), 57P01-57P03
 * (administrator or crash shutdown, cannot connect now), 53300 (too many connections); pg's own errors for a lost
 * connection ("Connection terminated ...", "... is not queryable") carry no code.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNREACHABLE.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') return true;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT') return true;
    if (
      typeof e.message === 'string' &&
      /^Connection terminated|is not queryable$|timeout exceeded when trying to connect/.test(e.message)
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
