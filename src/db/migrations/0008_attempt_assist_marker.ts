import type { AnyDb } from './column-types.js';

/**
 * `question_attempts.assisted_by`: the id of the solution reveal that marked the attempt assisted. A reveal is one
 * atomic statement list (src/db/atomic.ts): its later statements (progress, mastery, review) apply only if the attempt
 * carries this reveal's fresh id, i.e. only if the mark was this reveal's own. (SQLite's `changes()` did that on D1,
 * and PostgreSQL has no such function.)
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('question_attempts').addColumn('assisted_by', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('question_attempts').dropColumn('assisted_by').execute();
}
