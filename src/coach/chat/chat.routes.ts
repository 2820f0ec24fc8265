import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { errorsFor, eventStreamContent, jsonBody, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { trackStream } from '../../platform/observability/lifecycle.js';
import { messageAllowance } from '../usage/usage.service.js';
import { type ChatSink, prepareChatTurn, streamChatTurn } from './chat.service.js';

const chatBodySchema = z
  .object({
    message: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .openapi({ example: "I'll charge $49/month because my audience is pros" }),
    clientMessageId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, - and _ only (at most 100)')
      .optional()
      .openapi({ description: 'Resending the same id replays the stored reply instead of sending a second message' }),
  })
  .openapi('ChatRequest');

const allowanceSchema = z
  .object({
    limit: z.number().int(),
    used: z.number().int(),
    remaining: z.number().int(),
    resetAt: z.string().openapi({ example: '2026-12-08T00:00:00.000Z' }),
  })
  .openapi('MessageAllowance');

const chat = signedInRoute({
  method: 'post',
  path: '/projects/{id}/chat',
  tags: ['Creator Coach: chat'],
  summary: 'Send a message; the reply streams as Server-Sent Events',
  description: [
    'Answers `text/event-stream`. Events, in order, each with an `id`:',
    '`start` `{userMessageId, assistantMessageId, provider, model, offline}`;',
    '`delta` `{text}` (repeated, as the reply arrives);',
    '`decision` (each decision detected in your message: `{id, category, value, confidence, rationale, summary}`);',
    '`task` (each task detected as finished: `{taskId, title}`);',
    '`done` `{usage, costMicros, costUsd, progress, nextSteps}` or `error` `{code, message, partial}` (codes `ai_unavailable`,',
    '`ai_rate_limited`, `ai_timeout`, `ai_bad_request`; `internal_error` when the reply is saved but its decisions could not be), then the stream ends. A comment line (`: heartbeat`) every 15 s keeps',
    'proxies from closing an idle stream. Refusals before the stream starts are ordinary JSON errors (404, 409, 422, 429).',
  ].join(' '),
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    body: jsonBody(chatBodySchema),
  },
  responses: {
    200: eventStreamContent('The reply as Server-Sent Events', 'event: delta\nid: 2\ndata: {"text":"Great"}\n\n'),
    ...errorsFor({ extra: [404, 409] }),
  },
});

const allowance = signedInRoute({
  method: 'get',
  path: '/chat/allowance',
  tags: ['Creator Coach: chat'],
  summary: 'Coach messages left today and when the daily limit resets',
  description:
    'Counts every message sent today (UTC) against `MONETIZATION_DAILY_MESSAGE_LIMIT`; at 0 remaining, a chat answers 429 until `resetAt`.',
  responses: jsonResponses(200, allowanceSchema, "Today's count"),
});

export function chatRoutes(deps: ServiceDeps) {
  return createRouter()
    .openapi(allowance, async (c) => c.json(await messageAllowance(deps, currentUser(c).id), 200))
    .openapi(chat, async (c) => {
      const body = c.req.valid('json');
      const turn = await prepareChatTurn(deps, {
        userId: currentUser(c).id,
        projectId: c.req.valid('param').id,
        message: body.message,
        clientMessageId: body.clientMessageId,
      });
      return streamSSE(c, async (stream) => {
        let eventId = 0;
        const sink: ChatSink = {
          send: async (event, data) => {
            if (stream.aborted || stream.closed) return;
            eventId++;
            await stream.writeSSE({ event, id: String(eventId), data: JSON.stringify(data) });
          },
        };
        if (turn.kind === 'replay') {
          for (const e of turn.events) await sink.send(e.event, e.data);
          return;
        }
        const upstream = new AbortController();
        stream.onAbort(() => upstream.abort(new Error('client disconnected')));
        const heartbeat = setInterval(() => {
          if (stream.aborted || stream.closed) return;
          void stream.write(': heartbeat\n\n').catch(() => upstream.abort());
          void turn.renewLease().catch(() => {});
        }, deps.config.SSE_HEARTBEAT_MS);
        const streamEnded = trackStream(deps);
        try {
          await streamChatTurn(deps, turn, sink, upstream.signal);
        } finally {
          clearInterval(heartbeat);
          streamEnded();
        }
      }) as never;
    });
}
