/**
 * Fixed-window counters in the database, for limits a route keeps beyond the per-IP middleware (login failures, reset
 * requests): other modules count through here, never through rate-limit.repo.ts itself.
 */
export { decrementBucket, incrementBucket, readBucket } from './rate-limit.repo.js';
