import { affectedRows, firstRow } from '../../db/atomic.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { DecisionCategory, ProjectStatus } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { decodeCursor, encodeCursor, idCursor } from '../../platform/http/cursor.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId, newSortableId } from '../../platform/ids.js';
import { insertMessageIfProjectQuery, messagePage } from '../chat/chat.service.js';
import { buildSystemPrompt } from '../chat/system-prompt.js';
import {
  type DetectedDecision,
  detectCompletedTasks,
  detectDecisions,
  detectDecisionsWithModel,
  planSupersession,
  suggestNextSteps,
} from '../detector/index.js';
import type { EconomicsAssumptions, EconomicsProjection } from '../economics.js';
import { welcomeMessage } from '../offline/coach.js';
import type { CoachContext, TurnNews } from '../offline/context.js';
import type { Profile } from '../profiles/profiles.schemas.js';
import { findProfile } from '../profiles/profiles.service.js';
import {
  decidedPrices,
  economicsAssumptionsOf,
  expectedEconomics,
  type ProjectOutlook,
  personalizePlan,
  projectOutlook,
} from '../templates/personalize.js';
import { recordAiUsage } from '../usage/usage.service.js';
import { type DecisionRecord, listDecisions, recordDecisionsStatements } from './decisions.repo.js';
import { computeProgress, type Progress } from './progress.js';
import * as repo from './projects.repo.js';
import { listTaskStates, type TaskState, upsertTaskState } from './tasks.repo.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export { type DecisionRecord, listDecisions } from './decisions.repo.js';
export type { ProjectRecord } from './projects.repo.js';
export { listTaskStates } from './tasks.repo.js';

export interface OpportunitySummary {
  id: string;
  title: string;
  category: string;
  summary: string;
  revenueRange: { min: number; max: number; currency: string; period: string };
  timeline: { minWeeks: number; maxWeeks: number; summary: string };
  conversion: EconomicsAssumptions['conversion'];
  forYou: Omit<EconomicsProjection, 'channels'> | null;
}

export async function listOpportunities(deps: ServiceDeps, userId: string): Promise<OpportunitySummary[]> {
  const profile = await findProfile(deps.db, userId);
  return [...deps.templates.values()].map((template) => {
    const { opportunity: o } = template;
    let forYou: OpportunitySummary['forYou'] = null;
    if (profile) {
      const { channels: _channels, ...projection } = expectedEconomics(template, profile);
      forYou = projection;
    }
    return {
      id: o.id,
      title: o.title,
      category: o.category,
      summary: o.summary,
      revenueRange: {
        min: o.revenueRange.min,
        max: o.revenueRange.max,
        currency: o.revenueRange.currency,
        period: o.revenueRange.period,
      },
      timeline: {
        minWeeks: o.timeline.typicalWeeks.min,
        maxWeeks: o.timeline.typicalWeeks.max,
        summary: o.timeline.summary,
      },
      conversion: o.economics.conversion,
      forYou,
    };
  });
}

export async function requireOwnedProject(
  deps: ServiceDeps,
  userId: string,
  projectId: string,
): Promise<repo.ProjectRecord> {
  const project = await repo.findOwnedProject(deps.db, userId, projectId);
  if (!project) throw notFound('Project');
  return project;
}

function allTasks(project: repo.ProjectRecord) {
  return project.plan.phases.flatMap((phase) =>
    phase.tasks.map((task) => ({ ...task, phaseId: phase.id, phaseTitle: phase.title })),
  );
}

export async function projectProgress(deps: ServiceDeps, project: repo.ProjectRecord): Promise<Progress> {
  const [states, decisions] = await Promise.all([
    listTaskStates(deps.db, project.id),
    listDecisions(deps.db, project.id, { includeSuperseded: false }),
  ]);
  return computeProgress(
    project.plan,
    states.filter((s) => s.completed).map((s) => s.taskId),
    decisions,
  );
}

export interface ProjectView {
  id: string;
  opportunityId: string;
  title: string;
  status: ProjectStatus;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  customizedPlan: repo.ProjectRecord['plan'];
  taskStates: TaskState[];
  progress: Progress;
  outlook: ProjectOutlook;
}

async function viewOf(deps: ServiceDeps, project: repo.ProjectRecord): Promise<ProjectView> {
  const { taskStates, progress, outlook } = await projectState(deps, project);
  return { ...summaryOf(project), customizedPlan: project.plan, taskStates, progress, outlook };
}

/**
 * A project as it stands, each row read once: task states, decisions (current first, then all, superseded too), the
 * creator's profile, and what follows from them, progress and the outlook (projectOutlook).
 */
export async function projectState(deps: ServiceDeps, project: repo.ProjectRecord) {
  const [taskStates, allDecisions, profile] = await Promise.all([
    listTaskStates(deps.db, project.id),
    listDecisions(deps.db, project.id, { includeSuperseded: true }),
    findProfile(deps.db, project.userId),
  ]);
  const decisions = allDecisions.filter((d) => d.status === 'current');
  const progress = computeProgress(
    project.plan,
    taskStates.filter((s) => s.completed).map((s) => s.taskId),
    decisions,
  );
  const outlook: ProjectOutlook = projectOutlook(project.plan, profile?.platforms ?? [], decisions);
  return { taskStates, decisions, allDecisions, profile, progress, outlook };
}

function summaryOf(project: repo.ProjectRecord) {
  const { id, opportunityId, title, status, createdAt, updatedAt, completedAt } = project;
  return { id, opportunityId, title, status, createdAt, updatedAt, completedAt };
}

function coachContext(
  project: repo.ProjectRecord,
  profile: Profile | undefined,
  progress: Progress,
  decisions: Array<Pick<DecisionRecord, 'category' | 'summary' | 'value'>>,
): CoachContext {
  const next = progress.nextTask ? allTasks(project).find((t) => t.id === progress.nextTask?.id) : undefined;
  const price = project.plan.personalization.suggestedPrice;
  const decided = decidedPrices(decisions).regular;
  return {
    creator: {
      ...(profile ? { niche: profile.niche, goal: profile.goal, hoursPerWeek: profile.hoursPerWeek } : {}),
      platforms: profile?.platforms ?? [],
    },
    economics: economicsAssumptionsOf(project.plan),
    opportunity: { id: project.opportunityId, title: project.plan.opportunity.title },
    progress: {
      overallPercent: progress.overallPercent,
      completedTasks: progress.completedTasks,
      totalTasks: progress.totalTasks,
      ...(next ? { currentPhaseTitle: next.phaseTitle } : {}),
    },
    ...(next
      ? {
          nextTask: {
            id: next.id,
            title: next.title,
            description: next.description,
            steps: next.steps,
            whyItMatters: next.whyItMatters,
            timeEstimate: `${next.timeEstimate.minHours}-${next.timeEstimate.maxHours} hours`,
            deliverable: next.deliverable,
          },
        }
      : {}),
    proTips: project.plan.proTips,
    pitfalls: project.plan.commonPitfalls.map((p) => `${p.pitfall} ${p.fix}`),
    decisions: decisions.map((d) => ({ category: d.category, summary: d.summary })),
    suggestedPrice: { min: price.min, max: price.max, currency: price.currency, interval: price.interval },
    foundingPrice: price.foundingMemberPrice,
    ...(decided ? { decidedPrice: decided } : {}),
  };
}

/**
 * What the model needs for one turn: the system prompt (profile, plan, progress, decisions) and the offline context,
 * both as they stand after this turn's detections, which they also name so the coach acknowledges them first.
 */
export async function buildCoachTurnContext(
  deps: ServiceDeps,
  project: repo.ProjectRecord,
  detected?: Pick<DetectionResult, 'decisions' | 'tasks'>,
) {
  const { taskStates, decisions, allDecisions, profile, progress } = await projectState(deps, project);
  const completedTaskIds = new Set(taskStates.filter((s) => s.completed).map((s) => s.taskId));
  const thisTurn: TurnNews = {
    decisions: (detected?.decisions ?? []).map((d) => {
      const replaced = d.supersedes ? allDecisions.find((x) => x.id === d.supersedes) : undefined;
      return { category: d.category, summary: d.summary, ...(replaced ? { replaces: replaced.summary } : {}) };
    }),
    tasks: (detected?.tasks ?? []).map((t) => ({ title: t.title })),
  };
  return {
    system: buildSystemPrompt({ project, profile, progress, decisions, completedTaskIds, thisTurn }),
    coachContext: { ...coachContext(project, profile, progress, decisions), thisTurn },
  };
}

export async function createProject(
  deps: ServiceDeps,
  input: { userId: string; opportunityId: string; title?: string | undefined },
): Promise<ProjectView> {
  const template = deps.templates.get(input.opportunityId);
  if (!template) throw notFound(`Opportunity "${input.opportunityId}"`);
  const profile = await findProfile(deps.db, input.userId);
  if (!profile) {
    throw new AppError('validation_failed', 'Create your creator profile first (POST /api/v1/monetization/profile)', {
      details: { fields: [{ field: 'profile', message: 'a creator profile is required to personalise the plan' }] },
    });
  }
  const now = deps.clock.now();
  const plan = personalizePlan(template, profile, now);
  const id = newId();
  const nowIso = now.toISOString();
  const planned: repo.ProjectRecord = {
    id,
    userId: input.userId,
    opportunityId: template.opportunity.id,
    title: input.title ?? template.opportunity.title,
    status: 'active',
    plan,
    createdAt: nowIso,
    updatedAt: nowIso,
    completedAt: null,
  };
  // One atomic list: the project (unless the user has an active one), then its welcome message only if that project
  // row exists. The welcome is written from the record as it will be stored.
  const [project] = await deps.atomic([
    repo.insertActiveProjectQuery(deps.db, { ...planned, nowIso }),
    insertMessageIfProjectQuery(deps.db, {
      id: newSortableId(now),
      project_id: id,
      user_id: input.userId,
      role: 'assistant',
      content: welcomeMessage(coachContext(planned, profile, computeProgress(plan, []), []), {
        offline: deps.ai.name === 'offline',
      }),
      status: 'complete',
      client_message_id: null,
      reply_to_id: null,
      input_tokens: 0,
      output_tokens: 0,
      created_at: nowIso,
      updated_at: nowIso,
    }),
  ]);
  if (affectedRows(project) !== 1) {
    throw new AppError('conflict', 'You already have an active project; pause, complete or abandon it first');
  }
  return viewOf(deps, (await repo.findOwnedProject(deps.db, input.userId, id))!);
}

export async function getActiveProject(deps: ServiceDeps, userId: string): Promise<ProjectView> {
  const project = await repo.findActiveProject(deps.db, userId);
  if (!project) throw notFound('Active project');
  return viewOf(deps, project);
}

export interface ProjectSummary {
  id: string;
  opportunityId: string;
  title: string;
  status: ProjectStatus;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  progress: Pick<Progress, 'overallPercent' | 'completedTasks' | 'totalTasks'>;
}

/** The caller's projects (newest first), so a paused or abandoned one can be found and reactivated. */
export async function listProjects(
  deps: ServiceDeps,
  input: { userId: string; status?: ProjectStatus | undefined },
): Promise<ProjectSummary[]> {
  const projects = await repo.listOwnedProjects(deps.db, input.userId, input.status);
  return Promise.all(
    projects.map(async (project) => {
      const { overallPercent, completedTasks, totalTasks } = await projectProgress(deps, project);
      return { ...summaryOf(project), progress: { overallPercent, completedTasks, totalTasks } };
    }),
  );
}

export async function getProject(deps: ServiceDeps, userId: string, projectId: string): Promise<ProjectView> {
  return viewOf(deps, await requireOwnedProject(deps, userId, projectId));
}

export async function updateProject(
  deps: ServiceDeps,
  input: { userId: string; projectId: string; status?: ProjectStatus | undefined; title?: string | undefined },
): Promise<ProjectView> {
  await requireOwnedProject(deps, input.userId, input.projectId);
  let updated: boolean;
  try {
    updated = await repo.updateProject(deps.db, input.userId, input.projectId, {
      status: input.status,
      title: input.title,
      nowIso: deps.clock.now().toISOString(),
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('conflict', 'Another project is active; pause or finish it before reactivating this one');
    throw error;
  }
  // Abandoning is the soft delete the app tells the creator cannot be undone: a new project starts afresh instead.
  if (!updated) {
    throw new AppError('conflict', 'An abandoned project cannot be resumed; start a new project from the template', {
      details: { reason: 'abandoned' },
    });
  }
  return getProject(deps, input.userId, input.projectId);
}

export async function setTaskState(
  deps: ServiceDeps,
  input: { userId: string; projectId: string; taskId: string; completed: boolean; notes?: string | undefined },
): Promise<{ task: TaskState & { title: string }; progress: Progress }> {
  const project = await requireOwnedProject(deps, input.userId, input.projectId);
  const task = allTasks(project).find((t) => t.id === input.taskId);
  if (!task) throw notFound(`Task "${input.taskId}" in this plan`);
  await upsertTaskState(deps.db, { ...input, source: 'manual', nowIso: deps.clock.now().toISOString() });
  const state = (await listTaskStates(deps.db, project.id)).find((s) => s.taskId === input.taskId)!;
  return { task: { ...state, title: task.title }, progress: await projectProgress(deps, project) };
}

export async function getDecisions(
  deps: ServiceDeps,
  input: { userId: string; projectId: string; includeSuperseded: boolean },
): Promise<DecisionRecord[]> {
  const project = await requireOwnedProject(deps, input.userId, input.projectId);
  return listDecisions(deps.db, project.id, { includeSuperseded: input.includeSuperseded });
}

export async function getMessages(
  deps: ServiceDeps,
  input: { userId: string; projectId: string; limit: number; cursor?: string | undefined },
) {
  const project = await requireOwnedProject(deps, input.userId, input.projectId);
  const beforeId = input.cursor ? decodeCursor(input.cursor, idCursor).id : undefined;
  const rows = await messagePage(deps.db, project.id, { limit: input.limit + 1, beforeId });
  const page = rows.slice(0, input.limit);
  return {
    messages: page.map((m) => ({
      id: m.id,
      role: m.role,
      content: m.content,
      status: m.status,
      clientMessageId: m.client_message_id,
      replyToId: m.reply_to_id,
      inputTokens: m.input_tokens,
      outputTokens: m.output_tokens,
      createdAt: m.created_at,
    })),
    nextCursor: rows.length > input.limit && page.length > 0 ? encodeCursor({ id: page.at(-1)!.id }) : null,
  };
}

export interface DetectionResult {
  decisions: Array<Omit<DecisionRecord, 'status' | 'supersededById' | 'supersededAt'> & { supersedes: string | null }>;
  tasks: Array<{ taskId: string; title: string; confidence: string }>;
  nextSteps: Array<{ taskId: string; title: string; why: string }>;
}

/**
 * The decisions of a chat message: the rules, or, with MONETIZATION_MODEL_DETECTION and a model configured, the
 * model's reading (its call logged with its cost, the rules used whenever its answer cannot be).
 */
async function detectTurnDecisions(
  deps: ServiceDeps,
  input: { project: repo.ProjectRecord; userId: string; messageId: string; message: string },
  now: Date,
): Promise<DetectedDecision[]> {
  if (!deps.config.MONETIZATION_MODEL_DETECTION || deps.ai.name === 'offline')
    return detectDecisions(input.message, now);
  const result = await detectDecisionsWithModel(deps.ai, input.message, { now });
  if (result.call) {
    await recordAiUsage(deps, {
      userId: input.userId,
      projectId: input.project.id,
      messageId: input.messageId,
      ...result.call,
    });
  }
  if (result.fallback) {
    deps.logger.warn(
      { projectId: input.project.id, fallback: result.fallback },
      'the model could not read the decisions: the rules read them',
    );
  }
  return result.decisions;
}

/**
 * Stores what the user's message decided (superseding the category's current decision) and the tasks it says are
 * finished (only confident matches), and suggests what comes next.
 */
export async function applyDetections(
  deps: ServiceDeps,
  input: { project: repo.ProjectRecord; userId: string; messageId: string; message: string },
): Promise<DetectionResult> {
  const { project } = input;
  const now = deps.clock.now();
  const detected = await detectTurnDecisions(deps, input, now);
  const current = await listDecisions(deps.db, project.id, { includeSuperseded: false });
  const plan = planSupersession(current, detected);
  const records = plan.map((item) => ({
    id: newId(),
    projectId: project.id,
    userId: input.userId,
    category: item.decision.category as DecisionCategory,
    value: item.decision.value,
    summary: item.decision.summary,
    confidence: item.decision.confidence,
    rationale: item.decision.rationale ?? null,
    sourceMessageId: input.messageId,
    createdAt: now.toISOString(),
  }));
  const decisions: DetectionResult['decisions'] = [];
  if (records.length > 0) {
    // What is superseded is whatever is current when the list runs (a concurrent turn may have replaced what we read).
    const { statements, supersedeResultAt } = recordDecisionsStatements(deps.db, project.id, records);
    const results = await deps.atomic(statements);
    records.forEach(({ projectId: _p, userId: _u, ...publicRecord }, i) => {
      const superseded = firstRow<{ id: string }>(results[supersedeResultAt[i]!]);
      decisions.push({ ...publicRecord, supersedes: superseded?.id ?? null });
    });
  }

  const tasks = allTasks(project);
  const states = await listTaskStates(deps.db, project.id);
  const done = new Set(states.filter((s) => s.completed).map((s) => s.taskId));
  const finished: DetectionResult['tasks'] = [];
  for (const hit of detectCompletedTasks(input.message, tasks)) {
    if (!hit.confident || done.has(hit.taskId)) continue;
    await upsertTaskState(deps.db, {
      projectId: project.id,
      userId: input.userId,
      taskId: hit.taskId,
      completed: true,
      source: 'detected',
      sourceMessageId: input.messageId,
      nowIso: now.toISOString(),
    });
    done.add(hit.taskId);
    finished.push({
      taskId: hit.taskId,
      title: tasks.find((t) => t.id === hit.taskId)?.title ?? hit.taskId,
      confidence: hit.confidence,
    });
  }
  return { decisions, tasks: finished, nextSteps: suggestNextSteps(project.plan, [...done]) };
}
