import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { errorsFor, eventStreamContent, jsonBody, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { trackStream } from '../../platform/observability/lifecycle.js';
import { projectIdParams, taskParams } from '../projects/projects.schemas.js';
import { type DraftSink, editDraft, listProjectDrafts, prepareDraft, streamDraft } from './drafts.service.js';
import { exportProjectMarkdown } from './export.js';
import { documentKinds } from './templates.js';

const tags = ['Creator Coach: drafts'];

const draftSchema = z
  .object({
    id: z.string(),
    taskId: z.string(),
    version: z.number().int(),
    content: z.string(),
    source: z.enum(['model', 'template', 'edited']),
    status: z.enum(['streaming', 'complete', 'incomplete']),
    model: z.string().nullable(),
    basedOnVersion: z.number().int().nullable().openapi({ description: 'The version this one is an edit of' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Draft');

const documentTaskSchema = z
  .object({
    taskId: z.string(),
    title: z.string(),
    deliverable: z.string(),
    phaseId: z.string(),
    phaseTitle: z.string(),
    kind: z.enum(documentKinds),
  })
  .openapi('DocumentTask', { description: 'A task of the plan whose deliverable is a document the coach can draft' });

const draft = signedInRoute({
  method: 'post',
  path: '/projects/{id}/tasks/{taskId}/draft',
  tags,
  summary: "Draft a task's document (sales page, pricing table, launch emails, welcome message, community rules)",
  description: [
    'Streams a new version of the draft as Server-Sent Events, built from your profile, plan and current decisions:',
    'by the AI model when one is configured, a filled template offline. Counts against the daily coach limit and is',
    'logged with its cost. Events: `start` `{draftId, taskId, version, provider, model, offline}`; `delta` `{text}`;',
    '`done` `{draft, usage, costMicros, costUsd}` or `error` `{code, message, partial, draftId}` (the text that',
    'arrived is kept as an incomplete version). Refusals before streaming are JSON errors: 404, 422 (a task without a',
    'document), 429 (daily limit or too many streams).',
  ].join(' '),
  request: { params: taskParams },
  responses: {
    200: eventStreamContent(
      'The draft as Server-Sent Events',
      'event: delta\nid: 2\ndata: {"text":"# Espresso Lab"}\n\n',
    ),
    ...errorsFor({ extra: [404, 409] }),
  },
});

const list = signedInRoute({
  method: 'get',
  path: '/projects/{id}/drafts',
  tags,
  summary:
    "The project's document tasks (in plan order) and their drafts, every version (newest first per task); one task's with ?taskId=",
  request: { params: projectIdParams, query: z.object({ taskId: z.string().min(1).max(100).optional() }) },
  responses: jsonResponses(
    200,
    z.object({ documents: z.array(documentTaskSchema), drafts: z.array(draftSchema) }),
    'The document tasks and their drafts',
    [404],
  ),
});

const edit = signedInRoute({
  method: 'patch',
  path: '/projects/{id}/tasks/{taskId}/drafts/{version}',
  tags,
  summary:
    "Save an edit of a draft version as the task's next version (source `edited`, `basedOnVersion` the one edited)",
  request: {
    params: taskParams.extend({
      version: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
    }),
    body: jsonBody(z.object({ content: z.string().min(1).max(100_000) }).openapi('DraftEdit')),
  },
  responses: jsonResponses(200, z.object({ draft: draftSchema }), 'The new version holding the edit', [404, 409]),
});

const exportRoute = signedInRoute({
  method: 'get',
  path: '/projects/{id}/export',
  tags,
  summary: 'The whole project (plan with progress, decisions with history, latest drafts) as one Markdown document',
  request: { params: projectIdParams, query: z.object({ format: z.enum(['md']).default('md') }) },
  responses: {
    200: { description: 'The project in Markdown', content: { 'text/markdown': { schema: z.string() } } },
    ...errorsFor({ extra: [404] }),
  },
});

export function draftRoutes(deps: ServiceDeps) {
  return createRouter()
    .openapi(draft, async (c) => {
      const params = c.req.valid('param');
      const prepared = await prepareDraft(deps, {
        userId: currentUser(c).id,
        projectId: params.id,
        taskId: params.taskId,
      });
      return streamSSE(c, async (stream) => {
        let eventId = 0;
        const sink: DraftSink = {
          send: async (event, data) => {
            if (stream.aborted || stream.closed) return;
            eventId++;
            await stream.writeSSE({ event, id: String(eventId), data: JSON.stringify(data) });
          },
        };
        const upstream = new AbortController();
        stream.onAbort(() => upstream.abort(new Error('client disconnected')));
        const heartbeat = setInterval(() => {
          if (stream.aborted || stream.closed) return;
          void stream.write(': heartbeat\n\n').catch(() => upstream.abort());
          void prepared.renewLease().catch(() => {});
        }, deps.config.SSE_HEARTBEAT_MS);
        const streamEnded = trackStream(deps);
        try {
          await streamDraft(deps, prepared, sink, upstream.signal);
        } finally {
          clearInterval(heartbeat);
          streamEnded();
        }
      }) as never;
    })
    .openapi(list, async (c) =>
      c.json(
        await listProjectDrafts(deps, {
          userId: currentUser(c).id,
          projectId: c.req.valid('param').id,
          taskId: c.req.valid('query').taskId,
        }),
        200,
      ),
    )
    .openapi(edit, async (c) => {
      const params = c.req.valid('param');
      const edited = await editDraft(deps, {
        userId: currentUser(c).id,
        projectId: params.id,
        taskId: params.taskId,
        version: params.version,
        content: c.req.valid('json').content,
      });
      return c.json({ draft: edited }, 200);
    })
    .openapi(exportRoute, async (c) => {
      const markdown = await exportProjectMarkdown(deps, {
        userId: currentUser(c).id,
        projectId: c.req.valid('param').id,
      });
      return c.body(markdown, 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="project-${c.req.valid('param').id}.md"`,
      }) as never;
    });
}
