import { sql } from 'kysely';
import { type AnyDb, columnTypes } from './column-types.js';

/** Platform core and the Exam Prep schema of the spec, extended with roles, a ledger balance, unlocks and rate limits. */
export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(5).check(sql`credits >= 0`))
    .addColumn('plan', 'text', (c) =>
      c.notNull().defaultTo('free').check(sql`plan in ('free', 'starter', 'unlimited')`),
    )
    .addColumn('monthly_credits', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('credits_reset_at', t.bigint)
    .addColumn('stripe_customer_id', 'text', (c) => c.unique())
    .addColumn('stripe_subscription_id', 'text')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('user').check(sql`role in ('user', 'admin')`))
    .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(t.true))
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('idx_users_email').on('users').column('email').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('last_refreshed_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('idx_sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('exam_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(t.true))
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema
    .createTable('exams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('semester', 'text')
    .addColumn('exam_type', 'text', (c) => c.notNull())
    .addColumn('total_points', 'integer')
    .addColumn('exam_date', t.bigint)
    .addColumn('upload_date', t.bigint)
    .addColumn('processed', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .execute();
  await db.schema.createIndex('idx_exams_course').on('exams').columns(['course_id', 'year']).execute();

  await db.schema
    .createTable('topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'integer', (c) => c.check(sql`difficulty between 1 and 5`))
    .addColumn('frequency_score', t.decimal(3, 2))
    .addColumn('avg_points', t.decimal(4, 1))
    .addColumn('total_appearances', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('topics_course_slug_unique', ['course_id', 'slug'])
    .execute();
  await db.schema.createIndex('idx_topics_course').on('topics').column('course_id').execute();
  await db.schema.createIndex('idx_topics_category').on('topics').column('category').execute();

  await db.schema
    .createTable('question_patterns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('techniques', 'text')
    .addColumn('canonical_form', 'text')
    .addColumn('appearance_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('appearance_rate', t.decimal(3, 2))
    .addColumn('first_seen_year', 'integer')
    .addColumn('last_seen_year', 'integer')
    .addColumn('example_question_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('idx_patterns_topic').on('question_patterns').column('topic_id').execute();
  await db.schema.createIndex('idx_patterns_course').on('question_patterns').column('course_id').execute();

  await db.schema
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exam_id', 'text', (c) => c.references('exams.id').onDelete('set null'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('pattern_id', 'text', (c) => c.references('question_patterns.id').onDelete('set null'))
    .addColumn('techniques', 'text')
    .addColumn('question_text', 'text', (c) => c.notNull())
    .addColumn('solution_steps', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answer_kind', 'text', (c) => c.notNull())
    .addColumn('answer_spec', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'integer', (c) => c.check(sql`difficulty between 1 and 5`))
    .addColumn('difficulty_reason', 'text')
    .addColumn('frequency_score', t.decimal(3, 2))
    .addColumn('estimated_time', 'integer')
    .addColumn('source_exam_year', 'integer')
    .addColumn('source_exam_type', 'text')
    .addColumn('source_question_number', 'integer')
    .addColumn('source_points', 'integer')
    .addColumn('is_generated', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('idx_questions_topic').on('questions').column('topic_id').execute();
  await db.schema.createIndex('idx_questions_course').on('questions').column('course_id').execute();
  // Browsing pages by id within a course, a topic or a pattern (keyset pagination).
  await db.schema.createIndex('idx_questions_course_id').on('questions').columns(['course_id', 'id']).execute();
  await db.schema.createIndex('idx_questions_topic_id').on('questions').columns(['topic_id', 'id']).execute();
  await db.schema.createIndex('idx_questions_pattern_id').on('questions').columns(['pattern_id', 'id']).execute();
  await db.schema.createIndex('idx_questions_exam').on('questions').column('exam_id').execute();

  await db.schema
    .createTable('credit_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('stripe_payment_intent_id', 'text')
    .addColumn('balance_after', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint('credit_transactions_user_idempotency_unique', ['user_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('idx_credit_transactions_user_created')
    .on('credit_transactions')
    .columns(['user_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('user_unlocks')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addPrimaryKeyConstraint('user_unlocks_pk', ['user_id', 'resource_type', 'resource_id'])
    .execute();

  await db.schema
    .createTable('rate_limit_buckets')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', t.bigint, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_buckets_pk', ['key', 'window_start'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'rate_limit_buckets',
    'user_unlocks',
    'credit_transactions',
    'questions',
    'question_patterns',
    'topics',
    'exams',
    'courses',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
