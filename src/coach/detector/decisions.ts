import { type ContentValue, extractCadence, formatCadence } from './cadence.js';
import { assessCommitment, type Confidence, confidenceRank, extractRationale, isAffirmation } from './commitment.js';
import { findDates } from './dates.js';
import { extractPlatform } from './platforms.js';
import { combinePrices, extractPricing, formatPrice, type PricingValue } from './pricing.js';
import { extractStructure, formatStructure, type StructureValue } from './structure.js';
import { isAboutSomeoneElse, isNegatedMention, lowerForMatching, splitSentences } from './text.js';

export const decisionCategories = ['pricing', 'platform', 'structure', 'timeline', 'content'] as const;
export type DecisionCategory = (typeof decisionCategories)[number];

export interface TimelineValue {
  event: 'launch' | 'presale';
  /** YYYY-MM-DD (UTC calendar day) */
  date: string;
  /** "mid-March", "next month": a target, not a day. */
  approximate?: true;
  /** The words the date came from ("next Friday"). */
  expression: string;
}

export type DecisionValue = PricingValue | string | StructureValue | TimelineValue | ContentValue;

interface DecisionOf<C extends DecisionCategory, V> {
  category: C;
  value: V;
  confidence: Confidence;
  /** The "because ..." clause, when the creator gave one. */
  rationale?: string;
  /** The sentence the decision was read from. */
  evidence: string;
  /** One line for people: "$49/month", "Skool", "Launch on 2025-03-03". */
  summary: string;
}

export type DetectedDecision =
  | DecisionOf<'pricing', PricingValue>
  | DecisionOf<'platform', string>
  | DecisionOf<'structure', StructureValue>
  | DecisionOf<'timeline', TimelineValue>
  | DecisionOf<'content', ContentValue>;

export interface DetectOptions {
  /** Resolves relative dates ("in two weeks", "next Friday", "March 3"); without it only full dates resolve. */
  now?: Date;
  /** Currency of bare amounts ("charge 29 a month"); default USD. */
  defaultCurrency?: string;
}

// "early access for backers opens in 10 days", "the first one kicks off March 17", "pré-venda for founding members
// starts Friday": what opens (the community, a cohort, the pre-sale, the doors), then the verb that opens it; the
// challenge or the kickoff call starting is not the launch.
const opensSubject =
  '(?:community|membership|club|cohort|first (?:one|round|intake|batch|cohort)|pre-?sale|presale|pr[eé]-?ven[td]a|early access|founding(?:[- ]members?)?|doors|cart|enrol?lment|registration|sign-?ups)';
const opensVerb = '(?:starts?|starting|opens?|opening|begins?|kicks? off|kicking off|goes live|going live)';
const launchCue = new RegExp(
  String.raw`\b(?:${opensSubject}\b[^.,;!?]{0,30}?\b${opensVerb}\b|(?:drop|release|opening|go-?live|launch)\s+(?:day|date)\b)|` +
    /\b(?:launch\w*|(?:open|opening|opens)\s+(?:the\s+|my\s+|our\s+)?(?:doors|cart|enrol?lment|community|membership|pre-?sale|presale|founding\w*|waitlist to)|doors\s+(?:will\s+)?open|go(?:es|ing)?[\s-]+live|pre-?sale|presale|founding(?:[- ]members?)? (?:round|launch|window|period|sale)|gets? access|access opens|start(?:s|ing)?\s+(?:the\s+|my\s+|our\s+)?(?:community|membership|cohort|program|programme))\b/
      .source,
);
// Founding members and early backers buy before the public launch.
const presaleWords = /\bpre-?sale|\bpresale|\bfounding\b|\bearly access\b|\bpr[eé]-?ven[td]a/;
const pastLaunch =
  /\b(?:launched|went live|opened)\b|\blast (?:year|month|week|time)\b(?!\s+(?:of|in)\b)|\bago\b|\b(?:did|ran|held|hosted|wrapped up|finished|completed)\s+(?:the\s+|my\s+|our\s+)?(?:\w+\s+)?(?:launch|pre-?sale|presale)\b/;
const futureMarker = /\b(?:will|'ll|going to|gonna|let's|next|tomorrow|in \w+ (?:days?|weeks?|months?))\b/;

/** The launch date a sentence sets, or undefined. */
export function extractTimeline(lower: string, now: Date | undefined): TimelineValue | undefined {
  const cue = launchCue.exec(lower);
  if (!cue) return undefined;
  if (pastLaunch.test(lower) && !futureMarker.test(lower)) return undefined;
  const dates = findDates(lower, now).filter((d) => !isNegatedMention(lower, d.start));
  if (dates.length === 0) return undefined;
  // The date closest to the launch words ("We have 80 on the waitlist since Monday, let's open the doors Friday").
  const best = dates.reduce((a, b) => (Math.abs(b.start - cue.index) < Math.abs(a.start - cue.index) ? b : a));
  const event = presaleWords.test(lower) ? 'presale' : 'launch';
  return { event, date: best.date, ...(best.approximate ? { approximate: true as const } : {}), expression: best.text };
}

/** All values a sentence states, whether or not it commits to them. */
function candidatesOf(sentence: string, committed: boolean, options: DetectOptions) {
  const lower = lowerForMatching(sentence);
  return {
    pricing: extractPricing(lower, options.defaultCurrency ?? 'USD'),
    platform: extractPlatform(lower, committed),
    structure: extractStructure(lower),
    timeline: extractTimeline(lower, options.now),
    content: extractCadence(lower),
  };
}

export function summarizeDecision(decision: Pick<DetectedDecision, 'category' | 'value'>): string {
  switch (decision.category) {
    case 'pricing': {
      const v = decision.value as PricingValue;
      return [formatPrice(v), ...(v.also ?? []).map(formatPrice)].join(' or ');
    }
    case 'platform':
      return decision.value as string;
    case 'structure':
      return formatStructure(decision.value as StructureValue);
    case 'timeline': {
      const v = decision.value as TimelineValue;
      return `${v.event === 'presale' ? 'Pre-sale opens' : 'Launch'} on ${v.date}${v.approximate ? ' (approximately)' : ''}`;
    }
    case 'content': {
      const v = decision.value as ContentValue;
      return [formatCadence(v), ...(v.also ?? []).map(formatCadence)].join('; ');
    }
  }
}

/**
 * Two decided prices in different sentences that make one offer (a founding price next to the regular one, a yearly
 * price next to the monthly one), or two sentences of one structure, become one decision; anything else is left to
 * the most-confident-then-latest rule.
 */
function combineAcrossSentences(earlier: DetectedDecision, later: DetectedDecision): DetectedDecision | undefined {
  if (earlier.confidence === 'low' || later.confidence === 'low' || earlier.evidence === later.evidence)
    return undefined;
  if (earlier.category === 'structure' && later.category === 'structure') {
    // A structure told over sentences ("there will be a free group …, and then the paid club. So two tiers."): each
    // sentence adds the fields it states, a later sentence's field replacing an earlier one's.
    return mergedDecision(earlier, later, { category: 'structure', value: { ...earlier.value, ...later.value } });
  }
  if (earlier.category !== 'pricing' || later.category !== 'pricing') return undefined;
  const value = combinePrices(earlier.value, later.value);
  return value ? mergedDecision(earlier, later, { category: 'pricing', value }) : undefined;
}

/** One decision read from two sentences: the combined value, the surer confidence, both sentences as evidence. */
function mergedDecision<D extends DetectedDecision>(
  earlier: DetectedDecision,
  later: DetectedDecision,
  combined: Pick<D, 'category' | 'value'>,
): D {
  const confidence =
    confidenceRank[later.confidence] >= confidenceRank[earlier.confidence] ? later.confidence : earlier.confidence;
  const rationale = later.rationale ?? earlier.rationale;
  return {
    ...combined,
    confidence,
    evidence: `${earlier.evidence} ${later.evidence}`,
    ...(rationale ? { rationale } : {}),
    summary: summarizeDecision(combined),
  } as D;
}

// "tiers:\n- free (feed only)\n- paid ($25/mo)": a short heading ending in a colon, then bulleted lines.
const bulletedList = /^([^\n:]{1,40}:)[ \t]*((?:\n[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+[^\n]+){2,})/gm;

// "discord ✅ $12/mo ✅ march 1 ✅": a line of ticked items, each a decision of its own.
const checkMark = /[\u2705\u2714\u2611]\ufe0f?/gu;

/** A line with two or more ticked items is split after each tick, so every item is read as its own sentence. */
function splitChecklists(message: string): { text: string; items: Map<string, string[]> } {
  // Each ticked item, with the other items of its line.
  const items = new Map<string, string[]>();
  const text = message
    .split('\n')
    .map((line) => {
      const ticks = line.match(checkMark) ?? [];
      if (ticks.length < 2 || !/[\u2705\u2714\u2611]\ufe0f?\s*$/u.test(line)) return line;
      const parts = line.split(/(?<=[\u2705\u2714\u2611]\ufe0f?)\s+/u).filter((p) => p.trim().length > 0);
      for (const part of parts)
        items.set(
          part.trim(),
          parts.filter((p) => p !== part),
        );
      return parts.join('\n');
    })
    .join('\n');
  return { text, items };
}

/**
 * A ticked item that is only a date ("march 1 ✅") next to other ticked decisions is the launch date: the launch (or
 * pre-sale) is the one date the plan records.
 */
function tickedDate(sentence: string, now: Date | undefined): TimelineValue | undefined {
  const lower = lowerForMatching(sentence).replace(checkMark, ' ').trim();
  const [date, ...more] = findDates(lower, now);
  if (!date || more.length > 0) return undefined;
  const rest = `${lower.slice(0, date.start)}${lower.slice(date.end)}`;
  if (/[a-z0-9]/.test(rest)) return undefined;
  return {
    event: 'launch',
    date: date.date,
    ...(date.approximate ? { approximate: true as const } : {}),
    expression: date.text,
  };
}

/** A heading and the bullets under it become one line ("tiers: free (feed only), paid ($25/mo)"), read together. */
function joinBulletedLists(message: string): string {
  return message.replace(bulletedList, (all: string, heading: string, items: string) => {
    const lines = items
      .split('\n')
      .map((line) => line.replace(/^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+/, '').trim())
      .filter((line) => line.length > 0);
    // "Decisions so far:\n- Platform: Circle\n- Price: €29/mo": bullets that are fields of their own stay lines.
    if (lines.some((line) => /^[^:\n]{1,25}:\s/.test(line))) return all;
    return `${heading} ${lines.join(', ')}`;
  });
}

/**
 * Decisions stated in a chat message, at most one per category: when several sentences decide the same category,
 * the most confident one wins, and among equals the later one (people state the final choice last).
 * Questions and hedges yield nothing ("should I charge $49?", "maybe Discord?"); tentative wording yields low.
 * A bare affirmation ("Done.", "Let's do it.") confirms the values of the sentence before it.
 * Prices from two sentences that make one offer are combined (`combineAcrossSentences`).
 * Sentences about someone else ("My friend charges $79/month") are skipped. A heading and its bullets are one sentence.
 * The second argument is the clock (`now`) or the options.
 */
export function detectDecisions(message: string, nowOrOptions: Date | DetectOptions = {}): DetectedDecision[] {
  const options: DetectOptions = nowOrOptions instanceof Date ? { now: nowOrOptions } : nowOrOptions;
  const checklist = splitChecklists(joinBulletedLists(message));
  const sentences = splitSentences(checklist.text);
  const best = new Map<DecisionCategory, DetectedDecision>();
  const consider = (d: DetectedDecision) => {
    const current = best.get(d.category);
    const combined = current && combineAcrossSentences(current, d);
    if (combined) best.set(d.category, combined);
    else if (!current || confidenceRank[d.confidence] >= confidenceRank[current.confidence]) best.set(d.category, d);
  };
  let previous: { sentence: string; candidates: ReturnType<typeof candidatesOf>; kind: string } | undefined;

  sentences.forEach((sentence, i) => {
    const lower = lowerForMatching(sentence);
    const next = sentences[i + 1];
    if (isAffirmation(sentence) && previous) {
      // "Three tiers: basic, pro and VIP. Done." -> high; "Should I charge $29? Yes, let's do it." -> medium.
      const confidence: Confidence = previous.kind === 'question' || previous.kind === 'hedge' ? 'medium' : 'high';
      // The affirmation is the commitment ("Circle. Final."), so the previous sentence is re-read as committed.
      const committed = candidatesOf(previous.sentence, true, options);
      emit(committed, confidence, `${previous.sentence} ${sentence}`, previous.sentence, sentence);
      return;
    }
    const commitment = assessCommitment(sentence);
    const candidates = candidatesOf(sentence, commitment.kind === 'commitment', options);
    const siblings = checklist.items.get(sentence.trim());
    // Only next to another ticked decision: "sales page ✅ march 1 ✅" may be a deadline for the page.
    const besideDecision = siblings?.some((item) => {
      const c = candidatesOf(item, true, options);
      return Boolean(c.pricing ?? c.platform ?? c.structure);
    });
    if (!candidates.timeline && besideDecision) {
      const timeline = tickedDate(sentence, options.now);
      if (timeline) candidates.timeline = timeline;
    }
    previous = { sentence, candidates, kind: commitment.kind };
    if (commitment.confidence === null || isAboutSomeoneElse(lower)) return;
    emit(candidates, commitment.confidence, sentence, sentence, next);
  });

  function emit(
    c: ReturnType<typeof candidatesOf>,
    confidence: Confidence,
    evidence: string,
    sentence: string,
    next: string | undefined,
  ) {
    const rationale = extractRationale(sentence, next);
    const base = { confidence, evidence, ...(rationale ? { rationale } : {}) };
    const push = (d: Omit<DetectedDecision, 'summary' | 'confidence' | 'evidence' | 'rationale'>) =>
      consider({ ...d, ...base, summary: summarizeDecision(d as DetectedDecision) } as DetectedDecision);
    if (c.pricing) push({ category: 'pricing', value: c.pricing });
    if (c.platform) push({ category: 'platform', value: c.platform });
    if (c.structure) push({ category: 'structure', value: c.structure });
    if (c.timeline) push({ category: 'timeline', value: c.timeline });
    if (c.content) push({ category: 'content', value: c.content });
  }

  return decisionCategories.flatMap((category) => {
    const d = best.get(category);
    return d ? [d] : [];
  });
}
