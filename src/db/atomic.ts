import type { CompiledQuery, QueryResult } from 'kysely';

/**
 * Runs statements in order as one all-or-nothing unit and returns each one's result. Set on a database handle that has
 * no interactive transactions (Cloudflare D1: `batch()` runs the list as one transaction, but nothing can be read and
 * decided between two statements). Code that must stay atomic there writes its work as a fixed list of statements,
 * each later one conditioned in SQL on the earlier ones having happened (see docs/WORKERS.md).
 */
export type AtomicBatch = (queries: readonly CompiledQuery[]) => Promise<Array<QueryResult<unknown>>>;

/** The first row of one batch result, typed by the caller. */
export function firstRow<T>(result: QueryResult<unknown> | undefined): T | undefined {
  return result?.rows[0] as T | undefined;
}

/** Rows a batch statement inserted, updated or deleted. */
export function affectedRows(result: QueryResult<unknown> | undefined): number {
  return Number(result?.numAffectedRows ?? 0n);
}
