import { sql } from 'kysely';
import { type AnyDb, columnTypes, isPostgres } from './column-types.js';

/**
 * Accounts: sessions get a public id (what the sessions list shows and revokes by; the primary key is the token's
 * hash and never leaves the server) and device hints; deleted accounts leave a tombstone user (`deleted_at`) that
 * keeps their ledger; password-reset links are stored as hashes of their tokens.
 */
export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .alterTable('sessions')
    .addColumn('public_id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Sessions made before this migration get a random public id too (unrelated to the token or its hash).
  const randomId = isPostgres(db)
    ? sql`md5(random()::text || clock_timestamp()::text || id)`
    : sql`lower(hex(randomblob(16)))`;
  await sql`update sessions set public_id = ${randomId} where public_id = ''`.execute(db);
  await db.schema.createIndex('uq_sessions_public_id').on('sessions').column('public_id').unique().execute();
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('ip_address', 'text').execute();

  await db.schema.alterTable('users').addColumn('deleted_at', t.timestamp).execute();

  await db.schema
    .createTable('password_reset_tokens')
    // SHA-256 of the token in the link, hex; the token itself is never stored.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    // A random id per confirmation: the statements after the claim check that this one made it (D1 batches).
    .addColumn('claim_id', 'text')
    .execute();
  await db.schema.createIndex('idx_password_reset_tokens_user').on('password_reset_tokens').column('user_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('password_reset_tokens').execute();
  await db.schema.alterTable('users').dropColumn('deleted_at').execute();
  await db.schema.dropIndex('uq_sessions_public_id').execute();
  for (const column of ['ip_address', 'user_agent', 'public_id']) {
    await db.schema.alterTable('sessions').dropColumn(column).execute();
  }
}
