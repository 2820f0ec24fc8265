import type { AnyDb } from './column-types.js';

/**
 * Generated variants of a pattern (issue 16 §4) are questions with `is_generated` set; they also keep the generator's
 * parameters (JSON text) and the seed that drew them, so a variant can be rebuilt, re-verified and explained.
 * Text, not JSON: the values are only read back whole, never queried into.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('questions').addColumn('variant_params', 'text').execute();
  await db.schema.alterTable('questions').addColumn('variant_seed', 'text').execute();
  // Looking up a pattern's originals (has the student seen them all?) and its variants.
  await db.schema
    .createIndex('idx_questions_pattern_generated')
    .on('questions')
    .columns(['pattern_id', 'is_generated'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('idx_questions_pattern_generated').execute();
  await db.schema.alterTable('questions').dropColumn('variant_seed').execute();
  await db.schema.alterTable('questions').dropColumn('variant_params').execute();
}
