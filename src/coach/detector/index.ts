/**
 * The action detector: reads a creator's chat message and finds the decisions they made and the plan tasks they
 * finished. Pure functions, no database: the project service stores what `planSupersession` says to store.
 */
import type { DetectedDecision, DetectOptions } from './decisions.js';
import { detectDecisions } from './decisions.js';
import type { NextStep, NextStepPlan } from './next-steps.js';
import { suggestNextSteps } from './next-steps.js';
import type { DetectedTaskCompletion } from './tasks.js';
import { detectCompletedTasks } from './tasks.js';

export { communityPlatforms } from '../platforms.js';
export type { CadenceItem, ContentValue } from './cadence.js';
export { extractCadence } from './cadence.js';
export type { Commitment, CommitmentKind, Confidence } from './commitment.js';
export { assessCommitment, confidenceRank, extractRationale, isQuestion } from './commitment.js';
export type { FoundDate } from './dates.js';
export { findDates } from './dates.js';
export type { DecisionCategory, DecisionValue, DetectedDecision, DetectOptions, TimelineValue } from './decisions.js';
export { decisionCategories, detectDecisions, extractTimeline, summarizeDecision } from './decisions.js';
export type { ModelDetectionResult } from './model-detection.js';
export { detectDecisionsWithModel, detectedDecisionSchema } from './model-detection.js';
export type { NextStep, NextStepPlan } from './next-steps.js';
export { suggestNextSteps } from './next-steps.js';
export { extractPlatform } from './platforms.js';
export type { PriceInterval, PriceValue, PricingValue } from './pricing.js';
export { extractPricing, formatPrice } from './pricing.js';
export type { StructureValue } from './structure.js';
export { extractStructure } from './structure.js';
export type { CurrentDecision, NewDecision, SupersedeItem, SupersedePlan } from './supersede.js';
export { explainSupersession, planSupersession, sameDecisionValue } from './supersede.js';
export type { DetectedTaskCompletion, TaskForDetection } from './tasks.js';
export { detectCompletedTasks } from './tasks.js';

export interface MessageAnalysis {
  decisions: DetectedDecision[];
  /** Every task match; only `confident` ones should mark a task done. */
  tasks: DetectedTaskCompletion[];
  /** Next steps once the confident completions are counted. */
  nextSteps: NextStep[];
}

/**
 * Everything the detector reads from one message, against a plan (customized plan or template) and the tasks
 * already done. Already-completed tasks are not reported again.
 */
export function analyzeMessage(
  message: string,
  plan: NextStepPlan & {
    phases: ReadonlyArray<{
      tasks: ReadonlyArray<{ id: string; title: string; completionSignals?: readonly string[] }>;
    }>;
  },
  completedTaskIds: ReadonlySet<string> | readonly string[],
  options: DetectOptions = {},
): MessageAnalysis {
  const done = new Set(completedTaskIds);
  const allTasks = plan.phases.flatMap((p) => p.tasks);
  const tasks = detectCompletedTasks(message, allTasks).filter((t) => !done.has(t.taskId));
  for (const t of tasks) if (t.confident) done.add(t.taskId);
  return { decisions: detectDecisions(message, options), tasks, nextSteps: suggestNextSteps(plan, done) };
}
