/**
 * Progress of a plan (a customized plan or a template: anything with phases of tasks), computed from the ids of the
 * completed tasks. Pure; the project service reads the completions from the database and passes them in.
 */

export interface PlanLike {
  phases: ReadonlyArray<{ id: string; title: string; tasks: ReadonlyArray<{ id: string; title: string }> }>;
  decisionPoints?: ReadonlyArray<{ id: string; category: string; question: string; taskIds: readonly string[] }>;
}

/** A stored decision as far as progress cares; superseded ones are ignored. */
export interface DecisionLike {
  category: string;
  value: unknown;
  confidence: 'high' | 'medium' | 'low';
  status?: 'current' | 'superseded';
  summary?: string;
  createdAt?: string;
}

export interface PhaseProgress {
  id: string;
  title: string;
  percent: number;
  completedTasks: number;
  totalTasks: number;
}

export interface Progress {
  overallPercent: number;
  completedTasks: number;
  totalTasks: number;
  phases: PhaseProgress[];
  /** The first unfinished task in plan order (phase by phase, task by task); null when all are done. */
  nextTask: { id: string; title: string; phaseId: string } | null;
  /** The current decision per category (only when decisions were given). */
  currentDecisions: DecisionLike[];
  /** Decision points of the plan that no current decision answers yet (only when decisions were given). */
  openDecisionPoints: Array<{ id: string; category: string; question: string }>;
}

/**
 * Percent rounding: floor of (completed x 100 / total). Flooring means 100% appears only when every task is done
 * and any progress shows as soon as it reaches a whole percent (1 of 22 = 4%); 0 tasks count as 0%.
 */
export function percentOf(completed: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((completed * 100) / total);
}

/**
 * Completed ids that are not in the plan (a task removed from a later template version, a typo) are ignored, so
 * the counts never exceed the plan. With `decisions`, also the current decision per category (the latest
 * non-superseded one) and the plan's decision points still open.
 */
export function computeProgress(
  plan: PlanLike,
  completedTaskIds: ReadonlySet<string> | readonly string[],
  decisions?: readonly DecisionLike[],
): Progress {
  const done = new Set(completedTaskIds);
  let completed = 0;
  let total = 0;
  let nextTask: Progress['nextTask'] = null;
  const phases: PhaseProgress[] = plan.phases.map((phase) => {
    let phaseDone = 0;
    for (const task of phase.tasks) {
      if (done.has(task.id)) phaseDone++;
      else if (!nextTask) nextTask = { id: task.id, title: task.title, phaseId: phase.id };
    }
    completed += phaseDone;
    total += phase.tasks.length;
    return {
      id: phase.id,
      title: phase.title,
      percent: percentOf(phaseDone, phase.tasks.length),
      completedTasks: phaseDone,
      totalTasks: phase.tasks.length,
    };
  });

  const current = new Map<string, DecisionLike>();
  for (const d of decisions ?? []) {
    if (d.status === 'superseded') continue;
    const seen = current.get(d.category);
    // Later wins; without timestamps the later one in the list wins.
    if (!seen || (seen.createdAt ?? '') <= (d.createdAt ?? '')) current.set(d.category, d);
  }
  const openDecisionPoints =
    decisions === undefined
      ? []
      : (plan.decisionPoints ?? [])
          .filter((p) => !current.has(p.category))
          .map((p) => ({ id: p.id, category: p.category, question: p.question }));

  return {
    overallPercent: percentOf(completed, total),
    completedTasks: completed,
    totalTasks: total,
    phases,
    nextTask,
    currentDecisions: [...current.values()],
    openDecisionPoints,
  };
}
