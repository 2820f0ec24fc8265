import { sql } from 'kysely';
import { type AnyDb, columnTypes } from './column-types.js';

/** Creator Coach: the six tables of the spec, plus the counters that make limits hold across processes. */
export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('creator_profiles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id').onDelete('cascade'))
    .addColumn('niche', 'text', (c) => c.notNull())
    .addColumn('platforms', t.json, (c) => c.notNull())
    .addColumn('total_followers', 'integer', (c) => c.notNull().defaultTo(0).check(sql`total_followers >= 0`))
    .addColumn('current_monthly_income', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`current_monthly_income >= 0`),
    )
    .addColumn('goal', 'text', (c) => c.notNull())
    .addColumn('hours_per_week', 'integer', (c) => c.notNull().check(sql`hours_per_week between 1 and 80`))
    .addColumn('audience_description', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema
    .createTable('active_projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'paused', 'completed', 'abandoned')`),
    )
    .addColumn('customized_plan', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('completed_at', t.timestamp)
    .execute();
  // The database enforces "at most one active project per user".
  await db.schema
    .createIndex('uq_active_projects_one_active_per_user')
    .on('active_projects')
    .column('user_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema
    .createIndex('idx_active_projects_user')
    .on('active_projects')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('project_chat_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('active_projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('user', 'assistant')`))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('complete').check(sql`status in ('complete', 'streaming', 'incomplete')`),
    )
    .addColumn('client_message_id', 'text')
    .addColumn('reply_to_id', 'text')
    .addColumn('input_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('output_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('uq_chat_messages_client_id', ['project_id', 'client_message_id'])
    .execute();
  await db.schema
    .createIndex('idx_chat_messages_project_created')
    .on('project_chat_messages')
    .columns(['project_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('idx_chat_messages_reply_to').on('project_chat_messages').column('reply_to_id').execute();

  await db.schema
    .createTable('project_task_completions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('active_projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('completed', t.boolean, (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .addColumn('notes', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual').check(sql`source in ('manual', 'detected')`))
    .addColumn('source_message_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('uq_task_completions_project_task', ['project_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('project_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('active_projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('pricing', 'platform', 'structure', 'timeline', 'content')`),
    )
    .addColumn('value', t.json, (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull().check(sql`confidence in ('high', 'medium', 'low')`))
    .addColumn('rationale', 'text')
    .addColumn('source_message_id', 'text', (c) => c.references('project_chat_messages.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('current').check(sql`status in ('current', 'superseded')`),
    )
    .addColumn('superseded_by_id', 'text')
    .addColumn('superseded_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema
    .createIndex('uq_project_decisions_current_per_category')
    .on('project_decisions')
    .columns(['project_id', 'category'])
    .unique()
    .where(sql.ref('status'), '=', 'current')
    .execute();
  await db.schema
    .createIndex('idx_project_decisions_project')
    .on('project_decisions')
    .columns(['project_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('ai_usage_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.references('active_projects.id').onDelete('set null'))
    .addColumn('message_id', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('output_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cache_read_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cache_write_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('output_estimated', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn('cost_micros', t.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('complete', 'aborted', 'failed')`))
    .addColumn('error_code', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('usage_day', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('idx_ai_usage_logs_day').on('ai_usage_logs').columns(['usage_day', 'model']).execute();
  await db.schema
    .createIndex('idx_ai_usage_logs_user_day')
    .on('ai_usage_logs')
    .columns(['user_id', 'usage_day'])
    .execute();

  // One row per user and UTC day; the limit check and the count are one conditional upsert.
  await db.schema
    .createTable('coach_daily_usage')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('messages', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coach_daily_usage_pk', ['user_id', 'day'])
    .execute();

  // Leased slots bound the chat streams a user holds open; a crashed process's lease simply expires.
  await db.schema
    .createTable('coach_stream_slots')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('lease_id', 'text', (c) => c.notNull())
    .addColumn('lease_until', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('coach_stream_slots_pk', ['user_id', 'slot'])
    .execute();

  await db.schema
    .createTable('coach_cost_alerts')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('total_cost_micros', t.bigint, (c) => c.notNull())
    .addColumn('threshold_micros', t.bigint, (c) => c.notNull())
    .addColumn('fired_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'coach_cost_alerts',
    'coach_stream_slots',
    'coach_daily_usage',
    'ai_usage_logs',
    'project_decisions',
    'project_task_completions',
    'project_chat_messages',
    'active_projects',
    'creator_profiles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
