import type { CompiledQuery } from 'kysely';
import { type DecisionCategory, fromJson } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';

export interface DecisionRecord {
  id: string;
  category: DecisionCategory;
  value: unknown;
  summary: string;
  confidence: 'high' | 'medium' | 'low';
  rationale: string | null;
  sourceMessageId: string | null;
  status: 'current' | 'superseded';
  supersededById: string | null;
  supersededAt: string | null;
  createdAt: string;
}

export async function listDecisions(
  db: Db,
  projectId: string,
  options: { includeSuperseded: boolean },
): Promise<DecisionRecord[]> {
  let query = db.selectFrom('project_decisions').selectAll().where('project_id', '=', projectId);
  if (!options.includeSuperseded) query = query.where('status', '=', 'current');
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    value: fromJson(r.value),
    summary: r.summary,
    confidence: r.confidence,
    rationale: r.rationale,
    sourceMessageId: r.source_message_id,
    status: r.status,
    supersededById: r.superseded_by_id,
    supersededAt: r.superseded_at,
    createdAt: r.created_at,
  }));
}

export type NewDecision = Omit<DecisionRecord, 'status' | 'supersededById' | 'supersededAt'> & {
  projectId: string;
  userId: string;
};

/**
 * A message's decisions as one atomic list: first the project's row is taken (a no-op write), so on PostgreSQL
 * concurrent turns of one project queue there and each later statement sees the earlier turns' decisions committed;
 * then per decision, whatever is current in its category becomes superseded by it (its id returned), and it is inserted
 * as the current one. The partial unique index (one current decision per project and category) makes the order matter:
 * supersede first. Returns the statements and, per decision, the index of its supersede statement's result.
 */
export function recordDecisionsStatements(
  db: Db,
  projectId: string,
  decisions: readonly NewDecision[],
): { statements: CompiledQuery[]; supersedeResultAt: number[] } {
  const statements = [
    db
      .updateTable('active_projects')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', projectId)
      .compile(),
  ];
  const supersedeResultAt: number[] = [];
  for (const decision of decisions) {
    supersedeResultAt.push(statements.length);
    statements.push(
      db
        .updateTable('project_decisions')
        .set({ status: 'superseded', superseded_by_id: decision.id, superseded_at: decision.createdAt })
        .where('project_id', '=', projectId)
        .where('category', '=', decision.category)
        .where('status', '=', 'current')
        .returning('id')
        .compile(),
      db
        .insertInto('project_decisions')
        .values({
          id: decision.id,
          project_id: projectId,
          user_id: decision.userId,
          category: decision.category,
          value: JSON.stringify(decision.value),
          summary: decision.summary,
          confidence: decision.confidence,
          rationale: decision.rationale,
          source_message_id: decision.sourceMessageId,
          status: 'current',
          created_at: decision.createdAt,
        })
        .compile(),
    );
  }
  return { statements, supersedeResultAt };
}
