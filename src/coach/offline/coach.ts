/**
 * The offline coach: answers the creator's last message from their plan, progress and decisions, with no
 * language model. Deterministic (same input, same text) so it can be tested and trusted.
 */
import type { AiMessage } from '../../ai/provider.js';
import {
  channelsForAnswer,
  describePriceRange,
  monthlyGoal,
  type PriceRange,
  parsePrices,
  projectEconomics,
  projectionHeadline,
  type StatedPrice,
} from '../economics.js';
import { formatCount, formatMoney } from '../money.js';
import {
  type CommunityPlatform,
  notedPlatforms,
  notedPlatformsIn,
  type PlatformNote,
  platformSection,
} from '../platforms.js';
import { acknowledgementLines } from './acknowledge.js';
import type { CoachContext } from './context.js';
import { keywords, mostRelevant, pick, sentence, stableHash } from './text.js';
import { detectTopic, topicSection } from './topics.js';

export const OFFLINE_NOTICE = '_Offline coach: answered from your plan, without an AI model._';

export type CoachIntent = 'stuck' | 'price' | 'platform' | 'next' | 'progress' | 'greeting';

export interface MessageAnalysis {
  intents: CoachIntent[];
  prices: StatedPrice[];
  platforms: Array<CommunityPlatform & { note: PlatformNote }>;
}

const INTENT_PATTERNS: Array<[CoachIntent, RegExp]> = [
  [
    'stuck',
    /\b(stuck|overwhelm\w*|too much (?:to do|work|on my plate|going on)|don'?t know (?:where|what|how)|confus\w*|(?:feel|feeling|i'?m|am) lost|burn(?:ed|t)? ?out|no time|procrastinat\w*|can'?t (?:start|focus|get (?:started|going))|paraly[sz]\w*|frustrat\w*|unmotivated|no motivation|scared|afraid|anxious|(?:fall(?:ing|en)?|i'?m|am|so) behind|giving up|give up)\b/i,
  ],
  ['price', /\b(price|pricing|priced|charge|charging|how much|subscription fee|membership fee|worth paying)\b/i],
  // Questions about members and revenue, however they are phrased: the same economics answer.
  [
    'price',
    /\b(how many (?:\w+ )?(?:members|subscribers|customers|buyers|people (?:will|would|might) (?:join|pay))|(?:what|how much) (?:could|can|would|will|might) (?:that|it|this|i|we) (?:earn|make|bring in|generate)|(?:expected|potential|projected|realistic) (?:revenue|income|earnings|members)|revenue (?:projection|estimate|forecast)|(?:earn|make) (?:per|a|each) month)\b/i,
  ],
  [
    'platform',
    /\b((?:which|what|best|right|good)\s+(?:\w+\s+)?(?:platform|tool|software|app)s?|where (?:should|do) i host|host (?:it|my community))\b/i,
  ],
  [
    'next',
    /\b(what(?:'s| is)? next|next (?:step|task|move|thing)s?|where (?:do|should) i (?:start|begin)|what now|what should i (?:do|work on|focus on|tackle)|what do i do|how do i (?:start|begin|get started)|get started|(?:work on|do) today|my (?:next )?task)\b/i,
  ],
  [
    'progress',
    /\b(progress|how am i doing|how far (?:along|am i)|on track|status|what (?:have|did) (?:i|we) (?:decided?|chosen|picked|settled on)|(?:my|our) decisions|decided so far|recap)\b/i,
  ],
];

export function analyseMessage(message: string, ctx: CoachContext | undefined): MessageAnalysis {
  const prices = parsePrices(message, ctx?.suggestedPrice?.currency ?? 'USD');
  const platforms = notedPlatformsIn(message);
  const intents: CoachIntent[] = [];
  for (const [intent, re] of INTENT_PATTERNS) {
    if (re.test(message) && !intents.includes(intent)) intents.push(intent);
  }
  if (prices.length > 0 && !intents.includes('price')) intents.push('price');
  if (platforms.length > 0 && !intents.includes('platform')) intents.push('platform');
  if (
    intents.length === 0 &&
    /^\s*(hi|hello|hey|yo|good (?:morning|afternoon|evening))\b[\s!.,]*\w{0,12}[\s!.]*$/i.test(message)
  ) {
    intents.push('greeting');
  }
  return { intents, prices, platforms };
}

function lastUserMessage(messages: readonly AiMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const m = messages[i];
    if (m?.role === 'user') return m.content;
  }
  return '';
}

function progressLine(ctx: CoachContext): string {
  const { progress, opportunity } = ctx;
  if (progress.totalTasks > 0 && progress.completedTasks >= progress.totalTasks) {
    return `You have finished all ${progress.totalTasks} tasks of **${opportunity.title}**.`;
  }
  const phase = progress.currentPhaseTitle ? `, currently in “${progress.currentPhaseTitle}”` : '';
  return `You're ${Math.round(progress.overallPercent)}% through **${opportunity.title}** (${progress.completedTasks} of ${progress.totalTasks} tasks done${phase}).`;
}

function taskKeywords(ctx: CoachContext): Set<string> {
  const t = ctx.nextTask;
  return keywords(t ? `${t.title} ${t.description}` : ctx.opportunity.title);
}

function chooseTip(ctx: CoachContext, query: Set<string>, seed: number): string | undefined {
  return mostRelevant(ctx.proTips, query) ?? pick(ctx.proTips, seed);
}

function choosePitfall(ctx: CoachContext, query: Set<string>, seed: number): string | undefined {
  return mostRelevant(ctx.pitfalls, query) ?? pick(ctx.pitfalls, seed);
}

function allDone(ctx: CoachContext): boolean {
  return ctx.progress.totalTasks > 0 && ctx.progress.completedTasks >= ctx.progress.totalTasks;
}

function finishedSection(ctx: CoachContext): string {
  return [
    `You've completed every task in **${ctx.opportunity.title}**. Well done: most people never get here.`,
    'Now: write down what worked and what did not, ask your first members what they would pay more for, and pick one thing to improve next month.',
  ].join('\n');
}

function nextTaskSection(ctx: CoachContext, seed: number): string {
  const task = ctx.nextTask;
  if (!task)
    return allDone(ctx)
      ? finishedSection(ctx)
      : 'I could not find an open task in your plan. Open your plan to pick the next one.';
  const lines: string[] = [];
  lines.push(`**Next task: ${task.title}**${task.timeEstimate ? ` (about ${task.timeEstimate})` : ''}`);
  if (task.description) lines.push(task.description);
  if (task.steps.length > 0) {
    lines.push('', 'Steps:');
    task.steps.forEach((step, i) => {
      lines.push(`${i + 1}. ${step}`);
    });
  }
  lines.push('');
  if (task.whyItMatters) lines.push(`**Why it matters:** ${sentence(task.whyItMatters)}`);
  if (task.deliverable) lines.push(`**Done when:** ${sentence(task.deliverable)}`);
  const query = taskKeywords(ctx);
  const tip = chooseTip(ctx, query, seed);
  const pitfall = choosePitfall(ctx, query, seed);
  if (tip) lines.push(`**Tip:** ${tip}`);
  if (pitfall) lines.push(`**Avoid:** ${pitfall}`);
  return lines.join('\n').trimEnd();
}

function nextUpLine(ctx: CoachContext): string | undefined {
  const task = ctx.nextTask;
  if (!task) return undefined;
  const first = task.steps[0];
  return `Next up in your plan: **${task.title}**${first ? `. First step: ${sentence(first)}` : '.'}`;
}

function smallestStepSection(ctx: CoachContext, seed: number): string {
  const lines: string[] = [];
  const task = ctx.nextTask;
  const { completedTasks, totalTasks } = ctx.progress;
  lines.push(
    completedTasks > 0
      ? `That feeling is normal, and you've already done ${completedTasks} of ${totalTasks} tasks, so you are further along than it feels.`
      : 'That feeling is normal at the start: the first task is the hardest one, and everything gets lighter once it is done.',
  );
  lines.push('');
  if (task) {
    const first = task.steps[0] ?? task.title;
    lines.push(`**Your smallest next step:** ${sentence(first)}`);
    lines.push(
      `Only that, not all of “${task.title}”. Set a 25-minute timer, do just this step, and allow yourself to stop when it rings.`,
    );
  } else if (allDone(ctx)) {
    lines.push(finishedSection(ctx));
  } else {
    lines.push(
      '**Your smallest next step:** open your plan, pick the one task that would make the biggest difference this week, and spend 25 minutes on its first step.',
    );
  }
  const hours = ctx.creator.hoursPerWeek;
  const remaining = Math.max(0, totalTasks - completedTasks);
  if (hours && hours > 0 && remaining > 0) {
    lines.push(
      `With about ${hours} hours a week you don't need to do everything at once: one task a week is a steady pace${
        remaining > 1 ? `, and the ${remaining} tasks left are a few months of calm progress, not a sprint` : ''
      }.`,
    );
  }
  const pitfall = choosePitfall(ctx, taskKeywords(ctx), seed);
  if (pitfall) lines.push(`A common trap at this stage: ${pitfall}`);
  return lines.join('\n');
}

function decisionsLine(ctx: CoachContext, category: CoachContext['decisions'][number]['category']): string | undefined {
  // What this very message decided is acknowledged first ("Noted: …"), not told back as decided already.
  const justNow = new Set(ctx.thisTurn?.decisions.map((d) => d.summary));
  const relevant = ctx.decisions.filter((d) => d.category === category && !justNow.has(d.summary));
  if (relevant.length === 0) return undefined;
  return `You already decided: ${relevant.map((d) => d.summary).join('; ')}.`;
}

/** How a stated price sits against the plan's suggested range (a founding price: against the plan's founding price). */
function suggestedRangeNote(price: StatedPrice, ctx: CoachContext | undefined): string | undefined {
  const range = ctx?.suggestedPrice;
  if (price.founding) {
    if (ctx?.foundingPrice === undefined || range?.currency !== price.currency) return undefined;
    const planned = formatMoney(ctx.foundingPrice, price.currency);
    return price.amount === ctx.foundingPrice
      ? `That is the founding price your plan suggests (${planned}): a reward for joining before the public launch.`
      : `Your plan suggests ${planned} for founding members; any founding price works if it is clearly below the regular one and locked in for those who join early.`;
  }
  if (!range || range.currency !== price.currency || price.interval === 'one-time' || range.interval === 'one-time')
    return undefined;
  const monthly = price.interval === 'year' ? price.amount / 12 : price.amount;
  const min = range.interval === 'year' ? range.min / 12 : range.min;
  const max = range.interval === 'year' ? range.max / 12 : range.max;
  const span = `${formatMoney(min, range.currency)}–${formatMoney(max, range.currency)}/month`;
  if (monthly < min) {
    return (
      `That is below your plan's suggested range of ${span}. A lower price lowers the barrier, but you need more members for the same income ` +
      `and cheap communities often attract less committed members. Consider ${formatMoney(min, range.currency)} with a founding-member discount instead.`
    );
  }
  if (monthly > max) {
    return (
      `That is above your plan's suggested range of ${span}. It can work if the offer clearly justifies it (live calls, direct access, ` +
      'a concrete outcome); test it with a small founding group before the public launch.'
    );
  }
  return `That is inside your plan's suggested range of ${span}.`;
}

/**
 * Members and monthly revenue from the economics model, for a stated price or the plan's suggested range, with the
 * audience the message states (when it states one) or the profile's, and every assumption shown.
 */
function economicsSection(
  ctx: CoachContext,
  message: string,
  price: StatedPrice | undefined,
  options: { compact?: boolean } = {},
): string {
  const range: PriceRange | undefined = price
    ? { min: price.amount, max: price.amount, currency: price.currency, interval: price.interval }
    : (ctx.decidedPrice ?? ctx.suggestedPrice);
  if (!range) {
    return 'Tell me the price you have in mind (for example “$49 a month”) and I will work out members and monthly revenue for your audience.';
  }
  const { channels, stated } = channelsForAnswer(ctx.creator.platforms, message);
  const label = `${describePriceRange(range)}${!price && ctx.decidedPrice ? ', the price you decided' : ''}`;
  const assumedMonthly =
    price && !price.intervalStated ? ' (I assumed monthly billing, the usual model for a paid community)' : '';
  if (!channels.some((c) => c.followers > 0)) {
    return `Add your platforms, follower counts and engagement rates to your profile (or tell me, for example “I have 12k followers at 3% engagement”) and I'll work out members and revenue at ${label}.`;
  }
  const projection = projectEconomics({ channels, price: range, assumptions: ctx.economics });
  const lines: string[] = [];
  lines.push(`**At ${label}: ${projectionHeadline(projection)}**${assumedMonthly}`);
  if (stated) lines.push('Worked out from the numbers in your message, not your profile.');
  if (!options.compact) {
    lines.push('', 'How that is worked out:', ...projection.assumptions.map((a) => `- ${a}`));
    lines.push(
      'Only engaged followers (the ones who interact with your posts) realistically join, so the model starts from them, not from your follower count.',
    );
  }
  const goal = monthlyGoal(ctx.creator.goal, range.currency);
  if (goal && range.interval !== 'one-time' && !options.compact) {
    const goalMonthly = goal.interval === 'year' ? goal.amount / 12 : goal.amount;
    const perMember = range.interval === 'year' ? range.max / 12 : range.max;
    const needed = Math.ceil(goalMonthly / perMember);
    lines.push(
      `Your goal of ${formatMoney(goalMonthly, goal.currency)}/month needs about ${formatCount(needed)} members at ${formatMoney(range.max, range.currency)}/${range.interval}` +
        (needed > projection.members.max
          ? `: more than this audience is expected to bring (${formatCount(projection.members.max)} at most), so plan to grow your engaged audience, build an email list or raise the price.`
          : ', within what this audience can bring.'),
    );
  }
  return lines.join('\n');
}

function priceSection(ctx: CoachContext | undefined, prices: StatedPrice[], message: string): string {
  if (!ctx) {
    return 'Tell me the price you have in mind (for example “$49 a month”) and open your project, and I will work out what it means in members and monthly revenue.';
  }
  if (prices.length === 0) return economicsSection(ctx, message, undefined);
  const parts: string[] = [];
  // The regular price first: a founding price is the launch offer, not what the community lives on.
  const regularFirst = [...prices.filter((p) => !p.founding), ...prices.filter((p) => p.founding)];
  for (const [i, price] of regularFirst.slice(0, 2).entries()) {
    const section = [economicsSection(ctx, message, price, { compact: i > 0 })];
    const note = suggestedRangeNote(price, ctx);
    if (note) section.push(note);
    parts.push(section.join('\n'));
  }
  const decided = decisionsLine(ctx, 'pricing');
  if (decided) parts.push(decided);
  return parts.join('\n\n');
}

function platformAnswer(
  ctx: CoachContext | undefined,
  platforms: ReadonlyArray<{ name: string; note: PlatformNote }>,
): string {
  const parts: string[] = [];
  if (platforms.length > 0) {
    parts.push(platformSection(platforms));
  } else {
    parts.push('The platforms creators use most, in one line each:');
    parts.push(
      notedPlatforms()
        .map((p) => `- **${p.name}**: best for ${p.note.bestFor}`)
        .join('\n'),
    );
    parts.push('Name the two you are choosing between and I will compare them for you.');
  }
  const decided = ctx ? decisionsLine(ctx, 'platform') : undefined;
  if (decided) parts.push(decided);
  return parts.join('\n\n');
}

function suggestions(ctx: CoachContext | undefined): string {
  const price = ctx?.suggestedPrice ? formatMoney(ctx.suggestedPrice.min, ctx.suggestedPrice.currency) : '$49';
  return [
    'You can ask me, for example:',
    '- “What should I do next?”',
    `- “Is ${price} a month the right price?”`,
    '- “Should I use Skool or Circle?”',
    '- “I’m stuck”, and I will give you the smallest next step.',
  ].join('\n');
}

function opening(intent: CoachIntent | undefined, analysis: MessageAnalysis): string | undefined {
  switch (intent) {
    case 'price':
      return 'Let’s put numbers on it.';
    case 'platform':
      return analysis.platforms.length > 1
        ? `Here is how ${analysis.platforms.map((p) => p.name).join(' and ')} compare for a paid community.`
        : undefined;
    case 'next':
      return 'Here is your next step.';
    case 'progress':
      return 'Here is where you stand.';
    default:
      return undefined;
  }
}

/** One line on what a just-made decision means for the plan, from the plan's own tips and pitfalls. */
function decisionImplication(ctx: CoachContext, category: string): string | undefined {
  const topics: Record<string, string> = {
    pricing: 'price founding members pricing',
    platform: 'platform tool setup',
    structure: 'structure tiers cohort spaces',
    timeline: 'launch date deadline waitlist',
    content: 'rituals weekly calls content calendar',
  };
  const query = keywords(topics[category] ?? category);
  const tip = mostRelevant(ctx.proTips, query);
  return tip ? `**With that decided:** ${tip}` : undefined;
}

/** The offline coach's answer to the last user message. */
export function composeReply(ctx: CoachContext | undefined, messages: readonly AiMessage[]): string {
  const message = lastUserMessage(messages);
  const analysis = analyseMessage(message, ctx);
  const seed = stableHash(message);
  const { intents } = analysis;
  const has = (i: CoachIntent) => intents.includes(i);
  const sections: string[] = [];

  if (!ctx) {
    if (has('price')) sections.push(priceSection(undefined, analysis.prices, message));
    if (has('platform')) sections.push(platformAnswer(undefined, analysis.platforms));
    if (sections.length === 0) {
      sections.push(
        'I answer from your plan, and I could not load it for this conversation. Open your project and ask again, or ask me about a price or a platform.',
      );
    }
    sections.push(OFFLINE_NOTICE);
    return sections.join('\n\n');
  }

  const news = ctx.thisTurn ?? { decisions: [], tasks: [] };
  const acknowledged = acknowledgementLines(news, { ...ctx.progress, nextTaskTitle: ctx.nextTask?.title });
  if (acknowledged.length > 0) sections.push(acknowledged.join('\n'));

  const open = acknowledged.length > 0 ? undefined : opening(intents[0] === 'stuck' ? 'stuck' : intents[0], analysis);
  if (open) sections.push(open);

  if (has('stuck')) sections.push(smallestStepSection(ctx, seed));
  if (has('price')) sections.push(priceSection(ctx, analysis.prices, message));
  if (has('platform')) sections.push(platformAnswer(ctx, analysis.platforms));
  if (has('progress')) {
    const progress = [progressLine(ctx)];
    const decisions = ctx.decisions.map((d) => `- ${d.category[0]?.toUpperCase()}${d.category.slice(1)}: ${d.summary}`);
    if (decisions.length > 0) progress.push('', 'Decisions you have made:', ...decisions);
    sections.push(progress.join('\n'));
  }
  if (has('next') && !has('stuck')) sections.push(nextTaskSection(ctx, seed));

  if (has('greeting')) {
    sections.push(`Hi! ${progressLine(ctx)}`);
    const up = nextUpLine(ctx);
    if (up) sections.push(up);
    sections.push(suggestions(ctx));
  } else if (intents.length === 0 && acknowledged.length > 0) {
    // The message reported a decision or progress: the acknowledgement is the answer, plus what the decision
    // implies or what to do next.
    const implications = news.decisions.map((d) => decisionImplication(ctx, d.category)).filter(Boolean);
    if (implications.length > 0) sections.push(implications.join('\n'));
    if (news.tasks.length === 0) {
      const up = nextUpLine(ctx);
      if (up) sections.push(up);
    } else if (ctx.nextTask?.steps[0]) {
      sections.push(`First step for “${ctx.nextTask.title}”: ${sentence(ctx.nextTask.steps[0])}`);
    }
  } else if (intents.length === 0) {
    // A general question: a short playbook when we have one, always grounded in the plan.
    const query = keywords(message);
    const topic = detectTopic(message);
    if (topic) sections.push(topicSection(topic));
    else sections.push('I can’t answer that one offline: I work from your plan. Here is where it stands.');
    const tip = mostRelevant(ctx.proTips, query);
    const pitfall = mostRelevant(ctx.pitfalls, query);
    const related: string[] = [];
    if (tip) related.push(`**From your plan's tips:** ${tip}`);
    if (pitfall) related.push(`**A pitfall to avoid:** ${pitfall}`);
    if (related.length > 0) sections.push(related.join('\n'));
    sections.push([progressLine(ctx), nextUpLine(ctx)].filter(Boolean).join(' '));
    if (!topic) sections.push(suggestions(ctx));
  } else if (!has('next') && !has('stuck') && !has('progress')) {
    // Price or platform answers still end grounded in the plan.
    const up = nextUpLine(ctx);
    sections.push([progressLine(ctx), up].filter(Boolean).join(' '));
  }

  sections.push(OFFLINE_NOTICE);
  return sections.join('\n\n');
}

/** The coach's first message in a new project. `offline` adds the one-line offline notice. */
export function welcomeMessage(ctx: CoachContext, options: { offline?: boolean } = {}): string {
  const sections: string[] = [];
  const niche = ctx.creator.niche ? ` for your ${ctx.creator.niche} audience` : '';
  sections.push(
    `Welcome! I'm your coach for **${ctx.opportunity.title}**${niche}. I know your plan, your progress and the decisions you make along the way, and I'll help you take it one step at a time.`,
  );
  const { totalTasks, completedTasks } = ctx.progress;
  sections.push(
    completedTasks === 0
      ? `Your plan has ${totalTasks} tasks${ctx.progress.currentPhaseTitle ? `, starting with “${ctx.progress.currentPhaseTitle}”` : ''}.${
          ctx.creator.hoursPerWeek
            ? ` With about ${ctx.creator.hoursPerWeek} hours a week, one task a week is a good pace.`
            : ''
        }`
      : progressLine(ctx),
  );
  const task = ctx.nextTask;
  if (task) {
    const lines = [`**Start here: ${task.title}**${task.timeEstimate ? ` (about ${task.timeEstimate})` : ''}`];
    if (task.description) lines.push(task.description);
    if (task.steps[0]) lines.push(`First step: ${sentence(task.steps[0])}`);
    sections.push(lines.join('\n'));
  }
  sections.push(suggestions(ctx));
  if (options.offline) sections.push(OFFLINE_NOTICE);
  return sections.join('\n\n');
}
