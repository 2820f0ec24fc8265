import type { AnyDb } from './column-types.js';

/**
 * The practice path reads a course's original questions with their topic, pattern and difficulty on every set it
 * picks. The question rows are wide (texts, solutions) and `is_generated` was added last, so without this index each
 * candidate cost a visit to its row; with it the read is answered from the index alone.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('idx_questions_course_originals')
    .on('questions')
    .columns(['course_id', 'is_generated', 'id', 'topic_id', 'pattern_id', 'difficulty'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('idx_questions_course_originals').execute();
}
