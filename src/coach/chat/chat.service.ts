import { AiError } from '../../ai/errors.js';
import { costMicros } from '../../ai/pricing.js';
import { type AiUsage, emptyUsage } from '../../ai/provider.js';
import { streamWithRetry } from '../../ai/retry.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { newId, newSortableId } from '../../platform/ids.js';
import { fixedWindow } from '../../platform/limits/window.js';
import { composeReply } from '../offline/coach.js';
import {
  applyDetections,
  buildCoachTurnContext,
  type DetectionResult,
  projectProgress,
  requireOwnedProject,
} from '../projects/projects.service.js';
import {
  acquireStreamSlot,
  countDailyMessage,
  releaseStreamSlot,
  renewStreamSlot,
  uncountDailyMessage,
} from '../usage/limits.repo.js';
import { microsToUsd, recordAiUsage, utcDay } from '../usage/usage.service.js';
import * as messages from './messages.repo.js';

/** How many earlier messages the model sees. */
export const HISTORY_MESSAGES = 30;
const SLOT_LEASE_MS = 120_000;

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

function dailyLimitError(deps: ServiceDeps) {
  const window = fixedWindow(deps.clock.now(), 86_400_000);
  return new AppError(
    'daily_limit_reached',
    `You have used all ${deps.config.MONETIZATION_DAILY_MESSAGE_LIMIT} coach messages for today; the limit resets at ${window.resetAt.toISOString()}`,
    {
      retryAfter: window.retryAfterSeconds,
      details: { limit: deps.config.MONETIZATION_DAILY_MESSAGE_LIMIT, resetAt: window.resetAt.toISOString() },
    },
  );
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
  const leaseId = newId();
  const slot = await acquireStreamSlot(deps.db, {
    userId: request.userId,
    slots: deps.config.MONETIZATION_MAX_CONCURRENT_STREAMS,
    leaseId,
    nowMs: now.getTime(),
    leaseMs: SLOT_LEASE_MS,
  });
  if (slot === undefined) {
    throw new AppError(
      'too_many_streams',
      `At most ${deps.config.MONETIZATION_MAX_CONCURRENT_STREAMS} coach replies can stream at once`,
      {
        retryAfter: 5,
      },
    );
  }
  const release = () => releaseStreamSlot(deps.db, request.userId, leaseId);
  const day = utcDay(now);
  try {
    const count = await countDailyMessage(deps.db, request.userId, day, deps.config.MONETIZATION_DAILY_MESSAGE_LIMIT);
    if (count === undefined) throw dailyLimitError(deps);
    const userMessageId = newSortableId(now);
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
    const assistantMessageId = newSortableId(deps.clock.now());
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
      renewLease: () => renewStreamSlot(deps.db, request.userId, leaseId, deps.clock.now().getTime() + SLOT_LEASE_MS),
    };
  } catch (error) {
    await release();
    throw error;
  }
}

function publicError(error: AiError): { code: string; message: string } {
  const messagesByCode: Record<string, string> = {
    ai_unavailable: 'The coach is unavailable right now; your message is saved, try again in a moment',
    ai_rate_limited: 'The coach is busy; your message is saved, try again in a minute',
    ai_timeout: 'The coach took too long to answer; your message is saved, try again',
    ai_bad_request: 'The coach could not process this conversation; try rephrasing',
    aborted: 'The reply was stopped',
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
  let failure: AiError | undefined;
  let detections: DetectionResult = { decisions: [], tasks: [], nextSteps: [] };
  try {
    await sink.send('start', {
      userMessageId: turn.userMessageId,
      assistantMessageId: turn.assistantMessageId,
      provider: deps.ai.name,
      model: deps.ai.model,
      offline: deps.ai.name === 'offline',
    });
    const project = await requireOwnedProject(deps, request.userId, request.projectId);
    const context = await buildCoachTurnContext(deps, project);
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
      } else {
        usage = event.usage;
        model = event.model;
        if (event.type === 'error') failure = event.error;
      }
    }
    // Decisions and finished tasks come from the user's own words; they are stored whatever the model did.
    detections = await applyDetections(deps, {
      project,
      userId: request.userId,
      messageId: turn.userMessageId,
      message: request.message,
    });
  } catch (error) {
    failure = error instanceof AiError ? error : new AiError('ai_unavailable', 'the coach failed', { cause: error });
    if (!(error instanceof AiError))
      deps.logger.error({ err: error, projectId: request.projectId }, 'chat turn failed');
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
