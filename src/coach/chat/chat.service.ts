import { AiError } from '../../ai/errors.js';
import { costMicros } from '../../ai/pricing.js';
import { type AiUsage, emptyUsage } from '../../ai/provider.js';
import { streamWithRetry } from '../../ai/retry.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { newSortableId } from '../../platform/ids.js';
import { composeReply } from '../offline/coach.js';
import {
  applyDetections,
  buildCoachTurnContext,
  type DetectionResult,
  projectProgress,
  requireOwnedProject,
} from '../projects/projects.service.js';
import {
  claimStreamSlot,
  countTowardsDailyLimit,
  microsToUsd,
  recordAiUsage,
  uncountDailyMessage,
  utcDay,
} from '../usage/usage.service.js';
import * as messages from './messages.repo.js';
import { streamLeaseId } from './stream-repair.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export { insertMessageIfProjectQuery, messagePage } from './messages.repo.js';

/** How many earlier messages the model sees. */
export const HISTORY_MESSAGES = 30;
/** How often a streaming reply's text so far is saved, so a crash keeps what was sent. */
const PARTIAL_SAVE_MS = 1000;

/** Where a chat turn's events go: the SSE stream in production, an array in unit tests. */
export interface ChatSink {
  send(event: ChatEventName, data: unknown): Promise<void>;
}
export type ChatEventName = 'start' | 'delta' | 'decision' | 'task' | 'done' | 'error' | 'status';

export interface ChatRequest {
  userId: string;
  projectId: string;
  message: string;
  clientMessageId?: string | undefined;
}

/** A prepared turn: the user's message is stored, limits are counted, the stream slot is held. */
export interface LiveTurn {
  kind: 'live';
  request: ChatRequest;
  userMessageId: string;
  assistantMessageId: string;
  leaseId: string;
  release(): Promise<void>;
  renewLease(): Promise<void>;
}

export interface ReplayTurn {
  kind: 'replay';
  events: Array<{ event: ChatEventName; data: unknown }>;
}

/**
 * Replays a stored exchange for a resent clientMessageId: no second message, no second charge. The key names one
 * message: reused with other text it is a client bug, not a resend, and answers 409 rather than an unrelated reply.
 */
async function replay(deps: ServiceDeps, userMessage: messages.MessageRow, message: string): Promise<ReplayTurn> {
  if (userMessage.content !== message) {
    throw new AppError(
      'idempotency_key_reused',
      'This clientMessageId was already used for a different message; send a new clientMessageId',
      { details: { field: 'clientMessageId' } },
    );
  }
  const reply = await messages.findReplyTo(deps.db, userMessage.id);
  if (!reply || reply.status === 'streaming') {
    return {
      kind: 'replay',
      events: [
        {
          event: 'start',
          data: { userMessageId: userMessage.id, assistantMessageId: reply?.id ?? null, replay: true },
        },
        { event: 'status', data: { status: 'streaming', message: 'The reply to this message is still streaming' } },
      ],
    };
  }
  return {
    kind: 'replay',
    events: [
      { event: 'start', data: { userMessageId: userMessage.id, assistantMessageId: reply.id, replay: true } },
      { event: 'delta', data: { text: reply.content } },
      {
        event: 'done',
        data: {
          replay: true,
          status: reply.status,
          usage: { inputTokens: reply.input_tokens, outputTokens: reply.output_tokens },
        },
      },
    ],
  };
}

/**
 * Checks and counts everything before any byte is streamed, so refusals are plain JSON errors:
 * ownership (404), message length (422), a resent clientMessageId (replay), open streams (429), the daily limit (429).
 */
export async function prepareChatTurn(deps: ServiceDeps, request: ChatRequest): Promise<LiveTurn | ReplayTurn> {
  const project = await requireOwnedProject(deps, request.userId, request.projectId);
  if (project.status !== 'active') {
    throw new AppError('conflict', `This project is ${project.status}; reactivate it to chat with the coach`);
  }
  if (request.message.length > deps.config.MONETIZATION_MAX_MESSAGE_LENGTH) {
    throw new AppError(
      'validation_failed',
      `Invalid request: message: at most ${deps.config.MONETIZATION_MAX_MESSAGE_LENGTH} characters`,
      {
        details: {
          fields: [
            { field: 'message', message: `must be at most ${deps.config.MONETIZATION_MAX_MESSAGE_LENGTH} characters` },
          ],
        },
      },
    );
  }
  if (request.clientMessageId) {
    const existing = await messages.findByClientId(deps.db, project.id, request.clientMessageId);
    if (existing) return replay(deps, existing, request.message);
  }

  const now = deps.clock.now();
  const userMessageId = newSortableId(now);
  const assistantMessageId = newSortableId(deps.clock.now());
  // The slot names its process and its reply: after a crash the process's successor frees it and repairs the reply.
  const leaseId = streamLeaseId(deps.instanceId, assistantMessageId);
  const { release, renewLease } = await claimStreamSlot(deps, request.userId, leaseId);
  const day = utcDay(now);
  try {
    await countTowardsDailyLimit(deps, request.userId, now);
    const stored = await messages.insertMessage(deps.db, {
      id: userMessageId,
      project_id: project.id,
      user_id: request.userId,
      role: 'user',
      content: request.message,
      status: 'complete',
      client_message_id: request.clientMessageId ?? null,
      reply_to_id: null,
      input_tokens: 0,
      output_tokens: 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    if (!stored) {
      // A concurrent resend of the same clientMessageId won the insert: give the count back and replay.
      await uncountDailyMessage(deps.db, request.userId, day);
      await release();
      const existing = await messages.findByClientId(deps.db, project.id, request.clientMessageId ?? '');
      if (!existing) throw new Error('client message vanished after a conflicting insert');
      return replay(deps, existing, request.message);
    }
    await messages.insertMessage(deps.db, {
      id: assistantMessageId,
      project_id: project.id,
      user_id: request.userId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      client_message_id: null,
      reply_to_id: userMessageId,
      input_tokens: 0,
      output_tokens: 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    return {
      kind: 'live',
      request,
      userMessageId,
      assistantMessageId,
      leaseId,
      release,
      renewLease,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

function publicError(error: { code: string }): { code: string; message: string } {
  const messagesByCode: Record<string, string> = {
    ai_unavailable: 'The coach is unavailable right now; your message is saved, try again in a moment',
    ai_rate_limited: 'The coach is busy; your message is saved, try again in a minute',
    ai_timeout: 'The coach took too long to answer; your message is saved, try again',
    ai_bad_request: 'The coach could not process this conversation; try rephrasing',
    aborted: 'The reply was stopped',
    conflict: 'Another change to this project happened at the same moment; your message is saved, send it again',
    internal_error: 'Something went wrong on our side saving this reply; your message is saved, try again',
  };
  return { code: error.code, message: messagesByCode[error.code] ?? 'The coach failed to answer' };
}

/**
 * Streams the coach's reply for a prepared turn. Deltas go out as they arrive; detected decisions and finished
 * tasks follow; `done` carries usage, cost and progress. On disconnect (`signal`) or provider failure the
 * upstream call is aborted and what arrived is stored, marked incomplete. Always records the AI usage.
 */
export async function streamChatTurn(
  deps: ServiceDeps,
  turn: LiveTurn,
  sink: ChatSink,
  signal: AbortSignal,
): Promise<void> {
  const started = Date.now();
  const { request } = turn;
  let text = '';
  let usage: AiUsage = emptyUsage();
  let model = deps.ai.model;
  // The provider's error, or our own (`conflict`, `internal_error`).
  let failure: { code: string } | undefined;
  let detections: DetectionResult = { decisions: [], tasks: [], nextSteps: [] };
  let detectionsLost = false;
  let lastSaved = Date.now();
  try {
    await sink.send('start', {
      userMessageId: turn.userMessageId,
      assistantMessageId: turn.assistantMessageId,
      provider: deps.ai.name,
      model: deps.ai.model,
      offline: deps.ai.name === 'offline',
    });
    const project = await requireOwnedProject(deps, request.userId, request.projectId);
    // Decisions and finished tasks come from the user's own words; they are stored whatever the model does, and
    // first, so the reply (offline or the model's context) acknowledges them with progress after this turn. A failure
    // to store them is ours, not the coach's: it is logged and ends the turn as an internal error after the reply,
    // never as the AI being unavailable.
    try {
      detections = await applyDetections(deps, {
        project,
        userId: request.userId,
        messageId: turn.userMessageId,
        message: request.message,
      });
    } catch (error) {
      deps.logger.error({ err: error, projectId: request.projectId }, 'storing the detected decisions failed');
      detectionsLost = true;
    }
    const context = await buildCoachTurnContext(deps, project, detections);
    const history = await messages.recentMessages(deps.db, project.id, HISTORY_MESSAGES + 1);
    const conversation = history
      .filter((m) => m.id !== turn.assistantMessageId && (m.role === 'user' || m.content.length > 0))
      .slice(-HISTORY_MESSAGES)
      .map((m) => ({ role: m.role, content: m.content }));
    // The Messages API wants the conversation to open with the user; the welcome message is in the system prompt's spirit.
    while (conversation[0]?.role === 'assistant') conversation.shift();

    for await (const event of streamWithRetry(
      deps.ai,
      {
        system: context.system,
        messages: conversation,
        signal,
        // Only the offline provider streams the rule-based answer; a model writes its own from the system prompt.
        ...(deps.ai.name === 'offline' ? { offlineReply: composeReply(context.coachContext, conversation) } : {}),
      },
      {
        onRetry: (error) =>
          deps.logger.warn({ code: error.code }, 'retrying the coach once: it failed before any text'),
      },
    )) {
      if (event.type === 'text') {
        text += event.text;
        if (!signal.aborted) await sink.send('delta', { text: event.text });
        if (Date.now() - lastSaved >= PARTIAL_SAVE_MS) {
          lastSaved = Date.now();
          // Not awaited: the stream does not wait for it; a save that lands after the reply is finished changes nothing.
          messages
            .savePartialContent(deps.db, turn.assistantMessageId, text, deps.clock.now().toISOString())
            .catch((err: unknown) => deps.logger.warn({ err }, 'saving a partial reply failed'));
        }
      } else {
        usage = event.usage;
        model = event.model;
        if (event.type === 'error') failure = event.error;
      }
    }
  } catch (error) {
    if (error instanceof AiError) failure = error;
    else {
      // Our own failure (a database conflict, a bug), never reported as the AI being unavailable.
      failure = { code: isUniqueViolation(error) ? 'conflict' : 'internal_error' };
      deps.logger.error({ err: error, projectId: request.projectId }, 'chat turn failed');
    }
  }

  const cost = costMicros(usage, deps.ai.price);
  const now = deps.clock.now();
  const aborted = signal.aborted || failure?.code === 'aborted';
  await messages.finishMessage(deps.db, turn.assistantMessageId, {
    content: text,
    status: failure || aborted ? 'incomplete' : 'complete',
    inputTokens: usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
    outputTokens: usage.outputTokens,
    nowIso: now.toISOString(),
  });
  await recordAiUsage(deps, {
    userId: request.userId,
    projectId: request.projectId,
    messageId: turn.assistantMessageId,
    provider: deps.ai.name,
    model,
    usage,
    costMicros: cost,
    status: aborted ? 'aborted' : failure ? 'failed' : 'complete',
    errorCode: failure?.code,
    durationMs: Date.now() - started,
  });
  await turn.release();
  if (aborted) return;

  for (const decision of detections.decisions) await sink.send('decision', decision);
  for (const task of detections.tasks) await sink.send('task', task);
  if (detectionsLost && !failure) {
    await sink.send('error', {
      code: 'internal_error',
      message: 'The reply is saved, but what your message decided could not be stored; send it again',
      partial: false,
      assistantMessageId: turn.assistantMessageId,
    });
    return;
  }
  if (failure) {
    await sink.send('error', {
      ...publicError(failure),
      partial: text.length > 0,
      assistantMessageId: turn.assistantMessageId,
    });
    return;
  }
  const project = await requireOwnedProject(deps, request.userId, request.projectId);
  await sink.send('done', {
    assistantMessageId: turn.assistantMessageId,
    model,
    provider: deps.ai.name,
    offline: deps.ai.name === 'offline',
    usage,
    costMicros: cost,
    costUsd: microsToUsd(cost),
    nextSteps: detections.nextSteps,
    progress: await projectProgress(deps, project),
  });
}
