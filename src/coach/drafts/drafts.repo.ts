import type { Selectable } from 'kysely';
import type { ProjectDraftsTable } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';

export type DraftRow = Selectable<ProjectDraftsTable>;

export async function latestVersion(db: Db, projectId: string, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('project_drafts')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('project_id', '=', projectId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Inserts the next version; false when another writer took that version number first (the caller retries). */
export async function insertDraft(db: Db, row: DraftRow): Promise<boolean> {
  const result = await db
    .insertInto('project_drafts')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'task_id', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function finishDraft(
  db: Db,
  id: string,
  changes: { content: string; status: 'complete' | 'incomplete'; model: string; nowIso: string },
): Promise<void> {
  await db
    .updateTable('project_drafts')
    .set({ content: changes.content, status: changes.status, model: changes.model, updated_at: changes.nowIso })
    .where('id', '=', id)
    .execute();
}

/** A project's drafts, by task then newest version first; one task's when `taskId` is given. */
export async function listDrafts(db: Db, projectId: string, taskId?: string): Promise<DraftRow[]> {
  let query = db.selectFrom('project_drafts').selectAll().where('project_id', '=', projectId);
  if (taskId) query = query.where('task_id', '=', taskId);
  return query.orderBy('task_id').orderBy('version', 'desc').execute();
}

export async function findDraftVersion(
  db: Db,
  projectId: string,
  taskId: string,
  version: number,
): Promise<DraftRow | undefined> {
  return db
    .selectFrom('project_drafts')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('task_id', '=', taskId)
    .where('version', '=', version)
    .executeTakeFirst();
}
