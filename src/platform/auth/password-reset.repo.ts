import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import { insertRowWhen } from '../../db/atomic.js';
import type { Db } from '../../db/transaction.js';
import type { NewSession } from './auth.repo.js';

export async function insertResetToken(
  db: Db,
  token: { id: string; userId: string; nowIso: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('password_reset_tokens')
    .values({ id: token.id, user_id: token.userId, created_at: token.nowIso, expires_at: token.expiresAt })
    .execute();
}

/** The user a reset token is for, while it is unused, unexpired and its account active. */
export async function findResetTokenUser(db: Db, tokenId: string, nowIso: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('password_reset_tokens')
    .innerJoin('users', 'users.id', 'password_reset_tokens.user_id')
    .select(['users.id', 'users.is_active'])
    .where('password_reset_tokens.id', '=', tokenId)
    .where('password_reset_tokens.used_at', 'is', null)
    .where('password_reset_tokens.expires_at', '>', nowIso)
    .executeTakeFirst();
  return row && (row.is_active === true || row.is_active === 1) ? row.id : undefined;
}

export interface ResetConfirmation {
  tokenId: string;
  /** Random per confirmation: the statements after the claim run only if this confirmation made it. */
  claimId: string;
  userId: string;
  passwordHash: string;
  nowIso: string;
  /** The session the confirmation starts (the caller is signed in with the new password). */
  session: NewSession;
}

/**
 * Confirms a reset: the token is claimed first (unused and unexpired, in one conditional update); the new password,
 * the end of every existing session, the new session and the voiding of the user's other reset links happen only if
 * this claim succeeded. Of two concurrent confirmations with one token, one changes the password.
 */
export function resetConfirmationStatements(db: Db, confirm: ResetConfirmation): CompiledQuery[] {
  const claimed: Expression<SqlBool> = sql<SqlBool>`exists ${db
    .selectFrom('password_reset_tokens')
    .select(sql`1`.as('one'))
    .where('password_reset_tokens.id', '=', confirm.tokenId)
    .where('password_reset_tokens.claim_id', '=', confirm.claimId)}`;
  const s = confirm.session;
  return [
    db
      .updateTable('password_reset_tokens')
      .set({ used_at: confirm.nowIso, claim_id: confirm.claimId })
      .where('id', '=', confirm.tokenId)
      .where('user_id', '=', confirm.userId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', confirm.nowIso)
      .compile(),
    db
      .updateTable('users')
      .set({ password_hash: confirm.passwordHash, updated_at: confirm.nowIso })
      .where('id', '=', confirm.userId)
      .where(claimed)
      .compile(),
    db.deleteFrom('sessions').where('user_id', '=', confirm.userId).where(claimed).compile(),
    insertRowWhen(
      db,
      'sessions',
      {
        id: s.id,
        public_id: s.publicId,
        user_id: s.userId,
        expires_at: s.expiresAt,
        created_at: s.nowIso,
        last_refreshed_at: s.nowIso,
        user_agent: s.userAgent,
        ip_address: s.ipAddress,
      },
      claimed,
    ).compile(),
    db
      .deleteFrom('password_reset_tokens')
      .where('user_id', '=', confirm.userId)
      .where('id', '<>', confirm.tokenId)
      .where(claimed)
      .compile(),
  ];
}
