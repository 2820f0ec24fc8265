import { costMicros } from '../../ai/pricing.js';
import { emptyUsage } from '../../ai/provider.js';
import { estimateTokens } from '../../ai/tokens.js';
import { withTransaction } from '../../db/transaction.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { recordAiUsage, uncountDailyMessage, utcDay } from '../usage/usage.service.js';

/** A stream slot's lease id: the process holding it, then the reply it streams. */
export const streamLeaseId = (instanceId: string, assistantMessageId: string) => `${instanceId}/${assistantMessageId}`;

const replyOfLease = (leaseId: string) => leaseId.slice(leaseId.lastIndexOf('/') + 1);

/**
 * Repairs what a crashed process left of its chat streams; run at start, before serving. Slots held under this
 * process's name (its predecessor's) are freed at once, not when their lease runs out. Every reply still `streaming`
 * whose stream no live slot holds (ours, or of a process that never came back) is repaired: marked `incomplete`
 * with the text it had streamed, its usage logged as estimated (`error_code` `interrupted`), and the user's daily
 * message given back (docs/AI.md). A resend of its clientMessageId then replays what is stored.
 */
export async function repairInterruptedChats(deps: ServiceDeps): Promise<{ repaired: number; slotsFreed: number }> {
  const nowMs = deps.clock.now().getTime();
  // Few rows: one per reply streaming right now, across every process.
  const slots = await deps.db.selectFrom('coach_stream_slots').select(['user_id', 'lease_id', 'lease_until']).execute();
  const ours = `${deps.instanceId}/`;
  const dead = slots.filter((s) => s.lease_id.startsWith(ours) || s.lease_until < nowMs);
  for (const slot of dead) {
    await deps.db
      .deleteFrom('coach_stream_slots')
      .where('user_id', '=', slot.user_id)
      .where('lease_id', '=', slot.lease_id)
      .execute();
  }
  const live = new Set(slots.filter((s) => !dead.includes(s)).map((s) => replyOfLease(s.lease_id)));
  const streaming = await deps.db
    .selectFrom('project_chat_messages as reply')
    .leftJoin('project_chat_messages as asked', 'asked.id', 'reply.reply_to_id')
    .select([
      'reply.id as id',
      'reply.user_id as userId',
      'reply.project_id as projectId',
      'reply.content as content',
      'reply.created_at as createdAt',
      'asked.content as question',
    ])
    .where('reply.status', '=', 'streaming')
    .execute();
  let repaired = 0;
  for (const reply of streaming) {
    if (live.has(reply.id)) continue;
    if (await repairReply(deps, reply)) repaired++;
  }
  if (repaired > 0 || dead.length > 0) {
    deps.logger.warn({ repaired, slotsFreed: dead.length }, 'repaired chat replies interrupted by a crash');
  }
  return { repaired, slotsFreed: dead.length };
}

async function repairReply(
  deps: ServiceDeps,
  reply: { id: string; userId: string; projectId: string; content: string; createdAt: string; question: string | null },
): Promise<boolean> {
  const usage = {
    ...emptyUsage(),
    inputTokens: estimateTokens(reply.question ?? ''),
    outputTokens: estimateTokens(reply.content),
    outputEstimated: true,
  };
  const nowIso = deps.clock.now().toISOString();
  // The status flip decides who repairs (two processes starting at once): only the one that changed the row goes on.
  const marked = await withTransaction(deps.db, async (tx) => {
    const result = await tx
      .updateTable('project_chat_messages')
      .set({ status: 'incomplete', output_tokens: usage.outputTokens, updated_at: nowIso })
      .where('id', '=', reply.id)
      .where('status', '=', 'streaming')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await uncountDailyMessage(tx, reply.userId, utcDay(new Date(reply.createdAt)));
    return true;
  });
  if (!marked) return false;
  await recordAiUsage(deps, {
    userId: reply.userId,
    projectId: reply.projectId,
    messageId: reply.id,
    provider: deps.ai.name,
    model: deps.ai.model,
    usage,
    costMicros: costMicros(usage, deps.ai.price),
    status: 'aborted',
    errorCode: 'interrupted',
    durationMs: 0,
  });
  return true;
}
