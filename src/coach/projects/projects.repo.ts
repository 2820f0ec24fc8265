import { type CompiledQuery, sql } from 'kysely';
import { fromJson, type ProjectStatus } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';
import type { CustomizedPlan } from '../templates/personalize.js';

export interface ProjectRecord {
  id: string;
  userId: string;
  opportunityId: string;
  title: string;
  status: ProjectStatus;
  plan: CustomizedPlan;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

type Row = {
  id: string;
  user_id: string;
  opportunity_id: string;
  title: string;
  status: ProjectStatus;
  customized_plan: unknown;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
};

function toRecord(row: Row): ProjectRecord {
  return {
    id: row.id,
    userId: row.user_id,
    opportunityId: row.opportunity_id,
    title: row.title,
    status: row.status,
    plan: fromJson<CustomizedPlan>(row.customized_plan),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

/** Inserts an active project unless the user already has one (the partial unique index decides). */
type NewProject = {
  id: string;
  userId: string;
  opportunityId: string;
  title: string;
  plan: CustomizedPlan;
  nowIso: string;
};

/** A new active project as one statement of an atomic list: it affects one row unless the user has an active one. */
export function insertActiveProjectQuery(db: Db, project: NewProject): CompiledQuery {
  return insertActiveProjectUnlessOne(db, project).compile();
}

function insertActiveProjectUnlessOne(db: Db, project: NewProject) {
  return (
    db
      .insertInto('active_projects')
      .values({
        id: project.id,
        user_id: project.userId,
        opportunity_id: project.opportunityId,
        title: project.title,
        status: 'active',
        customized_plan: JSON.stringify(project.plan),
        created_at: project.nowIso,
        updated_at: project.nowIso,
      })
      // The predicate must be a literal for SQLite and PostgreSQL to match it to the partial unique index.
      .onConflict((oc) => oc.column('user_id').where(sql<boolean>`status = 'active'`).doNothing())
  );
}

/** Every lookup filters by owner: another user's project is simply not found. */
export async function findOwnedProject(db: Db, userId: string, projectId: string): Promise<ProjectRecord | undefined> {
  const row = await db
    .selectFrom('active_projects')
    .selectAll()
    .where('id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The user's projects, newest first, optionally of one status. */
export async function listOwnedProjects(
  db: Db,
  userId: string,
  status: ProjectStatus | undefined,
): Promise<ProjectRecord[]> {
  let query = db.selectFrom('active_projects').selectAll().where('user_id', '=', userId);
  if (status) query = query.where('status', '=', status);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toRecord);
}

export async function findActiveProject(db: Db, userId: string): Promise<ProjectRecord | undefined> {
  const row = await db
    .selectFrom('active_projects')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Changes a project's title or status; false when the status change was refused because the project is abandoned (the
 * condition is in the update itself, so an abandon that lands first is never undone by a reactivation in flight).
 */
export async function updateProject(
  db: Db,
  userId: string,
  projectId: string,
  changes: { status?: ProjectStatus | undefined; title?: string | undefined; nowIso: string },
): Promise<boolean> {
  let query = db
    .updateTable('active_projects')
    .set({
      updated_at: changes.nowIso,
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.status !== undefined
        ? { status: changes.status, completed_at: changes.status === 'completed' ? changes.nowIso : null }
        : {}),
    })
    .where('id', '=', projectId)
    .where('user_id', '=', userId);
  if (changes.status !== undefined && changes.status !== 'abandoned') query = query.where('status', '<>', 'abandoned');
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
