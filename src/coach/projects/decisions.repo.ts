import type { CompiledQuery } from 'kysely';
import { type DecisionCategory, fromJson } from '../../db/schema.js';
import type { Db, Tx } from '../../db/transaction.js';

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

/**
 * Stores a decision as the current one of its category, marking the previous current one superseded and linked.
 * The partial unique index (one current decision per project and category) makes the order matter: supersede first.
 */
export async function insertSupersedingDecision(
  tx: Tx,
  decision: NewDecision,
  supersedeId: string | undefined,
): Promise<void> {
  for (const query of supersedingDecisionStatements(tx, decision, supersedeId)) await query.execute();
}

type NewDecision = Omit<DecisionRecord, 'status' | 'supersededById' | 'supersededAt'> & {
  projectId: string;
  userId: string;
};

/** The same writes as compiled statements, for one batch where there are no interactive transactions (D1). */
export function supersedingDecisionQueries(
  db: Db,
  decision: NewDecision,
  supersedeId: string | undefined,
): CompiledQuery[] {
  return supersedingDecisionStatements(db, decision, supersedeId).map((q) => q.compile());
}

function supersedingDecisionStatements(db: Db | Tx, decision: NewDecision, supersedeId: string | undefined) {
  const supersede = supersedeId
    ? [
        db
          .updateTable('project_decisions')
          .set({ status: 'superseded', superseded_by_id: decision.id, superseded_at: decision.createdAt })
          .where('id', '=', supersedeId)
          .where('status', '=', 'current'),
      ]
    : [];
  const insert = db.insertInto('project_decisions').values({
    id: decision.id,
    project_id: decision.projectId,
    user_id: decision.userId,
    category: decision.category,
    value: JSON.stringify(decision.value),
    summary: decision.summary,
    confidence: decision.confidence,
    rationale: decision.rationale,
    source_message_id: decision.sourceMessageId,
    status: 'current',
    created_at: decision.createdAt,
  });
  return [...supersede, insert];
}
