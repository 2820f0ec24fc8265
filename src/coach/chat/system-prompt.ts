import { projectionHeadline } from '../economics.js';
import { formatPercent } from '../money.js';
import { acknowledgementLines } from '../offline/acknowledge.js';
import type { TurnNews } from '../offline/context.js';
import type { Profile } from '../profiles/profiles.schemas.js';
import type { Progress } from '../projects/progress.js';
import type { DecisionRecord, ProjectRecord } from '../projects/projects.service.js';
import { economicsAssumptionsOf, projectOutlook } from '../templates/personalize.js';

/**
 * The economics model for the model: the same projection the plan and the offline coach show, its assumptions, and
 * the rule to reuse it (with the creator's own numbers when a message states them).
 */
function economicsLines(
  plan: ProjectRecord['plan'],
  profile: Profile | undefined,
  decisions: readonly DecisionRecord[],
): string[] {
  const a = economicsAssumptionsOf(plan);
  const range = (r: { min: number; max: number }) => `${formatPercent(r.min)}-${formatPercent(r.max)}`;
  const lines = [
    '## Members and revenue (use this model for every such number)',
    `- Engaged audience per platform = followers x engagement rate; an email list = subscribers x open rate (assume ${a.assumedRates.socialEngagementPercent}% engagement or ${a.assumedRates.emailOpenPercent}% opens when a rate is missing).`,
    `- Paying members = ${range(a.conversion.social)} of engaged social followers + ${range(a.conversion.email)} of email openers; monthly revenue = members x monthly price, as ranges.`,
    '- Numbers the creator states in a message (followers, engagement, price) replace the profile for that answer; show the arithmetic.',
  ];
  const outlook = projectOutlook(plan, profile?.platforms ?? [], decisions);
  if (outlook.economics) {
    const basis = outlook.priceBasis === 'decided' ? 'At the price the creator decided' : 'At the suggested price';
    lines.push(`- ${basis}: ${projectionHeadline(outlook.economics)}.`);
    for (const line of outlook.economics.assumptions) lines.push(`  - ${line}`);
  }
  return lines;
}

/**
 * The coach's system prompt: who the creator is, their plan with what is done, their decisions, and how to coach.
 * Built fresh for every turn, so the model always sees the current state.
 */
export function buildSystemPrompt(input: {
  project: ProjectRecord;
  profile: Profile | undefined;
  progress: Progress;
  decisions: DecisionRecord[];
  completedTaskIds: ReadonlySet<string>;
  /** What the message being answered recorded (already counted in progress and decisions). */
  thisTurn?: TurnNews;
}): string {
  const { project, profile, progress, decisions, completedTaskIds, thisTurn } = input;
  const plan = project.plan;
  const p = plan.personalization;
  const lines: string[] = [];
  lines.push(
    `You are Pathwise's monetization coach. You help one creator launch "${plan.opportunity.title}" step by step.`,
    'Be specific and practical: concrete numbers, examples and next actions grounded in their plan and audience.',
    'Keep answers short (under 250 words) unless asked for detail. When the creator states a decision (price, platform,',
    'structure, launch date, content cadence), acknowledge it and say what it implies; when they finish a task, congratulate',
    'briefly and point to the next one. Never invent facts about their audience beyond what is below.',
    '',
    '## Creator',
  );
  if (profile) {
    lines.push(
      `- Niche: ${profile.niche}`,
      `- Audience: ${profile.platforms.map((a) => `${a.platform} ${a.followers.toLocaleString('en-US')} followers (${a.engagementRate}% engagement)`).join('; ')}`,
      `- Current monthly income: $${profile.currentMonthlyIncome.toLocaleString('en-US')}`,
      `- Goal: ${profile.goal}`,
      `- Time available: ${profile.hoursPerWeek} hours/week`,
    );
    if (profile.audienceDescription) lines.push(`- Audience: ${profile.audienceDescription}`);
  } else {
    lines.push('- No profile yet.');
  }
  lines.push(
    '',
    '## Personalised plan',
    `- Suggested price: ${p.suggestedPrice.currency} ${p.suggestedPrice.min}-${p.suggestedPrice.max} per ${p.suggestedPrice.interval} (founding members ${p.suggestedPrice.foundingMemberPrice}). ${p.suggestedPrice.reasoning}`,
    `- Suggested platforms: ${p.suggestedPlatforms.map((s) => `${s.platform} (${s.reason})`).join('; ')}`,
    `- Timeline: about ${p.timeline.weeks} weeks, target launch ${p.timeline.targetLaunchDate}.`,
    '',
    ...economicsLines(plan, profile, decisions),
    '',
    `## Progress: ${progress.overallPercent}% (${progress.completedTasks}/${progress.totalTasks} tasks)`,
  );
  for (const phase of plan.phases) {
    const phaseProgress = progress.phases.find((x) => x.id === phase.id);
    lines.push(`### ${phase.title} (${phaseProgress?.percent ?? 0}%)`);
    for (const task of phase.tasks) {
      const box = completedTaskIds.has(task.id) ? '[x]' : '[ ]';
      const marker = task.id === progress.nextTask?.id ? ' <- next' : '';
      lines.push(`- ${box} ${task.title} (${task.id})${marker}`);
    }
  }
  if (progress.nextTask) {
    const next = plan.phases.flatMap((x) => x.tasks).find((t) => t.id === progress.nextTask?.id);
    if (next) {
      lines.push('', `## Next task: ${next.title}`, next.description, `Why: ${next.whyItMatters}`, 'Steps:');
      for (const step of next.steps) lines.push(`- ${step}`);
      lines.push(`Deliverable: ${next.deliverable}`);
    }
  }
  lines.push('', '## Decisions so far');
  if (decisions.length === 0) lines.push('- None yet.');
  for (const d of decisions)
    lines.push(
      `- ${d.category}: ${d.summary} (${d.confidence} confidence)${d.rationale ? `, because ${d.rationale}` : ''}`,
    );
  if (progress.openDecisionPoints.length > 0) {
    lines.push('', '## Open decisions');
    for (const point of progress.openDecisionPoints) lines.push(`- ${point.category}: ${point.question}`);
  }
  if (thisTurn && (thisTurn.decisions.length > 0 || thisTurn.tasks.length > 0)) {
    lines.push(
      '',
      "## Recorded from the creator's last message (acknowledge this first, in one line, then answer)",
      ...acknowledgementLines(thisTurn, { ...progress, nextTaskTitle: progress.nextTask?.title }).map((l) => `- ${l}`),
    );
  }
  lines.push('', '## Pitfalls to watch for');
  for (const pitfall of plan.commonPitfalls.slice(0, 5)) lines.push(`- ${pitfall.pitfall} Fix: ${pitfall.fix}`);
  return lines.join('\n');
}
