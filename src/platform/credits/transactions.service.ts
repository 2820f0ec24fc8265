import { z } from 'zod';
import type { ServiceDeps } from '../deps.js';
import { cursorId, decodeCursor, encodeCursor } from '../http/cursor.js';
import * as repo from './transactions.repo.js';
import type { CreditTransaction } from './transactions.schemas.js';

/** The last row's sort key: an ISO timestamp as the ledger stores it, and the id. */
const ledgerCursor = z.strictObject({ createdAt: z.iso.datetime(), id: cursorId });

/** The caller's ledger, newest first, in keyset pages on `(created_at, id)`. */
export async function listTransactions(
  deps: ServiceDeps,
  input: { userId: string; limit: number; cursor?: string | undefined },
): Promise<{ transactions: CreditTransaction[]; nextCursor: string | null }> {
  const before = input.cursor ? decodeCursor(input.cursor, ledgerCursor) : undefined;
  const rows = await repo.ledgerPage(deps.db, input.userId, { limit: input.limit + 1, before });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    transactions: page.map((row) => ({
      id: row.id,
      type: row.type,
      amount: row.amount,
      description: row.description,
      balanceAfter: row.balance_after,
      stripeReference: row.stripe_object_id ?? row.stripe_payment_intent_id,
      createdAt: row.created_at,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
