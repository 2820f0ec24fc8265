import type { ServiceDeps } from '../../platform/deps.js';
import { formatCount } from '../money.js';
import { projectState, requireOwnedProject } from '../projects/projects.service.js';
import { listDrafts } from './drafts.repo.js';

/** The whole project as one Markdown document: plan with progress, decisions with history, the latest drafts. */
export async function exportProjectMarkdown(
  deps: ServiceDeps,
  input: { userId: string; projectId: string },
): Promise<string> {
  const project = await requireOwnedProject(deps, input.userId, input.projectId);
  const [{ progress, taskStates: states, allDecisions: decisions, outlook }, drafts] = await Promise.all([
    projectState(deps, project),
    listDrafts(deps.db, project.id),
  ]);
  const plan = project.plan;
  const state = new Map(states.map((s) => [s.taskId, s]));
  const lines: string[] = [
    `# ${project.title}`,
    '',
    `${plan.opportunity.title} · status: ${project.status} · ${progress.overallPercent}% done (${progress.completedTasks} of ${progress.totalTasks} tasks) · exported ${deps.clock.now().toISOString().slice(0, 10)}`,
  ];
  const { economics } = outlook;
  if (economics) {
    const basis = outlook.priceBasis === 'decided' ? 'the price you decided' : 'the suggested price';
    lines.push('', '## What to expect', '');
    lines.push(
      `${formatCount(economics.members.min)}–${formatCount(economics.members.max)} members at ${basis}, for the audience in your profile:`,
    );
    for (const a of economics.assumptions) lines.push(`- ${a}`);
  }
  lines.push(
    '',
    `Launch: ${outlook.targetLaunchDate}${outlook.launchBasis === 'decided' ? ' (your decision)' : " (the plan's target)"}.`,
  );
  lines.push('', '## Plan');
  for (const phase of plan.phases) {
    const p = progress.phases.find((x) => x.id === phase.id);
    lines.push('', `### ${phase.title} (${p?.percent ?? 0}%)`, '');
    for (const task of phase.tasks) {
      const s = state.get(task.id);
      const done = s?.completed ? `x` : ' ';
      const when = s?.completed && s.completedAt ? ` (done ${s.completedAt.slice(0, 10)})` : '';
      lines.push(`- [${done}] ${task.title}${when}${s?.notes ? `: ${s.notes}` : ''}`);
    }
  }
  lines.push('', '## Decisions', '');
  const current = decisions.filter((d) => d.status === 'current');
  if (current.length === 0) lines.push('None yet.');
  for (const d of current) {
    lines.push(
      `- **${d.category}**: ${d.summary} (${d.createdAt.slice(0, 10)})${d.rationale ? `, because ${d.rationale}` : ''}`,
    );
  }
  const history = decisions.filter((d) => d.status === 'superseded');
  if (history.length > 0) {
    lines.push('', '### Earlier decisions', '');
    for (const d of history)
      lines.push(
        `- ~~${d.category}: ${d.summary}~~ (${d.createdAt.slice(0, 10)}, replaced ${d.supersededAt?.slice(0, 10) ?? ''})`,
      );
  }
  lines.push('', '## Drafts');
  const latest = new Map<string, (typeof drafts)[number]>();
  for (const d of drafts) if (d.status !== 'streaming' && !latest.has(d.task_id)) latest.set(d.task_id, d);
  if (latest.size === 0) lines.push('', 'None yet.');
  const titles = new Map(plan.phases.flatMap((p) => p.tasks).map((t) => [t.id, t.title]));
  for (const [taskId, d] of latest) {
    lines.push('', `### ${titles.get(taskId) ?? taskId} (version ${d.version}, ${d.source})`, '', d.content.trim());
  }
  return `${lines.join('\n')}\n`;
}
