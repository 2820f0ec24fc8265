import type { PricingValue, TimelineValue } from '../detector/index.js';
import {
  type AudienceChannel,
  DEFAULT_ECONOMICS,
  type EconomicsAssumptions,
  type EconomicsProjection,
  inProjectionUnits,
  type PriceRange,
  projectEconomics,
} from '../economics.js';
import { formatMoney } from '../money.js';
import { displayPlatform, normalizePlatform, platformDisplay } from './platform-names.js';
import type {
  PlanTemplate,
  PlatformOption,
  ReasonCondition,
  ReasonPlaceholder,
  TemplatePhase,
} from './template.schema.js';
import { placeholdersIn } from './template.schema.js';

/** What personalisation reads from a creator profile (the profile API's input shape). */
export interface CoachProfile {
  niche: string;
  /** `engagementRate` in percent: 4.5 means 4.5%. */
  platforms: Array<{ platform: string; followers: number; engagementRate: number }>;
  /** US dollars per month. */
  currentMonthlyIncome: number;
  goal: string;
  hoursPerWeek: number;
  audienceDescription?: string | undefined;
}

export interface SuggestedPrice {
  min: number;
  max: number;
  currency: string;
  interval: PlanTemplate['opportunity']['pricing']['interval'];
  /** A locked-in launch price for the first members, about 40% below the middle of the range. */
  foundingMemberPrice: number;
  reasoning: string;
}

export interface SuggestedPlatform {
  platform: string;
  reason: string;
  /** Share (0-1) of the creator's engaged audience on platforms this option fits. */
  audienceFit: number;
}

export interface PlanTimeline {
  weeks: number;
  hoursPerWeek: number;
  /** ISO date (UTC) at the end of the phase holding the template's launch task. */
  targetLaunchDate: string;
  totalHours: number;
  phases: Array<{ phaseId: string; weeks: number; hours: number; startDate: string; endDate: string }>;
  reasoning: string;
}

export interface Personalization {
  suggestedPrice: SuggestedPrice;
  /** Members and revenue at the suggested price range (src/coach/economics.ts); absent on plans made before it. */
  economics?: EconomicsProjection;
  suggestedPlatforms: SuggestedPlatform[];
  timeline: PlanTimeline;
  whyThisWorks: string[];
  audience: { totalFollowers: number; engagedFollowers: number; engagementRate: number; topPlatform: string | null };
}

/**
 * The creator's own plan, stored as a project's `customized_plan`: the template's content (phases and tasks keep
 * their ids) plus `personalization`. The template's raw "why this works" reasons (conditions and placeholders) are
 * replaced by the rendered `personalization.whyThisWorks`. Plain JSON: no Dates, no Maps.
 */
export interface CustomizedPlan {
  planVersion: 1;
  opportunityId: string;
  generatedAt: string;
  opportunity: PlanTemplate['opportunity'];
  phases: TemplatePhase[];
  proTips: string[];
  commonPitfalls: PlanTemplate['commonPitfalls'];
  decisionPoints: PlanTemplate['decisionPoints'];
  platformOptions?: PlatformOption[];
  personalization: Personalization;
}

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Audience

interface AudienceSummary {
  totalFollowers: number;
  /** Followers-weighted engagement rate in percent. */
  engagementRate: number;
  engagedFollowers: number;
  topPlatform: { original: string; normalized: string } | null;
  /** Engaged weight per normalised platform; sums to 1 when there is any audience. */
  engagedShare: Map<string, number>;
}

function summarizeAudience(profile: Pick<CoachProfile, 'platforms'>): AudienceSummary {
  let total = 0;
  let engaged = 0;
  let top: { original: string; normalized: string; followers: number } | null = null;
  // Engaged weight uses a 0.5% floor: a platform with an unknown (0) engagement rate still counts for something.
  const weight = new Map<string, number>();
  let weightSum = 0;
  for (const p of profile.platforms) {
    const followers = Math.max(0, p.followers);
    const rate = Math.max(0, p.engagementRate);
    total += followers;
    engaged += (followers * rate) / 100;
    const normalized = normalizePlatform(p.platform);
    const w = (followers * Math.max(rate, 0.5)) / 100;
    weight.set(normalized, (weight.get(normalized) ?? 0) + w);
    weightSum += w;
    if (!top || followers > top.followers) top = { original: p.platform, normalized, followers };
  }
  const engagedShare = new Map<string, number>();
  for (const [k, w] of weight) engagedShare.set(k, weightSum > 0 ? w / weightSum : 0);
  return {
    totalFollowers: total,
    engagementRate: total > 0 ? (engaged / total) * 100 : 0,
    engagedFollowers: Math.round(engaged),
    topPlatform: top ? { original: top.original, normalized: top.normalized } : null,
    engagedShare,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Price

/**
 * The price heuristic for a monthly membership (the template supplies currency, interval and floor/ceiling).
 *
 * 1. Audience size sets a base monthly range. It moves DOWN as the audience grows: a small audience yields tens of
 *    members, not hundreds, so the price has to carry the economics, and a small community can offer the close,
 *    personal access that justifies it. A very large audience is a volume play: a low entry price converts a broad,
 *    mostly casual audience, and a premium tier (added later) serves the few who want access.
 *      under 5,000 followers     $29-$49
 *      5,000 to 25,000           $25-$45
 *      25,000 to 100,000         $19-$39
 *      100,000 to 500,000        $15-$29
 *      500,000 and more          $9-$25
 * 2. Engagement (followers-weighted, percent) scales that range: engagement is the best public proxy for trust, and
 *    trust is what people pay for.
 *      under 1%   x0.8  (weak relationship: a lower entry price while you prove value)
 *      1% to 3%   x1.0  (typical)
 *      3% to 6%   x1.2  (strong)
 *      6% and up  x1.35 (very strong; usually a small, close audience)
 * 3. Both ends snap to the nearest familiar price point (9, 12, 15, 19, 25, 29, 35, 39, 45, 49, 59, ...), stay
 *    within the template's floor and ceiling, and stay distinct (max > min).
 * 4. Founding-member price: about 40% below the middle of the range (the plan advises 30-50% off, locked in).
 * An annual template interval multiplies by 10 (two months free); a one-time template uses its floor/ceiling.
 */
export const sizeBands: ReadonlyArray<{ below: number; min: number; max: number; label: string }> = [
  { below: 5_000, min: 29, max: 49, label: 'under 5,000 followers' },
  { below: 25_000, min: 25, max: 45, label: '5,000-25,000 followers' },
  { below: 100_000, min: 19, max: 39, label: '25,000-100,000 followers' },
  { below: 500_000, min: 15, max: 29, label: '100,000-500,000 followers' },
  { below: Number.POSITIVE_INFINITY, min: 9, max: 25, label: '500,000+ followers' },
];

export const engagementBands: ReadonlyArray<{ below: number; factor: number; label: string }> = [
  { below: 1, factor: 0.8, label: 'under 1% (weak)' },
  { below: 3, factor: 1, label: '1-3% (typical)' },
  { below: 6, factor: 1.2, label: '3-6% (strong)' },
  { below: Number.POSITIVE_INFINITY, factor: 1.35, label: '6%+ (very strong)' },
];

export const pricePoints = [9, 12, 15, 19, 25, 29, 35, 39, 45, 49, 59, 69, 79, 89, 99, 129, 149, 199, 249, 299];

function snapPrice(value: number): number {
  let best = pricePoints[0]!;
  for (const p of pricePoints) if (Math.abs(p - value) < Math.abs(best - value)) best = p;
  return best;
}

export function suggestPrice(template: PlanTemplate, audience: AudienceSummary): SuggestedPrice {
  const { currency, interval, floor, ceiling } = template.opportunity.pricing;
  const clamp = (v: number) => Math.min(ceiling, Math.max(floor, v));
  if (interval === 'one-time') {
    return {
      min: floor,
      max: ceiling,
      currency,
      interval,
      foundingMemberPrice: floor,
      reasoning:
        'One-time offers are priced within the range the template gives; the audience heuristic is for memberships.',
    };
  }
  const size = sizeBands.find((b) => audience.totalFollowers < b.below)!;
  const engagement = engagementBands.find((b) => audience.engagementRate < b.below)!;
  let min = clamp(snapPrice(size.min * engagement.factor));
  let max = clamp(snapPrice(size.max * engagement.factor));
  if (max <= min) max = clamp(pricePoints.find((p) => p > min) ?? min);
  if (max <= min) min = clamp(pricePoints.filter((p) => p < max).at(-1) ?? min);
  const mid = (min + max) / 2;
  let founding = clamp(snapPrice(mid * 0.6));
  const yearly = interval === 'year' ? 10 : 1;
  min *= yearly;
  max *= yearly;
  founding *= yearly;
  const per = interval === 'year' ? 'a year' : 'a month';
  const reasoning =
    `${audience.totalFollowers.toLocaleString('en-US')} followers (${size.label}) suggests ` +
    `${formatMoney(size.min * yearly, currency)}-${formatMoney(size.max * yearly, currency)} ${per}: ` +
    (audience.totalFollowers < 25_000
      ? 'a smaller audience means fewer members, so the price carries the economics and you can offer close, personal access. '
      : 'a larger audience supports a lower entry price that converts a broad audience, with a premium tier for those who want more access. ') +
    `Engagement of ${audience.engagementRate.toFixed(1)}% (${engagement.label}) scales it by x${engagement.factor}, ` +
    `giving ${formatMoney(min, currency)}-${formatMoney(max, currency)} ${per}. ` +
    `Offer founding members ${formatMoney(founding, currency)} locked in for as long as they stay.`;
  return { min, max, currency, interval, foundingMemberPrice: founding, reasoning };
}

// ---------------------------------------------------------------------------------------------------------------
// Platforms

/**
 * Ranks the template's platform options by the share of the creator's engaged audience on the audience platforms
 * each option fits (`audienceFit`); ties keep the template's order. Up to three with a positive fit; when nothing
 * fits (an audience only on platforms the template doesn't know), the template's first two options as defaults.
 */
export function suggestPlatforms(template: PlanTemplate, audience: AudienceSummary): SuggestedPlatform[] {
  const options = template.platformOptions ?? [];
  const scored = options.map((option, index) => {
    const sources = option.audienceFit.filter((s) => (audience.engagedShare.get(s) ?? 0) > 0);
    const fit = sources.reduce((sum, s) => sum + (audience.engagedShare.get(s) ?? 0), 0);
    return { option, index, sources, fit };
  });
  const fitting = scored.filter((s) => s.fit > 0).sort((a, b) => b.fit - a.fit || a.index - b.index);
  if (fitting.length === 0) {
    return options.slice(0, 2).map((option) => ({
      platform: option.name,
      audienceFit: 0,
      reason: `A general-purpose choice: ${option.bestFor} Fees: ${option.fees}`,
    }));
  }
  return fitting.slice(0, 3).map(({ option, sources, fit }) => {
    const where = sources.map((s) => platformDisplay[s] ?? s);
    const list = where.length > 1 ? `${where.slice(0, -1).join(', ')} and ${where.at(-1)}` : where[0];
    return {
      platform: option.name,
      audienceFit: Math.round(fit * 100) / 100,
      reason: `${Math.round(fit * 100)}% of your engaged audience is on ${list}, which fits ${option.name}: ${option.bestFor} Fees: ${option.fees}`,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Timeline

/**
 * Each phase takes its task hours (the middle of each task's estimate) divided by the creator's hours per week,
 * rounded up to whole weeks, but never less than the phase's minimum calendar weeks (a waitlist needs time to fill
 * whatever your hours) nor less than one week. Phases run one after another from `now` (UTC dates). The target
 * launch date is the end of the phase that holds the template's launch task.
 */
export function planTimeline(template: PlanTemplate, hoursPerWeek: number, now: Date): PlanTimeline {
  const hpw = Number.isFinite(hoursPerWeek) && hoursPerWeek > 0 ? hoursPerWeek : 1;
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  let week = 0;
  let totalHours = 0;
  let launchWeek = 0;
  const phases: PlanTimeline['phases'] = [];
  for (const phase of template.phases) {
    const hours = phase.tasks.reduce((h, t) => h + (t.timeEstimate.minHours + t.timeEstimate.maxHours) / 2, 0);
    const weeks = Math.max(1, phase.minCalendarWeeks, Math.ceil(hours / hpw));
    phases.push({
      phaseId: phase.id,
      weeks,
      hours,
      startDate: iso(start + week * 7 * DAY_MS),
      endDate: iso(start + (week + weeks) * 7 * DAY_MS),
    });
    week += weeks;
    totalHours += hours;
    if (phase.tasks.some((t) => t.id === template.opportunity.timeline.launchTaskId)) launchWeek = week;
  }
  const targetLaunchDate = iso(start + launchWeek * 7 * DAY_MS);
  const breakdown = phases.map((p) => `${p.phaseId} ${p.weeks} wk`).join(', ');
  const reasoning =
    `About ${Math.round(totalHours)} hours of work at ${hpw} hours a week: ${breakdown} ` +
    `(${week} weeks in all; a phase never takes less than its minimum calendar time, such as two weeks for a waitlist to fill). ` +
    `Target launch at the end of week ${launchWeek}: ${targetLaunchDate}.`;
  return { weeks: week, hoursPerWeek: hpw, targetLaunchDate, totalHours, phases, reasoning };
}

// ---------------------------------------------------------------------------------------------------------------
// Why this works

function conditionHolds(when: ReasonCondition | undefined, profile: CoachProfile, audience: AudienceSummary): boolean {
  if (!when) return true;
  const checks: boolean[] = [
    when.minTotalFollowers === undefined || audience.totalFollowers >= when.minTotalFollowers,
    when.maxTotalFollowers === undefined || audience.totalFollowers < when.maxTotalFollowers,
    when.minEngagementRate === undefined || audience.engagementRate >= when.minEngagementRate,
    when.maxEngagementRate === undefined || audience.engagementRate < when.maxEngagementRate,
    when.minMonthlyIncome === undefined || profile.currentMonthlyIncome >= when.minMonthlyIncome,
    when.maxMonthlyIncome === undefined || profile.currentMonthlyIncome < when.maxMonthlyIncome,
    when.minHoursPerWeek === undefined || profile.hoursPerWeek >= when.minHoursPerWeek,
    when.maxHoursPerWeek === undefined || profile.hoursPerWeek < when.maxHoursPerWeek,
    when.topPlatformIn === undefined ||
      (audience.topPlatform !== null && when.topPlatformIn.includes(audience.topPlatform.normalized)),
    when.requires === undefined || when.requires.every((field) => (profile[field] ?? '').trim().length > 0),
  ];
  return checks.every(Boolean);
}

function renderReasons(
  template: PlanTemplate,
  profile: CoachProfile,
  audience: AudienceSummary,
  price: SuggestedPrice,
  timeline: PlanTimeline,
  economics: EconomicsProjection,
): string[] {
  const money = (n: number) => formatMoney(n, price.currency);
  const span = (r: { min: number; max: number }, f: (n: number) => string) =>
    r.min === r.max ? f(r.min) : `${f(r.min)}-${f(r.max)}`;
  const mid = Math.round((price.min + price.max) / 2);
  const description = profile.audienceDescription?.trim();
  const values: Record<ReasonPlaceholder, string | undefined> = {
    niche: profile.niche.trim() || undefined,
    goal: profile.goal.trim() || undefined,
    totalFollowers: audience.totalFollowers.toLocaleString('en-US'),
    engagedFollowers: economics.engaged.toLocaleString('en-US'),
    topPlatform: audience.topPlatform ? displayPlatform(audience.topPlatform.original) : undefined,
    engagementRate: `${audience.engagementRate.toFixed(1)}%`,
    hoursPerWeek: String(profile.hoursPerWeek),
    currentMonthlyIncome: formatMoney(profile.currentMonthlyIncome, 'USD'),
    audienceDescription: description ? description.replace(/[.\s]+$/, '') : undefined,
    priceMin: formatMoney(price.min, price.currency),
    priceMax: formatMoney(price.max, price.currency),
    priceMid: formatMoney(mid, price.currency),
    membersFor1000: mid > 0 ? String(Math.ceil(1000 / mid)) : undefined,
    timelineWeeks: String(timeline.weeks),
    expectedMembers: span(economics.members, (n) => n.toLocaleString('en-US')),
    expectedMonthlyRevenue: economics.revenuePeriod === 'month' ? span(economics.revenue, money) : undefined,
  };
  const out: string[] = [];
  for (const reason of template.whyThisWorks) {
    if (!conditionHolds(reason.when, profile, audience)) continue;
    const used = placeholdersIn(reason.text) as ReasonPlaceholder[];
    if (used.some((p) => values[p] === undefined)) continue;
    out.push(reason.text.replace(/\{\{\s*([a-zA-Z0-9]+)\s*\}\}/g, (_, name: ReasonPlaceholder) => values[name]!));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/** Copies the template into the creator's own plan and personalises it from the profile. Pure: `now` is given. */
export function personalizePlan(template: PlanTemplate, profile: CoachProfile, now: Date): CustomizedPlan {
  const audience = summarizeAudience(profile);
  const suggestedPrice = suggestPrice(template, audience);
  const suggestedPlatforms = suggestPlatforms(template, audience);
  const timeline = planTimeline(template, profile.hoursPerWeek, now);
  const economics = projectEconomics({
    channels: profile.platforms,
    price: suggestedPrice,
    assumptions: template.opportunity.economics,
  });
  const whyThisWorks = renderReasons(template, profile, audience, suggestedPrice, timeline, economics);
  // A deep copy: the stored plan must never share objects with the cached template.
  const copy = structuredClone(template);
  return {
    planVersion: 1,
    opportunityId: copy.opportunity.id,
    generatedAt: now.toISOString(),
    opportunity: copy.opportunity,
    phases: copy.phases,
    proTips: copy.proTips,
    commonPitfalls: copy.commonPitfalls,
    decisionPoints: copy.decisionPoints,
    ...(copy.platformOptions ? { platformOptions: copy.platformOptions } : {}),
    personalization: {
      suggestedPrice,
      suggestedPlatforms,
      economics,
      timeline,
      whyThisWorks,
      audience: {
        totalFollowers: audience.totalFollowers,
        engagedFollowers: economics.engaged,
        engagementRate: Math.round(audience.engagementRate * 100) / 100,
        topPlatform: audience.topPlatform ? displayPlatform(audience.topPlatform.original) : null,
      },
    },
  };
}

export type { AudienceSummary };
export { summarizeAudience };

/** The plan's conversion assumptions (plans stored before templates carried them use the defaults). */
export function economicsAssumptionsOf(plan: CustomizedPlan): EconomicsAssumptions {
  return plan.opportunity.economics ?? DEFAULT_ECONOMICS;
}

/** What a creator can expect from a template before starting it: the projection at the price a plan would suggest. */
export function expectedEconomics(
  template: PlanTemplate,
  profile: Pick<CoachProfile, 'platforms'>,
): EconomicsProjection {
  const price = suggestPrice(template, summarizeAudience(profile));
  return projectEconomics({ channels: profile.platforms, price, assumptions: template.opportunity.economics });
}

/** A decision as the outlook reads it: its category and stored value. */
interface DecidedValue {
  category: string;
  value: unknown;
}

/**
 * The prices the creator decided, from the latest pricing decision that names them: the regular price to project at
 * (the founding price is the launch offer, not what the community lives on) and the founding-member price.
 */
export function decidedPrices(decisions: readonly DecidedValue[]): { regular?: PriceRange; founding?: number } {
  const found: { regular?: PriceRange; founding?: number } = {};
  for (const d of [...decisions].reverse()) {
    if (d.category !== 'pricing') continue;
    const value = d.value as PricingValue;
    for (const p of [value, ...(value.also ?? [])]) {
      if (!(p.amount > 0)) continue;
      if (p.founding) found.founding ??= p.amount;
      else if (!found.regular) {
        const { amount, interval } = inProjectionUnits(p.amount, p.interval);
        found.regular = { min: amount, max: amount, currency: p.currency, interval };
      }
    }
    if (found.regular && found.founding !== undefined) break;
  }
  return found;
}

/** The launch day (YYYY-MM-DD) of the latest launch decision, if there is one. */
export function decidedLaunchDay(decisions: readonly DecidedValue[]): string | undefined {
  const launch = [...decisions]
    .reverse()
    .find((d) => d.category === 'timeline' && (d.value as TimelineValue).event === 'launch');
  return launch ? (launch.value as TimelineValue).date : undefined;
}

/** Where a project stands against its plan's expectations, worked out afresh from the profile and the decisions. */
export interface ProjectOutlook {
  /** Members and revenue for the audience the profile has now; null with no audience in it. */
  economics: EconomicsProjection | null;
  /** `decided`: at the price the creator decided; `suggested`: at the plan's suggested range. */
  priceBasis: 'decided' | 'suggested';
  /** The launch day the creator decided, else the plan's target. */
  targetLaunchDate: string;
  launchBasis: 'decided' | 'plan';
}

/**
 * One projection for a project wherever its numbers appear (the project page, the export, the coach): the profile as
 * it is now (a plan keeps the projection made when it started, which goes stale as the audience changes) at the
 * decided price once there is one, and the decided launch day over the plan's.
 */
export function projectOutlook(
  plan: CustomizedPlan,
  channels: readonly AudienceChannel[],
  decisions: readonly DecidedValue[],
): ProjectOutlook {
  const decided = decidedPrices(decisions).regular;
  const price = decided ?? plan.personalization.suggestedPrice;
  const economics = channels.some((c) => c.followers > 0)
    ? projectEconomics({ channels, price, assumptions: economicsAssumptionsOf(plan) })
    : null;
  const launchDay = decidedLaunchDay(decisions);
  return {
    economics,
    priceBasis: decided ? 'decided' : 'suggested',
    targetLaunchDate: launchDay ?? plan.personalization.timeline.targetLaunchDate,
    launchBasis: launchDay ? 'decided' : 'plan',
  };
}
