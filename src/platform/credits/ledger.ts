import { type Compilable, type CompiledQuery, type Expression, PostgresAdapter, type SqlBool, sql } from 'kysely';
import { bound } from '../../db/atomic.js';
import { type PreparedQuery, prepared } from '../../db/prepared.js';
import type { Db } from '../../db/transaction.js';
import { AppError } from '../http/errors.js';

/**
 * The credit ledger: every `credit_transactions` row is written here, always beside the balance it explains, as
 * statements of one atomic list (src/db/atomic.ts). Each change is a ledger row under a fresh id inserted only when its
 * condition holds, then the balance moved only `WHERE EXISTS` that row; so the list does all of it or none of it on
 * every database. Every change starts with `lockBalance`, so under PostgreSQL's read committed the statements after it
 * see the user's earlier operations committed (see RunAtomic).
 */

/** Whether this operation's ledger row (by its fresh id) was written. Kysely parenthesises the embedded query. */
export const ledgerRowExists = (db: Db, ledgerId: string): Expression<SqlBool> =>
  sql<SqlBool>`exists ${db.selectFrom('credit_transactions').select(sql`1`.as('one')).where('credit_transactions.id', '=', ledgerId)}`;

const LEDGER_COLUMNS = [
  'id',
  'user_id',
  'amount',
  'type',
  'description',
  'balance_after',
  'idempotency_key',
  'stripe_object_id',
  'stripe_payment_intent_id',
  'created_at',
] as const;

export interface LedgerEntry {
  /** A fresh sortable id (`newSortableId`): the later statements find the row by it. */
  ledgerId: string;
  userId: string;
  type: string;
  description: string;
  nowIso: string;
  /** A Stripe checkout session or invoice: unique, so each grants once. */
  stripeObjectId?: string | undefined;
  stripePaymentIntentId?: string | null | undefined;
}

/** The ledger row for `entry`, its amount and balance computed in SQL from the user's row, written only `when`. */
function ledgerInsert(
  db: Db,
  entry: LedgerEntry,
  computed: { amount: Expression<number>; balanceAfter: Expression<number>; description?: Expression<string> },
  when: Expression<SqlBool>[],
): Compilable {
  let source = db
    .selectFrom('users')
    .select([
      bound(entry.ledgerId).as('id'),
      'users.id as user_id',
      sql<number>`${computed.amount}`.as('amount'),
      bound(entry.type).as('type'),
      (computed.description ? sql<string>`${computed.description}` : bound(entry.description)).as('description'),
      sql<number>`${computed.balanceAfter}`.as('balance_after'),
      sql<null>`null`.as('idempotency_key'),
      bound(entry.stripeObjectId ?? null).as('stripe_object_id'),
      bound(entry.stripePaymentIntentId ?? null).as('stripe_payment_intent_id'),
      bound(entry.nowIso).as('created_at'),
    ])
    .where('users.id', '=', entry.userId);
  for (const condition of when) source = source.where(condition);
  const insert = db
    .insertInto('credit_transactions')
    .columns([...LEDGER_COLUMNS])
    .expression(source);
  // A Stripe object that already granted (through another event) grants nothing: the unique constraint decides.
  return entry.stripeObjectId ? insert.onConflict((oc) => oc.column('stripe_object_id').doNothing()) : insert;
}

const lockBalanceQuery = prepared('lock_balance', (db, p: { userId: string; nowIso: string }) =>
  db.getExecutor().adapter instanceof PostgresAdapter
    ? db.selectFrom('users').select('id').where('id', '=', p.userId).forUpdate()
    : db.updateTable('users').set({ updated_at: p.nowIso }).where('id', '=', p.userId),
);

/**
 * The first statement of an operation on a user's balance: locks the user's row, so on PostgreSQL the same user's
 * operations queue behind one another (`FOR UPDATE`: a lock without a new version of the row, which an update wrote
 * on every spend). SQLite and D1 run one writer at a time anyway; there it writes the row, as the spend does.
 */
export function lockBalance(db: Db, userId: string, nowIso: string): CompiledQuery {
  return lockBalanceQuery.compile(db, { userId, nowIso });
}

/** What the free plan restores every month (and what a new account starts with). */
export const FREE_PLAN_CREDITS = 5;

/** The same day next month (UTC), the monthly period of every plan. */
export function addOneMonth(date: Date): Date {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

/** Moves a reset date forward a month at a time until it lies in the future. */
export function nextResetAfter(resetAtMs: number, now: Date): number {
  let next = new Date(resetAtMs);
  while (next.getTime() <= now.getTime()) next = addOneMonth(next);
  return next.getTime();
}

/** The part of the user's row that decides whether a monthly reset is due. */
export interface ResetState {
  credits_reset_at: number | null;
  stripe_subscription_id: string | null;
}

/**
 * The monthly reset rule, in one place: once `credits_reset_at` has passed, the balance is topped up to the plan's
 * monthly credits (never reduced: purchased credits above it are kept; never on `unlimited`), recorded as a
 * `monthly_reset` row, and the date moves on a month at a time. A plan paid through a Stripe subscription is restored
 * by its paid invoice instead (src/platform/billing), never by the clock. The row is written only while the date is
 * still the one read (compare-and-set), so of several concurrent resets one applies. No statements when not due.
 */
export function monthlyResetStatements(
  db: Db,
  user: ResetState & { id: string },
  now: Date,
  ledgerId: string,
): CompiledQuery[] {
  const observed = user.credits_reset_at;
  if (observed === null || observed > now.getTime() || user.stripe_subscription_id !== null) return [];
  const nowIso = now.toISOString();
  const topUp = sql<number>`(case when users.plan <> 'unlimited' and users.monthly_credits > users.credits then users.monthly_credits - users.credits else 0 end)`;
  const entry = { ledgerId, userId: user.id, type: 'monthly_reset', description: '', nowIso };
  return [
    lockBalance(db, user.id, nowIso),
    ledgerInsert(
      db,
      entry,
      {
        amount: topUp,
        balanceAfter: sql<number>`users.credits + ${topUp}`,
        description: sql<string>`'Monthly credits restored to ' || users.monthly_credits`,
      },
      [sql<SqlBool>`users.credits_reset_at = ${observed}`, sql<SqlBool>`users.stripe_subscription_id is null`],
    ).compile(),
    db
      .updateTable('users')
      .set({
        credits: sql`credits + ${topUp}`,
        credits_reset_at: nextResetAfter(observed, now),
        updated_at: nowIso,
      })
      .where('id', '=', user.id)
      .where(ledgerRowExists(db, ledgerId))
      .compile(),
  ];
}

/**
 * What else a spend's ledger row waits for, as a query fragment compiled once per `shape` (the spend is on every paid
 * request): `build` reads its values from the stand-in `p` under the names in `params`, e.g. `p.resource0`.
 */
export interface SpendCondition {
  shape: string;
  params: Record<string, unknown>;
  build: (db: Db, p: Record<string, unknown>) => Expression<SqlBool>;
}

type SpendParams = Omit<LedgerEntry, 'stripeObjectId' | 'stripePaymentIntentId'> & { amount: number };

const unlimited = sql<SqlBool>`users.plan = 'unlimited'`;

const debitQuery = prepared('spend_debit', (db, p: SpendParams) =>
  db
    .updateTable('users')
    .set({ credits: sql`credits - ${p.amount}`, updated_at: p.nowIso })
    .where('id', '=', p.userId)
    .where('plan', '<>', 'unlimited')
    .where('credits', '>=', p.amount)
    .where(ledgerRowExists(db, p.ledgerId)),
);

const spendRows = new Map<string, PreparedQuery<SpendParams & Record<string, unknown>, unknown>>();

/** The spend's ledger row, compiled once per condition shape. */
function spendRowQuery(condition: SpendCondition | undefined) {
  const shape = condition?.shape ?? 'plain';
  let query = spendRows.get(shape);
  if (!query) {
    query = prepared(`spend_row_${shape}`, (db, p: SpendParams & Record<string, unknown>) =>
      ledgerInsert(
        db,
        { ledgerId: p.ledgerId, userId: p.userId, type: p.type, description: p.description, nowIso: p.nowIso },
        {
          // `0 - $n`, not `-$n`: PostgreSQL cannot type a unary minus on a parameter of a prepared statement.
          amount: sql<number>`case when ${unlimited} then 0 else 0 - ${p.amount} end`,
          balanceAfter: sql<number>`case when ${unlimited} then users.credits else users.credits - ${p.amount} end`,
        },
        [sql<SqlBool>`(${unlimited} or users.credits >= ${p.amount})`, ...(condition ? [condition.build(db, p)] : [])],
      ),
    );
    spendRows.set(shape, query);
  }
  return query;
}

/**
 * A spend of `amount` credits: the row (amount negated; 0 on the unlimited plan, which is recorded but never charged)
 * only if the balance covers it and `condition` holds, then the debit, which carries its own `credits >= amount`.
 * Compiled once per condition shape: only the values are bound per request.
 */
export function spendStatements(
  db: Db,
  entry: LedgerEntry & { amount: number },
  condition?: SpendCondition,
): CompiledQuery[] {
  const params: SpendParams = {
    ledgerId: entry.ledgerId,
    userId: entry.userId,
    amount: entry.amount,
    type: entry.type,
    description: entry.description,
    nowIso: entry.nowIso,
  };
  const statements = [
    lockBalance(db, entry.userId, entry.nowIso),
    spendRowQuery(condition).compile(db, { ...params, ...condition?.params }),
  ];
  if (entry.amount > 0) statements.push(debitQuery.compile(db, params));
  return statements;
}

/** A grant of `amount` credits (purchase, plan credits, admin grant): the row `when` it holds, then the balance. */
export function grantStatements(
  db: Db,
  entry: LedgerEntry & { amount: number },
  when: Expression<SqlBool>[] = [],
): CompiledQuery[] {
  return [
    lockBalance(db, entry.userId, entry.nowIso),
    ledgerInsert(
      db,
      entry,
      { amount: bound(entry.amount), balanceAfter: sql<number>`users.credits + ${entry.amount}` },
      when,
    ).compile(),
    db
      .updateTable('users')
      .set({ credits: sql`credits + ${entry.amount}`, updated_at: entry.nowIso })
      .where('id', '=', entry.userId)
      .where(ledgerRowExists(db, entry.ledgerId))
      .compile(),
  ];
}

/**
 * The row for credits a new user starts with: written only if the user row with this (fresh) id exists, i.e. the
 * insert before it in the list happened (the balance is already set on that row).
 */
export function openingBalanceStatement(db: Db, entry: LedgerEntry): CompiledQuery {
  return ledgerInsert(
    db,
    entry,
    { amount: sql<number>`users.credits`, balanceAfter: sql<number>`users.credits` },
    [],
  ).compile();
}

export interface LedgerOutcome {
  credits: number;
  plan: 'free' | 'starter' | 'unlimited';
  /** The ledger row's amount when it was written; null when its condition failed. */
  ledger_amount: number | null;
}

const outcome = prepared('ledger_outcome', (db, p: { userId: string; ledgerId: string }) =>
  db
    .selectFrom('users')
    .leftJoin('credit_transactions', (join) =>
      join.onRef('credit_transactions.user_id', '=', 'users.id').on('credit_transactions.id', '=', p.ledgerId),
    )
    .select(['users.credits', 'users.plan', 'credit_transactions.amount as ledger_amount'])
    .where('users.id', '=', p.userId),
);

/** The balance after the list, and whether its ledger row was written: the list's last statement. */
export function outcomeQuery(db: Db, userId: string, ledgerId: string): CompiledQuery {
  return outcome.compile(db, { userId, ledgerId });
}

/** 402: the one way to say a balance does not cover a price. */
export function insufficientCredits(needed: number, available: number): AppError {
  return new AppError(
    'insufficient_credits',
    `This costs ${needed} credit${needed === 1 ? '' : 's'}; you have ${available}`,
    { details: { needed, available } },
  );
}
