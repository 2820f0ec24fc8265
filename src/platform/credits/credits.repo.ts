import { type CompiledQuery, type SqlBool, sql } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { Db, Tx } from '../../db/transaction.js';
import type { SpendCondition } from './ledger.js';

// Read on every paid request: compiled once and kept prepared (src/db/prepared.ts).
const balanceQuery = prepared('balance', (db, p: { userId: string }) =>
  db
    .selectFrom('users')
    .select(['credits', 'plan', 'monthly_credits', 'credits_reset_at', 'stripe_subscription_id'])
    .where('id', '=', p.userId),
);

export async function findBalanceRow(db: Db | Tx, userId: string) {
  return balanceQuery.first(db, { userId });
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  return row?.id;
}

export interface Unlock {
  userId: string;
  /** `user_unlocks.resource_type` */
  type: string;
  resourceIds: string[];
  nowIso: string;
}

/**
 * The condition of a charge for resources: none of them is unlocked yet. One compiled shape per number of resources
 * (a practice set has at most ten).
 */
export function noneUnlocked(unlock: Unlock): SpendCondition | undefined {
  if (unlock.resourceIds.length === 0) return undefined;
  const params: Record<string, unknown> = { unlockUserId: unlock.userId, unlockType: unlock.type };
  unlock.resourceIds.forEach((id, i) => {
    params[`resource${i}`] = id;
  });
  return {
    shape: `none_unlocked_${unlock.resourceIds.length}`,
    params,
    build: (db, p) =>
      sql<SqlBool>`not exists ${db
        .selectFrom('user_unlocks')
        .select(sql`1`.as('one'))
        .where('user_unlocks.user_id', '=', p.unlockUserId as string)
        .where('user_unlocks.resource_type', '=', p.unlockType as string)
        .where(
          'user_unlocks.resource_id',
          'in',
          unlock.resourceIds.map((_, i) => p[`resource${i}`] as string),
        )}`,
  };
}

const unlockPaidQuery = prepared(
  'unlock_paid',
  (db, p: { type: string; resourceId: string; nowIso: string; ledgerId: string }) =>
    db
      .insertInto('user_unlocks')
      .columns(['user_id', 'resource_type', 'resource_id', 'created_at'])
      .expression(
        db
          .selectFrom('credit_transactions')
          .select([
            'credit_transactions.user_id',
            sql<string>`${p.type}`.as('resource_type'),
            sql<string>`${p.resourceId}`.as('resource_id'),
            sql<string>`${p.nowIso}`.as('created_at'),
          ])
          .where('credit_transactions.id', '=', p.ledgerId),
      ),
);

/**
 * The unlocks paid for by the ledger row `ledgerId`: each inserted only if that row exists. No `on conflict`: the row's
 * condition said none was unlocked, so a duplicate would be a bug, and it fails the whole list rather than be charged.
 */
export function unlockStatements(db: Db, unlock: Unlock, ledgerId: string): CompiledQuery[] {
  return unlock.resourceIds.map((resourceId) =>
    unlockPaidQuery.compile(db, { type: unlock.type, resourceId, nowIso: unlock.nowIso, ledgerId }),
  );
}

const IN_LIST_SLICE = 90;

export async function unlockedIds(
  db: Db | Tx,
  userId: string,
  type: string,
  resourceIds: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  // In slices: D1 binds at most 100 parameters per statement, and a course can have more questions than that.
  for (let i = 0; i < resourceIds.length; i += IN_LIST_SLICE) {
    const rows = await db
      .selectFrom('user_unlocks')
      .select('resource_id')
      .where('user_id', '=', userId)
      .where('resource_type', '=', type)
      .where('resource_id', 'in', resourceIds.slice(i, i + IN_LIST_SLICE))
      .execute();
    for (const r of rows) found.add(r.resource_id);
  }
  return found;
}
