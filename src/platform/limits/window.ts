export interface Window {
  start: number;
  /** Seconds until the window ends (for Retry-After), at least 1. */
  retryAfterSeconds: number;
  resetAt: Date;
}

export function fixedWindow(now: Date, windowMs: number): Window {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const end = start + windowMs;
  return {
    start,
    retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)),
    resetAt: new Date(end),
  };
}
