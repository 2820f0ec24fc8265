import { AiError } from '../../ai/errors.js';
import { costMicros } from '../../ai/pricing.js';
import { type AiUsage, emptyUsage } from '../../ai/provider.js';
import { streamWithRetry } from '../../ai/retry.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { findProfile } from '../profiles/profiles.service.js';
import { listDecisions, requireOwnedProject } from '../projects/projects.service.js';
import { decidedLaunchDay, decidedPrices } from '../templates/personalize.js';
import {
  claimStreamSlot,
  countTowardsDailyLimit,
  microsToUsd,
  recordAiUsage,
  uncountDailyMessage,
  utcDay,
} from '../usage/usage.service.js';
import * as repo from './drafts.repo.js';
import { type DocumentKind, type DraftFacts, templateDraft } from './templates.js';

/**
 * Tasks whose deliverable is a document the coach can draft, by task id of the premium-community template, and the
 * kind of document each one is.
 */
const draftableTasks: Record<string, DocumentKind> = {
  'write-sales-page': 'sales-page',
  'set-founding-member-price': 'pricing-table',
  'write-presale-email-sequence': 'email-sequence',
  'design-onboarding-flow': 'onboarding-message',
  'set-up-community-space': 'community-rules',
};

/** Whether the coach can draft this task's deliverable (the web app links such tasks to their drafts). */
export const isDocumentTask = (taskId: string): boolean => Object.hasOwn(draftableTasks, taskId);

export interface Draft {
  id: string;
  taskId: string;
  version: number;
  content: string;
  source: 'model' | 'template' | 'edited';
  status: 'streaming' | 'complete' | 'incomplete';
  model: string | null;
  /** The version this one is an edit of (null for a drafted version). */
  basedOnVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

function toDraft(row: repo.DraftRow): Draft {
  return {
    id: row.id,
    taskId: row.task_id,
    version: row.version,
    content: row.content,
    source: row.source,
    status: row.status,
    model: row.model,
    basedOnVersion: row.based_on_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type DraftEventName = 'start' | 'delta' | 'done' | 'error';
export interface DraftSink {
  send(event: DraftEventName, data: unknown): Promise<void>;
}

export interface PreparedDraft {
  userId: string;
  projectId: string;
  taskId: string;
  draftId: string;
  version: number;
  system: string;
  prompt: string;
  offlineReply: string;
  release(): Promise<void>;
  renewLease(): Promise<void>;
}

async function draftFacts(deps: ServiceDeps, project: Awaited<ReturnType<typeof requireOwnedProject>>, taskId: string) {
  const task = project.plan.phases.flatMap((p) => p.tasks).find((t) => t.id === taskId);
  if (!task) throw notFound(`Task "${taskId}" in this plan`);
  const kind = draftableTasks[taskId];
  if (!kind) {
    throw new AppError('validation_failed', `Invalid request: taskId: "${task.title}" does not deliver a document`, {
      details: {
        fields: [
          {
            field: 'taskId',
            message: `drafts exist for the tasks that deliver a document: ${Object.keys(draftableTasks).join(', ')}`,
          },
        ],
      },
    });
  }
  const [profile, decisions] = await Promise.all([
    findProfile(deps.db, project.userId),
    listDecisions(deps.db, project.id, { includeSuperseded: false }),
  ]);
  const p = project.plan.personalization;
  const { regular, founding } = decidedPrices(decisions);
  const decided: DraftFacts['decided'] = {};
  for (const d of decisions) decided[d.category] = d.summary;
  const facts: DraftFacts = {
    taskTitle: task.title,
    deliverable: task.deliverable,
    communityName: project.title,
    niche: profile?.niche ?? 'your topic',
    audienceDescription: profile?.audienceDescription,
    goal: profile?.goal,
    price: {
      min: p.suggestedPrice.min,
      max: p.suggestedPrice.max,
      founding: founding ?? p.suggestedPrice.foundingMemberPrice,
      currency: regular?.currency ?? p.suggestedPrice.currency,
      interval: p.suggestedPrice.interval,
      decided: regular ? { amount: regular.min, interval: regular.interval } : undefined,
    },
    decided,
    suggestedPlatform: p.suggestedPlatforms[0]?.platform,
    targetLaunchDate: decidedLaunchDay(decisions) ?? p.timeline.targetLaunchDate,
  };
  return { task, kind, facts };
}

function draftPrompt(facts: DraftFacts, kind: DocumentKind, task: { description: string; steps: string[] }) {
  const system = [
    `You are Pathwise's monetization coach, drafting a ${kind.replace('-', ' ')} for a creator's paid community "${facts.communityName}".`,
    'Write the finished document in Markdown, ready to paste, in the creator’s voice. Use only the facts below; put',
    'anything only the creator can know in [square brackets]. No preamble, no commentary after the document.',
    '',
    `- Niche: ${facts.niche}`,
    facts.audienceDescription ? `- Audience: ${facts.audienceDescription}` : '',
    facts.goal ? `- Creator's goal: ${facts.goal}` : '',
    `- Suggested price: ${facts.price.currency} ${facts.price.min}-${facts.price.max} per ${facts.price.interval}; founding members ${facts.price.founding}`,
    ...Object.entries(facts.decided).map(([category, summary]) => `- Decided (${category}): ${summary}`),
    facts.suggestedPlatform ? `- Suggested platform: ${facts.suggestedPlatform}` : '',
    `- Target launch: ${facts.targetLaunchDate}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
  const prompt = [
    `Draft the deliverable of the task "${facts.taskTitle}": ${facts.deliverable}`,
    task.description,
    'The task’s steps:',
    ...task.steps.map((s) => `- ${s}`),
  ].join('\n');
  return { system, prompt };
}

/**
 * Checks and counts before any byte streams (so refusals are JSON errors): ownership (404), a task that delivers a
 * document (422), open streams (429), the daily limit shared with chat (429); then stores the new version, streaming.
 */
export async function prepareDraft(
  deps: ServiceDeps,
  input: { userId: string; projectId: string; taskId: string },
): Promise<PreparedDraft> {
  const project = await requireOwnedProject(deps, input.userId, input.projectId);
  const { task, kind, facts } = await draftFacts(deps, project, input.taskId);
  const now = deps.clock.now();
  const leaseId = newId();
  const { release, renewLease } = await claimStreamSlot(deps, input.userId, leaseId);
  const day = utcDay(now);
  try {
    await countTowardsDailyLimit(deps, input.userId, now);
    const offline = deps.ai.name === 'offline';
    const draftId = newId();
    let version = 0;
    // Two drafts of one task at once race for the version number: the unique constraint decides, the loser retries.
    for (let attempt = 0; attempt < 3 && version === 0; attempt++) {
      const next = (await repo.latestVersion(deps.db, project.id, input.taskId)) + 1;
      const inserted = await repo.insertDraft(deps.db, {
        id: draftId,
        project_id: project.id,
        user_id: input.userId,
        task_id: input.taskId,
        version: next,
        content: '',
        source: offline ? 'template' : 'model',
        status: 'streaming',
        model: deps.ai.model,
        based_on_version: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      if (inserted) version = next;
    }
    if (version === 0) {
      await uncountDailyMessage(deps.db, input.userId, day);
      throw new AppError('conflict', 'Another draft of this task is being written; try again');
    }
    const { system, prompt } = draftPrompt(facts, kind, task);
    return {
      ...input,
      draftId,
      version,
      system,
      prompt,
      offlineReply: templateDraft(kind, facts),
      release,
      renewLease,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Streams the draft: `start`, `delta`s, then `done` with the stored draft, usage and cost, or `error`. On disconnect
 * or provider failure what arrived is kept as an incomplete version. The AI usage is always logged.
 */
export async function streamDraft(
  deps: ServiceDeps,
  draft: PreparedDraft,
  sink: DraftSink,
  signal: AbortSignal,
): Promise<void> {
  const started = Date.now();
  let text = '';
  let usage: AiUsage = emptyUsage();
  let model = deps.ai.model;
  let failure: AiError | undefined;
  try {
    await sink.send('start', {
      draftId: draft.draftId,
      taskId: draft.taskId,
      version: draft.version,
      provider: deps.ai.name,
      model: deps.ai.model,
      offline: deps.ai.name === 'offline',
    });
    for await (const event of streamWithRetry(deps.ai, {
      system: draft.system,
      messages: [{ role: 'user', content: draft.prompt }],
      signal,
      ...(deps.ai.name === 'offline' ? { offlineReply: draft.offlineReply } : {}),
    })) {
      if (event.type === 'text') {
        text += event.text;
        if (!signal.aborted) await sink.send('delta', { text: event.text });
      } else {
        usage = event.usage;
        model = event.model;
        if (event.type === 'error') failure = event.error;
      }
    }
  } catch (error) {
    failure = error instanceof AiError ? error : new AiError('ai_unavailable', 'the draft failed', { cause: error });
    if (!(error instanceof AiError)) deps.logger.error({ err: error, projectId: draft.projectId }, 'draft failed');
  }
  const cost = costMicros(usage, deps.ai.price);
  const aborted = signal.aborted || failure?.code === 'aborted';
  await repo.finishDraft(deps.db, draft.draftId, {
    content: text,
    status: failure || aborted ? 'incomplete' : 'complete',
    model,
    nowIso: deps.clock.now().toISOString(),
  });
  await recordAiUsage(deps, {
    userId: draft.userId,
    projectId: draft.projectId,
    messageId: null,
    provider: deps.ai.name,
    model,
    usage,
    costMicros: cost,
    status: aborted ? 'aborted' : failure ? 'failed' : 'complete',
    errorCode: failure?.code,
    durationMs: Date.now() - started,
  });
  await draft.release();
  if (aborted) return;
  if (failure) {
    await sink.send('error', {
      code: failure.code,
      message: 'The coach could not finish this draft; what arrived is saved as an incomplete version',
      partial: text.length > 0,
      draftId: draft.draftId,
    });
    return;
  }
  const stored = await repo.findDraftVersion(deps.db, draft.projectId, draft.taskId, draft.version);
  await sink.send('done', {
    draft: stored ? toDraft(stored) : null,
    model,
    usage,
    costMicros: cost,
    costUsd: microsToUsd(cost),
  });
}

/** A task whose deliverable is a document the coach can draft, where it sits in the plan. */
export interface DocumentTask {
  taskId: string;
  title: string;
  deliverable: string;
  phaseId: string;
  phaseTitle: string;
  kind: DocumentKind;
}

/** The plan's document tasks in plan order: the deliverables a creator can have drafted. */
function documentTasks(project: Awaited<ReturnType<typeof requireOwnedProject>>): DocumentTask[] {
  return project.plan.phases.flatMap((phase) =>
    phase.tasks.flatMap((task) => {
      const kind = draftableTasks[task.id];
      return kind
        ? [
            {
              taskId: task.id,
              title: task.title,
              deliverable: task.deliverable,
              phaseId: phase.id,
              phaseTitle: phase.title,
              kind,
            },
          ]
        : [];
    }),
  );
}

export async function listProjectDrafts(
  deps: ServiceDeps,
  input: { userId: string; projectId: string; taskId?: string | undefined },
): Promise<{ documents: DocumentTask[]; drafts: Draft[] }> {
  const project = await requireOwnedProject(deps, input.userId, input.projectId);
  const documents = documentTasks(project).filter((d) => !input.taskId || d.taskId === input.taskId);
  return { documents, drafts: (await repo.listDrafts(deps.db, project.id, input.taskId)).map(toDraft) };
}

/**
 * Saves the creator's edit of a version as the task's next version (source "edited", based on the version edited), so
 * the draft it started from stays one click away, as every earlier version does.
 */
export async function editDraft(
  deps: ServiceDeps,
  input: { userId: string; projectId: string; taskId: string; version: number; content: string },
): Promise<Draft> {
  const project = await requireOwnedProject(deps, input.userId, input.projectId);
  const row = await repo.findDraftVersion(deps.db, project.id, input.taskId, input.version);
  if (!row) throw notFound(`Draft version ${input.version} of task "${input.taskId}"`);
  if (row.status === 'streaming') throw new AppError('conflict', 'This draft is still being written');
  const nowIso = deps.clock.now().toISOString();
  // Two saves (or a save and a new draft) at once race for the version number: the unique constraint decides.
  for (let attempt = 0; attempt < 3; attempt++) {
    const edited: repo.DraftRow = {
      id: newId(),
      project_id: project.id,
      user_id: input.userId,
      task_id: input.taskId,
      version: (await repo.latestVersion(deps.db, project.id, input.taskId)) + 1,
      content: input.content,
      source: 'edited',
      status: 'complete',
      model: null,
      based_on_version: row.version,
      created_at: nowIso,
      updated_at: nowIso,
    };
    if (await repo.insertDraft(deps.db, edited)) return toDraft(edited);
  }
  throw new AppError('conflict', 'Another version of this draft was being saved; try again');
}
