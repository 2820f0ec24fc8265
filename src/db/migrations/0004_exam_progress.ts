import { sql } from 'kysely';
import { type AnyDb, columnTypes, isPostgres } from './column-types.js';

/**
 * Exam Prep progress: multiple-choice options, attempts and their tries, per-question progress, mastery per topic and
 * per pattern (with the pattern's spaced-repetition card), enrolments, and the analysis cache keyed by the course's
 * data version (bumped whenever its exams or questions change).
 */
export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes(db);
  // Estimates and FSRS stability/difficulty are floats; double precision comes back from pg as a JS number.
  const float = isPostgres(db) ? sql`double precision` : sql`real`;

  await db.schema
    .alterTable('courses')
    .addColumn('data_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('question_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    // The authored position; students see the options shuffled per attempt.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('is_correct', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn('mistake', 'text')
    .addUniqueConstraint('uq_question_options_position', ['question_id', 'position'])
    .execute();
  // At most one correct option per question (the content schema asks for exactly one).
  await db.schema
    .createIndex('uq_question_options_one_correct')
    .on('question_options')
    .column('question_id')
    .unique()
    .where(sql<boolean>`is_correct = ${t.true}`)
    .execute();

  await db.schema
    .createTable('question_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('free', 'mcq')`))
    .addColumn('option_order', t.json)
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .addColumn('correct', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn('assisted', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0).check(sql`tries >= 0`))
    .addColumn('time_spent_ms', t.bigint, (c) => c.notNull().defaultTo(0))
    // Set once the attempt has been turned into a spaced-repetition review of its pattern (at most one per attempt).
    .addColumn('reviewed', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .execute();
  // The caller's latest open attempt on a question; the caller's attempts in a course (weak topics).
  await db.schema
    .createIndex('idx_question_attempts_user_question')
    .on('question_attempts')
    .columns(['user_id', 'question_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('idx_question_attempts_user_course')
    .on('question_attempts')
    .columns(['user_id', 'course_id'])
    .execute();

  await db.schema
    .createTable('attempt_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('question_attempts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    // 1, 2, ... for tries that count; NULL for input that was not graded (unparsable, grader failure).
    .addColumn('try_number', 'integer')
    .addColumn('answer', 'text')
    .addColumn('option_id', 'text', (c) => c.references('question_options.id').onDelete('set null'))
    .addColumn('correct', t.boolean, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('time_spent_ms', 'integer', (c) => c.notNull().check(sql`time_spent_ms >= 0`))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('uq_attempt_submissions_try', ['attempt_id', 'try_number'])
    .execute();
  // The unique constraint (attempt_id, try_number) serves "the attempt's tries"; outcome analytics per question
  // (distractor and mistake counts) and the option foreign key get their own.
  await db.schema
    .createIndex('idx_attempt_submissions_question_outcome')
    .on('attempt_submissions')
    .columns(['question_id', 'outcome'])
    .execute();
  await db.schema.createIndex('idx_attempt_submissions_option').on('attempt_submissions').column('option_id').execute();
  await db.schema.createIndex('idx_attempt_submissions_user').on('attempt_submissions').column('user_id').execute();

  await db.schema
    .createTable('user_progress')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('correct', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_try_correct', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assisted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('time_spent_ms', t.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('user_progress_pk', ['user_id', 'question_id'])
    .execute();
  await db.schema
    .createIndex('idx_user_progress_user_course')
    .on('user_progress')
    .columns(['user_id', 'course_id'])
    .execute();

  await db.schema
    .createTable('topic_mastery')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('estimate', float, (c) => c.notNull().check(sql`estimate between 0 and 1`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_mastery_pk', ['user_id', 'topic_id'])
    .execute();
  await db.schema
    .createIndex('idx_topic_mastery_user_course')
    .on('topic_mastery')
    .columns(['user_id', 'course_id'])
    .execute();

  await db.schema
    .createTable('pattern_mastery')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('pattern_id', 'text', (c) => c.notNull().references('question_patterns.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('estimate', float, (c) => c.notNull().check(sql`estimate between 0 and 1`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    // The ts-fsrs card of the pattern; NULL `due` until its first review.
    .addColumn('due', t.timestamp)
    .addColumn('stability', float, (c) => c.notNull().defaultTo(0))
    .addColumn('difficulty', float, (c) => c.notNull().defaultTo(0))
    .addColumn('scheduled_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('learning_steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lapses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_review', t.timestamp)
    .addPrimaryKeyConstraint('pattern_mastery_pk', ['user_id', 'pattern_id'])
    .execute();
  // What is due for review in a course, oldest due first.
  await db.schema
    .createIndex('idx_pattern_mastery_user_course_due')
    .on('pattern_mastery')
    .columns(['user_id', 'course_id', 'due'])
    .execute();

  await db.schema
    .createTable('user_courses')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('enrolled_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('user_courses_pk', ['user_id', 'course_id'])
    .execute();

  await db.schema
    .createTable('analysis_cache')
    .addColumn('course_id', 'text', (c) => c.primaryKey().references('courses.id').onDelete('cascade'))
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('analysis', t.json, (c) => c.notNull())
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'analysis_cache',
    'user_courses',
    'pattern_mastery',
    'topic_mastery',
    'user_progress',
    'attempt_submissions',
    'question_attempts',
    'question_options',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('courses').dropColumn('data_version').execute();
}
