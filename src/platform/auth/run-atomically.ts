import type { CompiledQuery, QueryResult } from 'kysely';
import { withTransaction } from '../../db/transaction.js';
import type { ServiceDeps } from '../deps.js';

/**
 * Runs a fixed list of statements as one all-or-nothing unit: one `batch()` on D1, a transaction elsewhere. The
 * statements are written so that the list means the same on all three (each one that depends on an earlier one is
 * conditioned on it in SQL), so there is one write path per operation and nothing to decide between statements.
 */
export async function runAtomically(
  deps: Pick<ServiceDeps, 'db' | 'atomicBatch'>,
  statements: readonly CompiledQuery[],
): Promise<Array<QueryResult<unknown>>> {
  if (deps.atomicBatch) return deps.atomicBatch(statements);
  return withTransaction(deps.db, async (tx) => {
    const results: Array<QueryResult<unknown>> = [];
    for (const statement of statements) results.push(await tx.executeQuery(statement));
    return results;
  });
}
