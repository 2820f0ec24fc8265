import { sql } from 'kysely';
import { type AnyDb, columnTypes, isPostgres } from './column-types.js';

/**
 * Exam mode: a generated midterm or final is stored for its student (its questions and points, never re-drawn),
 * started (the clock), submitted once (the answers, each question's outcome and score, the lateness), and the
 * attempts its submission records point back to it.
 */
export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes(db);
  const float = isPostgres(db) ? sql`double precision` : sql`real`;

  await db.schema
    .createTable('generated_exams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('exam_type', 'text', (c) => c.notNull().check(sql`exam_type in ('midterm', 'final')`))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('total_points', 'integer', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes > 0`))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('started_at', t.timestamp)
    .addColumn('due_at', t.timestamp)
    .addColumn('submitted_at', t.timestamp)
    // Milliseconds past due_at at submission (0 when on time); the submission is accepted either way.
    .addColumn('late_ms', t.bigint)
    .addColumn('score', float)
    // The submission that claimed the exam (a fresh id): its other writes apply only where it is this one.
    .addColumn('submission_id', 'text')
    // Asking again for the same seed gives the same exam (the unlock is per user, course, type and seed).
    .addUniqueConstraint('uq_generated_exams_seed', ['user_id', 'course_id', 'exam_type', 'seed'])
    .addCheckConstraint('ck_generated_exams_submitted_after_start', sql`submitted_at is null or started_at is not null`)
    .execute();
  // The caller's exams, newest first.
  await db.schema
    .createIndex('idx_generated_exams_user_created')
    .on('generated_exams')
    .columns(['user_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('generated_exam_questions')
    .addColumn('exam_id', 'text', (c) => c.notNull().references('generated_exams.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('points', 'integer', (c) => c.notNull().check(sql`points >= 0`))
    // Set by the submission: what was answered (free response or option), the grader's outcome and the points earned.
    .addColumn('answer', 'text')
    .addColumn('option_id', 'text')
    .addColumn('outcome', 'text')
    .addColumn('correct', t.boolean)
    .addColumn('score', float)
    .addPrimaryKeyConstraint('generated_exam_questions_pk', ['exam_id', 'number'])
    .addUniqueConstraint('uq_generated_exam_questions_question', ['exam_id', 'question_id'])
    .execute();

  // An attempt recorded by an exam's submission names the exam (NULL for practice attempts).
  await db.schema
    .alterTable('question_attempts')
    .addColumn('exam_id', 'text', (c) => c.references('generated_exams.id').onDelete('set null'))
    .execute();
  // The caller's history, newest first (GET /api/me/attempts).
  await db.schema
    .createIndex('idx_question_attempts_user_started')
    .on('question_attempts')
    .columns(['user_id', 'started_at', 'id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('idx_question_attempts_user_started').execute();
  await db.schema.alterTable('question_attempts').dropColumn('exam_id').execute();
  await db.schema.dropTable('generated_exam_questions').execute();
  await db.schema.dropTable('generated_exams').execute();
}
