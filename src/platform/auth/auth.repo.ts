import type { CompiledQuery } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { NewUser, UserRow } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A new user as one statement of an atomic list: it affects one row unless the email is taken (the unique constraint
 * decides, not a lookup).
 */
export function insertUserQuery(db: Db, user: NewUser): CompiledQuery {
  return db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.column('email').doNothing())
    .compile();
}

export async function updatePasswordHash(db: Db, userId: string, hash: string, nowIso: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash, updated_at: nowIso }).where('id', '=', userId).execute();
}

export interface NewSession {
  id: string;
  publicId: string;
  userId: string;
  expiresAt: string;
  nowIso: string;
  userAgent: string | null;
  ipAddress: string | null;
}

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      public_id: session.publicId,
      user_id: session.userId,
      expires_at: session.expiresAt,
      created_at: session.nowIso,
      last_refreshed_at: session.nowIso,
      user_agent: session.userAgent,
      ip_address: session.ipAddress,
    })
    .execute();
}

export interface SessionUserRow {
  session_id: string;
  expires_at: string;
  last_refreshed_at: string;
  id: string;
  email: string;
  name: string | null;
  role: 'user' | 'admin';
  is_active: boolean | number;
}

// Every authenticated request runs this: compiled once, kept prepared (src/db/prepared.ts).
const sessionUserQuery = prepared<{ sessionId: string; nowIso: string }, SessionUserRow>('session_user', (db, p) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'sessions.last_refreshed_at',
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.is_active',
    ])
    .where('sessions.id', '=', p.sessionId)
    .where('sessions.expires_at', '>', p.nowIso),
);

// Not `async`: returning the query's own promise spares the request path a promise hop (docs/PERFORMANCE.md).
export function findSessionUser(db: Db, sessionId: string, nowIso: string): Promise<SessionUserRow | undefined> {
  return sessionUserQuery.first(db, { sessionId, nowIso });
}

export async function extendSession(db: Db, sessionId: string, expiresAt: string, nowIso: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: expiresAt, last_refreshed_at: nowIso })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
