import { type CompiledQuery, type Selectable, type SqlBool, sql } from 'kysely';
import { insertRowWhen } from '../../db/atomic.js';
import type { MessageStatus, ProjectChatMessagesTable } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';

export type MessageRow = Selectable<ProjectChatMessagesTable>;

export async function insertMessage(db: Db, row: MessageRow): Promise<boolean> {
  const result = await db
    .insertInto('project_chat_messages')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'client_message_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Inserts a message only if its project row exists, as one statement of a batch (D1): after the project's own insert
 * in the same batch, the message is written exactly when the project was.
 */
export function insertMessageIfProjectQuery(db: Db, row: MessageRow): CompiledQuery {
  const project = db.selectFrom('active_projects').select(sql`1`.as('one')).where('id', '=', row.project_id);
  return insertRowWhen(db, 'project_chat_messages', row, sql<SqlBool>`exists ${project}`).compile();
}

export async function finishMessage(
  db: Db,
  id: string,
  update: { content: string; status: MessageStatus; inputTokens: number; outputTokens: number; nowIso: string },
): Promise<void> {
  await db
    .updateTable('project_chat_messages')
    .set({
      content: update.content,
      status: update.status,
      input_tokens: update.inputTokens,
      output_tokens: update.outputTokens,
      updated_at: update.nowIso,
    })
    .where('id', '=', id)
    .execute();
}

/** What a reply has streamed so far, kept while it streams (a crash then leaves the partial reply, not nothing). */
export async function savePartialContent(db: Db, id: string, content: string, nowIso: string): Promise<void> {
  await db
    .updateTable('project_chat_messages')
    .set({ content, updated_at: nowIso })
    .where('id', '=', id)
    .where('status', '=', 'streaming')
    .execute();
}

export async function findByClientId(
  db: Db,
  projectId: string,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('project_chat_messages')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}

export async function findReplyTo(db: Db, messageId: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('project_chat_messages')
    .selectAll()
    .where('reply_to_id', '=', messageId)
    .where('role', '=', 'assistant')
    .executeTakeFirst();
}

/** The most recent `limit` messages, oldest first (ids sort by creation time). */
export async function recentMessages(db: Db, projectId: string, limit: number): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('project_chat_messages')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/** A page of history, newest first, before the message `beforeId`. */
export async function messagePage(
  db: Db,
  projectId: string,
  page: { limit: number; beforeId?: string | undefined },
): Promise<MessageRow[]> {
  let query = db.selectFrom('project_chat_messages').selectAll().where('project_id', '=', projectId);
  if (page.beforeId) query = query.where('id', '<', page.beforeId);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}
