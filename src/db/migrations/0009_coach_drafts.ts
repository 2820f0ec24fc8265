import { sql } from 'kysely';
import { type AnyDb, columnTypes } from './column-types.js';

/**
 * Creator Coach drafts: the document a task delivers (sales page, welcome post, email sequence…), drafted by the
 * coach and kept in versions. A new draft or an edit is a new version; nothing is overwritten.
 */
export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('project_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('active_projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('content', 'text', (c) => c.notNull())
    // model: written by the AI model; template: the offline coach's filled template; edited: the creator's edit.
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('model', 'template', 'edited')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('streaming', 'complete', 'incomplete')`))
    .addColumn('model', 'text')
    .addColumn('based_on_version', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('uq_project_drafts_version', ['project_id', 'task_id', 'version'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('project_drafts').execute();
}
