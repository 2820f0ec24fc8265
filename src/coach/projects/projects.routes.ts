import { z } from '@hono/zod-openapi';
import { currentUser, signedInRoute } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { jsonBody, jsonResponses } from '../../platform/http/openapi-helpers.js';
import { createRouter } from '../../platform/http/router.js';
import { isDocumentTask } from '../drafts/drafts.service.js';
import {
  decisionSchema,
  messageSchema,
  opportunitySchema,
  progressSchema,
  projectIdParams,
  projectSchema,
  projectStatusSchema,
  projectSummarySchema,
  taskParams,
  taskStateSchema,
} from './projects.schemas.js';
import {
  createProject,
  getActiveProject,
  getDecisions,
  getMessages,
  getProject,
  listOpportunities,
  listProjects,
  type ProjectView,
  setTaskState,
  updateProject,
} from './projects.service.js';

const tags = ['Creator Coach: projects'];
const projectResponse = z.object({ project: projectSchema });
const messagesPage = z.object({ messages: z.array(messageSchema), nextCursor: z.string().nullable() });

/** The project as answered: its view plus which tasks the coach can draft (the web app links them to their drafts). */
function answered(project: ProjectView) {
  const documentTaskIds = project.customizedPlan.phases.flatMap((p) => p.tasks.map((t) => t.id)).filter(isDocumentTask);
  return { project: { ...project, documentTaskIds } };
}

const opportunities = signedInRoute({
  method: 'get',
  path: '/opportunities',
  tags,
  summary: 'The monetization opportunities a project can start from',
  responses: jsonResponses(200, z.object({ opportunities: z.array(opportunitySchema) }), 'The opportunities'),
});

const list = signedInRoute({
  method: 'get',
  path: '/projects',
  tags,
  summary: "The caller's projects, newest first, optionally of one status (to find a paused or abandoned one)",
  request: { query: z.object({ status: projectStatusSchema.optional() }) },
  responses: jsonResponses(
    200,
    z.object({ projects: z.array(projectSummarySchema) }),
    'The projects with their progress',
  ),
});

const create = signedInRoute({
  method: 'post',
  path: '/projects',
  tags,
  summary: 'Start a project from an opportunity (one active project at a time)',
  request: {
    body: jsonBody(
      z
        .object({
          opportunityId: z.string().min(1).max(100).openapi({ example: 'premium-community' }),
          title: z.string().trim().min(1).max(200).optional(),
        })
        .openapi('CreateProjectRequest'),
    ),
  },
  responses: jsonResponses(
    201,
    projectResponse,
    'The project with its personalised plan; a welcome message is in its history',
    [404, 409],
  ),
});

const active = signedInRoute({
  method: 'get',
  path: '/projects/active',
  tags,
  summary: 'The active project',
  responses: jsonResponses(200, projectResponse, 'The active project', [404]),
});

const get = signedInRoute({
  method: 'get',
  path: '/projects/{id}',
  tags,
  summary: 'A project: plan, task states, progress',
  request: { params: projectIdParams },
  responses: jsonResponses(200, projectResponse, 'The project', [404]),
});

const patch = signedInRoute({
  method: 'patch',
  path: '/projects/{id}',
  tags,
  summary: 'Change a project: status (soft delete is `abandoned`), title',
  request: {
    params: projectIdParams,
    body: jsonBody(
      z
        .object({
          status: z.enum(['active', 'paused', 'completed', 'abandoned']).optional(),
          title: z.string().trim().min(1).max(200).optional(),
        })
        .refine((v) => v.status !== undefined || v.title !== undefined, {
          message: 'send status or title',
          path: ['status'],
        })
        .openapi('UpdateProjectRequest'),
    ),
  },
  responses: jsonResponses(200, projectResponse, 'The updated project', [404, 409]),
});

const task = signedInRoute({
  method: 'patch',
  path: '/projects/{id}/tasks/{taskId}',
  tags,
  summary: 'Mark a task done or not done, with notes',
  request: {
    params: taskParams,
    body: jsonBody(
      z.object({ completed: z.boolean(), notes: z.string().max(5000).optional() }).openapi('UpdateTaskRequest'),
    ),
  },
  responses: jsonResponses(
    200,
    z.object({ task: taskStateSchema.extend({ title: z.string() }), progress: progressSchema }),
    'The task and the recomputed progress',
    [404],
  ),
});

const decisions = signedInRoute({
  method: 'get',
  path: '/projects/{id}/decisions',
  tags,
  summary: 'Decisions detected in the chat (current ones; add ?include=superseded for the history)',
  request: { params: projectIdParams, query: z.object({ include: z.enum(['superseded']).optional() }) },
  responses: jsonResponses(200, z.object({ decisions: z.array(decisionSchema) }), 'The decisions', [404]),
});

const history = signedInRoute({
  method: 'get',
  path: '/projects/{id}/messages',
  tags,
  summary: 'Chat history, newest first, keyset pagination',
  request: {
    params: projectIdParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(30),
      cursor: z.string().max(500).optional(),
    }),
  },
  responses: jsonResponses(200, messagesPage, 'One page', [404]),
});

export function projectRoutes(deps: ServiceDeps) {
  return createRouter()
    .openapi(opportunities, async (c) =>
      c.json({ opportunities: await listOpportunities(deps, currentUser(c).id) }, 200),
    )
    .openapi(list, async (c) =>
      c.json({ projects: await listProjects(deps, { userId: currentUser(c).id, ...c.req.valid('query') }) }, 200),
    )
    .openapi(create, async (c) =>
      c.json(answered(await createProject(deps, { userId: currentUser(c).id, ...c.req.valid('json') })), 201),
    )
    .openapi(active, async (c) => c.json(answered(await getActiveProject(deps, currentUser(c).id)), 200))
    .openapi(get, async (c) =>
      c.json(answered(await getProject(deps, currentUser(c).id, c.req.valid('param').id)), 200),
    )
    .openapi(patch, async (c) =>
      c.json(
        answered(
          await updateProject(deps, {
            userId: currentUser(c).id,
            projectId: c.req.valid('param').id,
            ...c.req.valid('json'),
          }),
        ),
        200,
      ),
    )
    .openapi(task, async (c) => {
      const { id, taskId } = c.req.valid('param');
      return c.json(
        await setTaskState(deps, { userId: currentUser(c).id, projectId: id, taskId, ...c.req.valid('json') }),
        200,
      );
    })
    .openapi(decisions, async (c) =>
      c.json(
        {
          decisions: await getDecisions(deps, {
            userId: currentUser(c).id,
            projectId: c.req.valid('param').id,
            includeSuperseded: c.req.valid('query').include === 'superseded',
          }),
        },
        200,
      ),
    )
    .openapi(history, async (c) =>
      c.json(
        await getMessages(deps, {
          userId: currentUser(c).id,
          projectId: c.req.valid('param').id,
          ...c.req.valid('query'),
        }),
        200,
      ),
    );
}
