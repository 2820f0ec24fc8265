export interface NextStepPlan {
  phases: ReadonlyArray<{
    id: string;
    title: string;
    tasks: ReadonlyArray<{ id: string; title: string; whyItMatters?: string; description?: string }>;
  }>;
}

export interface NextStep {
  taskId: string;
  title: string;
  phaseId: string;
  /** One line: why this task matters now. */
  why: string;
}

/** The first sentence of a text, at most `max` characters (cut at a word). */
function oneLine(text: string, max = 160): string {
  const first = /^.+?[.!?](?=\s|$)/.exec(text.trim())?.[0] ?? text.trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:]$/, '')}…`;
}

/**
 * Up to `limit` (3) unfinished tasks in plan order: the plan is ordered so that earlier tasks unblock later ones,
 * so the first unfinished tasks are the ones to do next, even when the creator skipped ahead. `why` is the first
 * sentence of the task's "why it matters" (or its description).
 */
export function suggestNextSteps(
  plan: NextStepPlan,
  completedTaskIds: ReadonlySet<string> | readonly string[],
  limit = 3,
): NextStep[] {
  const done = new Set(completedTaskIds);
  const steps: NextStep[] = [];
  for (const phase of plan.phases) {
    for (const task of phase.tasks) {
      if (steps.length >= limit) return steps;
      if (done.has(task.id)) continue;
      steps.push({
        taskId: task.id,
        title: task.title,
        phaseId: phase.id,
        why: oneLine(task.whyItMatters ?? task.description ?? task.title),
      });
    }
  }
  return steps;
}
