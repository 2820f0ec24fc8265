import type { AnyDb } from './column-types.js';

/**
 * Midterms sample a topic's original questions in id order, and drawing a variant pages through a pattern's originals
 * in id order. Generated variants sit in the same topics and patterns and grow with use (a bank of 160 originals and
 * 1M variants took 1.7 s a midterm, each window walking the topic's variants to find its originals); with
 * `is_generated` between the topic or pattern and the id, both reads are one index range over the originals alone.
 * The (pattern_id, is_generated) index is a prefix of the new one.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('idx_questions_topic_originals')
    .on('questions')
    .columns(['topic_id', 'is_generated', 'id'])
    .execute();
  await db.schema
    .createIndex('idx_questions_pattern_originals')
    .on('questions')
    .columns(['pattern_id', 'is_generated', 'id'])
    .execute();
  await db.schema.dropIndex('idx_questions_pattern_generated').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('idx_questions_pattern_generated')
    .on('questions')
    .columns(['pattern_id', 'is_generated'])
    .execute();
  await db.schema.dropIndex('idx_questions_pattern_originals').execute();
  await db.schema.dropIndex('idx_questions_topic_originals').execute();
}
