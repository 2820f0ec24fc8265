import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, requireUser } from '../../platform/auth/auth.middleware.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bearerSecurity, errorsFor, jsonBody, jsonContent } from '../../platform/http/openapi-helpers.js';
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
const auth = { security: bearerSecurity, middleware: requireUser };
const projectResponse = z.object({ project: projectSchema });

/** The project as answered: its view plus which tasks the coach can draft (the web app links them to their drafts). */
function answered(project: ProjectView) {
  const documentTaskIds = project.customizedPlan.phases.flatMap((p) => p.tasks.map((t) => t.id)).filter(isDocumentTask);
  return { project: { ...project, documentTaskIds } };
}

const opportunities = createRoute({
  method: 'get',
  path: '/opportunities',
  tags,
  summary: 'The monetization opportunities a project can start from',
  ...auth,
  responses: {
    200: jsonContent(z.object({ opportunities: z.array(opportunitySchema) }), 'The opportunities'),
    ...errorsFor({ auth: true }),
  },
});

const list = createRoute({
  method: 'get',
  path: '/projects',
  tags,
  summary: "The caller's projects, newest first, optionally of one status (to find a paused or abandoned one)",
  ...auth,
  request: { query: z.object({ status: projectStatusSchema.optional() }) },
  responses: {
    200: jsonContent(z.object({ projects: z.array(projectSummarySchema) }), 'The projects with their progress'),
    ...errorsFor({ auth: true }),
  },
});

const create = createRoute({
  method: 'post',
  path: '/projects',
  tags,
  summary: 'Start a project from an opportunity (one active project at a time)',
  ...auth,
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
  responses: {
    201: jsonContent(projectResponse, 'The project with its personalised plan; a welcome message is in its history'),
    ...errorsFor({ auth: true, extra: [404, 409] }),
  },
});

const active = createRoute({
  method: 'get',
  path: '/projects/active',
  tags,
  summary: 'The active project',
  ...auth,
  responses: { 200: jsonContent(projectResponse, 'The active project'), ...errorsFor({ auth: true, extra: [404] }) },
});

const get = createRoute({
  method: 'get',
  path: '/projects/{id}',
  tags,
  summary: 'A project: plan, task states, progress',
  ...auth,
  request: { params: projectIdParams },
  responses: { 200: jsonContent(projectResponse, 'The project'), ...errorsFor({ auth: true, extra: [404] }) },
});

const patch = createRoute({
  method: 'patch',
  path: '/projects/{id}',
  tags,
  summary: 'Change a project: status (soft delete is `abandoned`), title',
  ...auth,
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
  responses: {
    200: jsonContent(projectResponse, 'The updated project'),
    ...errorsFor({ auth: true, extra: [404, 409] }),
  },
});

const task = createRoute({
  method: 'patch',
  path: '/projects/{id}/tasks/{taskId}',
  tags,
  summary: 'Mark a task done or not done, with notes',
  ...auth,
  request: {
    params: taskParams,
    body: jsonBody(
      z.object({ completed: z.boolean(), notes: z.string().max(5000).optional() }).openapi('UpdateTaskRequest'),
    ),
  },
  responses: {
    200: jsonContent(
      z.object({ task: taskStateSchema.extend({ title: z.string() }), progress: progressSchema }),
      'The task and the recomputed progress',
    ),
    ...errorsFor({ auth: true, extra: [404] }),
  },
});

const decisions = createRoute({
  method: 'get',
  path: '/projects/{id}/decisions',
  tags,
  summary: 'Decisions detected in the chat (current ones; add ?include=superseded for the history)',
  ...auth,
  request: { params: projectIdParams, query: z.object({ include: z.enum(['superseded']).optional() }) },
  responses: {
    200: jsonContent(z.object({ decisions: z.array(decisionSchema) }), 'The decisions'),
    ...errorsFor({ auth: true, extra: [404] }),
  },
});

const history = createRoute({
  method: 'get',
  path: '/projects/{id}/messages',
  tags,
  summary: 'Chat history, newest first, keyset pagination',
  ...auth,
  request: {
    params: projectIdParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(30),
      cursor: z.string().max(500).optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ messages: z.array(messageSchema), nextCursor: z.string().nullable() }), 'One page'),
    ...errorsFor({ auth: true, extra: [404] }),
  },
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
