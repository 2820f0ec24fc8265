import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/transaction.js';

/**
 * Credit operations as fixed lists of statements for one atomic batch (D1, which has no interactive transactions).
 * Nothing can be read between two statements of a batch, so each later statement is conditioned in SQL on the first
 * one having happened: the ledger row is inserted first, only when its precondition holds (the balance covers the
 * charge, the reset date is still the one we read), and every other write checks that this row, under its fresh id,
 * exists. The batch runs as one transaction, so either all of it happens or none of it does.
 */

const val = <T>(value: T) => sql<T>`${value}`;

// Kysely parenthesises an embedded query itself.
const ledgerExists = (db: Db, ledgerId: string): Expression<SqlBool> =>
  sql<SqlBool>`exists ${db.selectFrom('credit_transactions').select(sql`1`.as('one')).where('credit_transactions.id', '=', ledgerId)}`;

const LEDGER_COLUMNS = [
  'id',
  'user_id',
  'amount',
  'type',
  'description',
  'balance_after',
  'idempotency_key',
  'created_at',
] as const;

/** The signup bonus: written only if the user row with this (fresh) id exists, i.e. the insert before it happened. */
export function signupLedgerQuery(
  db: Db,
  entry: { ledgerId: string; userId: string; amount: number; type: string; description: string; nowIso: string },
): CompiledQuery {
  return db
    .insertInto('credit_transactions')
    .columns([...LEDGER_COLUMNS])
    .expression(
      db
        .selectFrom('users')
        .select([
          val(entry.ledgerId).as('id'),
          'users.id as user_id',
          val(entry.amount).as('amount'),
          val(entry.type).as('type'),
          val(entry.description).as('description'),
          'users.credits as balance_after',
          sql<null>`null`.as('idempotency_key'),
          val(entry.nowIso).as('created_at'),
        ])
        .where('users.id', '=', entry.userId),
    )
    .compile();
}

export interface MonthlyResetBatch {
  ledgerId: string;
  userId: string;
  /** `credits_reset_at` as read: the reset applies only if no one moved it since (compare-and-set). */
  observedResetAt: number;
  nowMs: number;
  nextResetMs: number;
  nowIso: string;
}

/** Tops the balance up to the monthly amount (never down, never for `unlimited`), computed in SQL from the row. */
const topUp = sql<number>`(case when users.plan <> 'unlimited' and users.monthly_credits > users.credits then users.monthly_credits - users.credits else 0 end)`;

/**
 * The monthly reset: the ledger row (amount = top-up) is written only while the reset date is still the one read and
 * due; the balance and the next reset date move only if that row exists. Of several concurrent resets one applies.
 */
export function monthlyResetQueries(db: Db, reset: MonthlyResetBatch): CompiledQuery[] {
  const ledger = db
    .insertInto('credit_transactions')
    .columns([...LEDGER_COLUMNS])
    .expression(
      db
        .selectFrom('users')
        .select([
          val(reset.ledgerId).as('id'),
          'users.id as user_id',
          topUp.as('amount'),
          val('monthly_reset').as('type'),
          sql<string>`'Monthly credits restored to ' || users.monthly_credits`.as('description'),
          sql<number>`users.credits + ${topUp}`.as('balance_after'),
          sql<null>`null`.as('idempotency_key'),
          val(reset.nowIso).as('created_at'),
        ])
        .where('users.id', '=', reset.userId)
        .where('users.credits_reset_at', '=', reset.observedResetAt)
        .where('users.credits_reset_at', '<=', reset.nowMs)
        .where('users.stripe_subscription_id', 'is', null),
    );
  const apply = db
    .updateTable('users')
    .set({ credits: sql`credits + ${topUp}`, credits_reset_at: reset.nextResetMs, updated_at: reset.nowIso })
    .where('id', '=', reset.userId)
    .where(ledgerExists(db, reset.ledgerId));
  return [ledger.compile(), apply.compile()];
}

export interface UnlockBatch {
  ledgerId: string;
  userId: string;
  /** `user_unlocks.resource_type` */
  resourceType: string;
  /** The resources not unlocked when we looked; the charge is for them, so none may have been unlocked since. */
  resourceIds: string[];
  amount: number;
  ledgerType: string;
  description: string;
  nowIso: string;
}

/**
 * A paid unlock: the spend's ledger row is written only if the balance covers `amount` (any amount on `unlimited`,
 * which is recorded as 0) and none of the resources got unlocked since we looked; then the balance is debited and the
 * unlocks are inserted only if that row exists. The last statement reads the outcome.
 */
export function unlockQueries(db: Db, unlock: UnlockBatch): CompiledQuery[] {
  const unlimited = sql<SqlBool>`users.plan = 'unlimited'`;
  let precondition = db
    .selectFrom('users')
    .select([
      val(unlock.ledgerId).as('id'),
      'users.id as user_id',
      sql<number>`case when ${unlimited} then 0 else ${-unlock.amount} end`.as('amount'),
      val(unlock.ledgerType).as('type'),
      val(unlock.description).as('description'),
      sql<number>`case when ${unlimited} then users.credits else users.credits - ${unlock.amount} end`.as(
        'balance_after',
      ),
      sql<null>`null`.as('idempotency_key'),
      val(unlock.nowIso).as('created_at'),
    ])
    .where('users.id', '=', unlock.userId)
    .where((eb) => eb.or([eb('users.plan', '=', 'unlimited'), eb('users.credits', '>=', unlock.amount)]));
  if (unlock.resourceIds.length > 0) {
    precondition = precondition.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('user_unlocks')
            .select(sql`1`.as('one'))
            .where('user_unlocks.user_id', '=', unlock.userId)
            .where('user_unlocks.resource_type', '=', unlock.resourceType)
            .where('user_unlocks.resource_id', 'in', unlock.resourceIds),
        ),
      ),
    );
  }
  const queries = [
    db
      .insertInto('credit_transactions')
      .columns([...LEDGER_COLUMNS])
      .expression(precondition)
      .compile(),
  ];
  if (unlock.amount > 0) {
    queries.push(
      db
        .updateTable('users')
        .set({ credits: sql`credits - ${unlock.amount}`, updated_at: unlock.nowIso })
        .where('id', '=', unlock.userId)
        .where('plan', '<>', 'unlimited')
        .where(ledgerExists(db, unlock.ledgerId))
        .compile(),
    );
  }
  for (const resourceId of unlock.resourceIds) {
    queries.push(
      db
        .insertInto('user_unlocks')
        .columns(['user_id', 'resource_type', 'resource_id', 'created_at'])
        .expression(
          db
            .selectFrom('credit_transactions')
            .select([
              val(unlock.userId).as('user_id'),
              val(unlock.resourceType).as('resource_type'),
              val(resourceId).as('resource_id'),
              val(unlock.nowIso).as('created_at'),
            ])
            .where('credit_transactions.id', '=', unlock.ledgerId),
        )
        .compile(),
    );
  }
  queries.push(spendOutcomeQuery(db, unlock.userId, unlock.ledgerId));
  return queries;
}

export interface SpendOutcome {
  credits: number;
  plan: 'free' | 'starter' | 'unlimited';
  /** The ledger row's amount (0 or negative) when the spend happened; null when its precondition failed. */
  charged_amount: number | null;
}

/** The balance after the batch and whether its ledger row was written. */
export function spendOutcomeQuery(db: Db, userId: string, ledgerId: string): CompiledQuery {
  return db
    .selectFrom('users')
    .leftJoin('credit_transactions', (join) =>
      join.onRef('credit_transactions.user_id', '=', 'users.id').on('credit_transactions.id', '=', ledgerId),
    )
    .select(['users.credits', 'users.plan', 'credit_transactions.amount as charged_amount'])
    .where('users.id', '=', userId)
    .compile();
}
