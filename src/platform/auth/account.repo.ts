import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import { bound } from '../../db/atomic.js';
import type { Db } from '../../db/transaction.js';

/**
 * The account's writes, each a fixed list of statements for `runAtomically` (a transaction, or one D1 batch): a
 * statement that depends on an earlier one is conditioned on it in SQL, so the list means the same everywhere.
 */

export interface SessionListRow {
  id: string;
  public_id: string;
  created_at: string;
  last_refreshed_at: string;
  expires_at: string;
  user_agent: string | null;
  ip_address: string | null;
}

/** The user's live sessions, most recently used first. */
export function findLiveSessions(db: Db, userId: string, nowIso: string): Promise<SessionListRow[]> {
  return db
    .selectFrom('sessions')
    .select(['id', 'public_id', 'created_at', 'last_refreshed_at', 'expires_at', 'user_agent', 'ip_address'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', nowIso)
    .orderBy('last_refreshed_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Ends one of the user's sessions by its public id; false when the user has no such session. */
export async function deleteSessionByPublicId(db: Db, userId: string, publicId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('public_id', '=', publicId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A new password: stored, every other session ended, outstanding reset links void. */
export function passwordChangeStatements(
  db: Db,
  change: { userId: string; passwordHash: string; keepSessionId: string; nowIso: string },
): CompiledQuery[] {
  return [
    db
      .updateTable('users')
      .set({ password_hash: change.passwordHash, updated_at: change.nowIso })
      .where('id', '=', change.userId)
      .compile(),
    db.deleteFrom('sessions').where('user_id', '=', change.userId).where('id', '<>', change.keepSessionId).compile(),
    db.deleteFrom('password_reset_tokens').where('user_id', '=', change.userId).compile(),
  ];
}

export interface AccountDeletion {
  userId: string;
  /** A fresh id for the tombstone that keeps the ledger. */
  tombstoneId: string;
  /** The closing ledger row's id (a sortable id). */
  ledgerId: string;
  nowIso: string;
}

/** The email a tombstone carries: unique, and in a domain that can never receive mail (RFC 2606 `.invalid`). */
export const tombstoneEmail = (tombstoneId: string) => `deleted-${tombstoneId}@deleted.invalid`;

/**
 * Deletes an account, keeping its ledger for accounting (docs/ACCOUNTS.md):
 * 1. the user is deactivated first (on PostgreSQL this locks the row, so a concurrent spend waits and then finds no
 *    user; SQLite and D1 run writers one at a time anyway);
 * 2. a tombstone user is inserted under a fresh id, with no email, name, password or Stripe ids of the person, only
 *    the sign-up date, conditioned on the user still existing;
 * 3. a closing ledger row forfeits the unused balance (amount = -credits, balance 0), on the tombstone;
 * 4. the ledger rows and AI usage rows (costs) move to the tombstone;
 * 5. the user row is deleted: every table of personal data (sessions, profile, projects, messages, attempts, progress,
 *    unlocks, reset links, ...) references it with ON DELETE CASCADE, so it all goes, tables added later included.
 * The email is free to register again at once. The last statement's count says whether the account was there.
 */
export function accountDeletionStatements(db: Db, deletion: AccountDeletion): CompiledQuery[] {
  const { userId, tombstoneId, nowIso } = deletion;
  return [
    db.updateTable('users').set({ is_active: false, updated_at: nowIso }).where('id', '=', userId).compile(),
    db
      .insertInto('users')
      .columns([
        'id',
        'email',
        'password_hash',
        'credits',
        'monthly_credits',
        'is_active',
        'created_at',
        'updated_at',
        'deleted_at',
      ])
      .expression(
        db
          .selectFrom('users')
          .select([
            bound(tombstoneId).as('id'),
            bound(tombstoneEmail(tombstoneId)).as('email'),
            // Not a hash: no password ever matches it.
            bound('!deleted').as('password_hash'),
            sql<number>`0`.as('credits'),
            sql<number>`0`.as('monthly_credits'),
            // Set to false by the statement before.
            'users.is_active',
            'users.created_at',
            bound(nowIso).as('updated_at'),
            bound(nowIso).as('deleted_at'),
          ])
          .where('users.id', '=', userId),
      )
      .compile(),
    db
      .insertInto('credit_transactions')
      .columns(['id', 'user_id', 'amount', 'type', 'description', 'balance_after', 'created_at'])
      .expression(
        db
          .selectFrom('users')
          .select([
            bound(deletion.ledgerId).as('id'),
            bound(tombstoneId).as('user_id'),
            sql<number>`0 - users.credits`.as('amount'),
            bound('account_deleted').as('type'),
            bound('Account deleted; unused credits forfeited').as('description'),
            sql<number>`0`.as('balance_after'),
            bound(nowIso).as('created_at'),
          ])
          .where('users.id', '=', userId),
      )
      .compile(),
    db
      .updateTable('credit_transactions')
      .set({ user_id: tombstoneId })
      .where('user_id', '=', userId)
      .where(tombstoneExists(db, tombstoneId))
      .compile(),
    db
      .updateTable('ai_usage_logs')
      .set({ user_id: tombstoneId, message_id: null })
      .where('user_id', '=', userId)
      .where(tombstoneExists(db, tombstoneId))
      .compile(),
    db.deleteFrom('users').where('id', '=', userId).compile(),
  ];
}

// Kysely parenthesises an embedded query itself.
const tombstoneExists = (db: Db, tombstoneId: string): Expression<SqlBool> =>
  sql<SqlBool>`exists ${db.selectFrom('users').select(sql`1`.as('one')).where('users.id', '=', tombstoneId)}`;
