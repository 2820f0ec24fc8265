import type { Db } from '../../db/transaction.js';

/** One page of a user's ledger, newest first, after the `(created_at, id)` of the previous page's last row. */
export async function ledgerPage(
  db: Db,
  userId: string,
  page: { limit: number; before?: { createdAt: string; id: string } | undefined },
) {
  let query = db
    .selectFrom('credit_transactions')
    .select([
      'id',
      'type',
      'amount',
      'description',
      'balance_after',
      'stripe_object_id',
      'stripe_payment_intent_id',
      'created_at',
    ])
    .where('user_id', '=', userId);
  const before = page.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}
