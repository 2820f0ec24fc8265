import { type AnyDb, columnTypes } from './column-types.js';

/**
 * Billing with Stripe. The database makes webhook processing idempotent: an event id is stored once
 * (`stripe_events`), and a grant is stored once per Stripe object (the checkout session or invoice id in
 * `credit_transactions.stripe_object_id`), so a replayed, concurrent or out-of-order delivery changes nothing.
 */
export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('stripe_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema.alterTable('credit_transactions').addColumn('stripe_object_id', 'text').execute();
  // NULLs are distinct on both databases: only Stripe grants carry the column, and each Stripe object grants once.
  await db.schema
    .createIndex('uq_credit_transactions_stripe_object')
    .on('credit_transactions')
    .column('stripe_object_id')
    .unique()
    .execute();

  // The Stripe `created` time (epoch seconds) of the event that last set the user's plan: an older event that
  // arrives later must not undo a newer change (a subscription ended, then a late "updated" would revive it).
  await db.schema.alterTable('users').addColumn('stripe_synced_at', t.bigint).execute();
  // The ledger listing (newest first per user) uses idx_credit_transactions_user_created (user_id, created_at, id)
  // from 0001, scanned backwards on both databases.
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').dropColumn('stripe_synced_at').execute();
  await db.schema.dropIndex('uq_credit_transactions_stripe_object').execute();
  await db.schema.alterTable('credit_transactions').dropColumn('stripe_object_id').execute();
  await db.schema.dropTable('stripe_events').execute();
}
