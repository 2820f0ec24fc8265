import { toBool } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';
import { newId } from '../../platform/ids.js';

export interface TaskState {
  taskId: string;
  completed: boolean;
  completedAt: string | null;
  notes: string | null;
  source: 'manual' | 'detected';
}

export async function listTaskStates(db: Db, projectId: string): Promise<TaskState[]> {
  const rows = await db
    .selectFrom('project_task_completions')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('task_id')
    .execute();
  return rows.map((r) => ({
    taskId: r.task_id,
    completed: toBool(r.completed),
    completedAt: r.completed_at,
    notes: r.notes,
    source: r.source,
  }));
}

/** One row per project and task (unique), updated in place when toggled again. */
export async function upsertTaskState(
  db: Db,
  input: {
    projectId: string;
    userId: string;
    taskId: string;
    completed: boolean;
    notes?: string | undefined;
    source: 'manual' | 'detected';
    sourceMessageId?: string | undefined;
    nowIso: string;
  },
): Promise<void> {
  const values = {
    completed: input.completed,
    completed_at: input.completed ? input.nowIso : null,
    source: input.source,
    source_message_id: input.sourceMessageId ?? null,
    updated_at: input.nowIso,
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
  };
  await db
    .insertInto('project_task_completions')
    .values({
      id: newId(),
      project_id: input.projectId,
      user_id: input.userId,
      task_id: input.taskId,
      notes: input.notes ?? null,
      created_at: input.nowIso,
      ...values,
    })
    .onConflict((oc) => oc.columns(['project_id', 'task_id']).doUpdateSet(values))
    .execute();
}
