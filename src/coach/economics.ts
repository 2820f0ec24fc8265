/**
 * The coach's one economics model (docs/COACH-ECONOMICS.md). Every number about members and revenue (the plan's
 * personalisation, the offline coach, the model's system prompt) comes from `projectEconomics`:
 *
 * 1. Engaged audience per platform = followers × engagement rate; an email list counts its subscribers × open rate.
 * 2. Members = engaged audience × the template's conversion range (one range for social platforms, one for email
 *    openers), summed over platforms and rounded.
 * 3. Monthly revenue = fewest members × lowest price … most members × highest price (an annual price counts 1/12 a
 *    month; a one-time price is revenue once, not per month).
 * A platform with no engagement rate (0) uses the template's assumed rate, and the assumptions say so.
 */
import { findPriceMentions, isFoundingMention, type PriceInterval } from './detector/pricing.js';
import { formatCount, formatMoney, formatPercent } from './money.js';
import { normalizePlatform } from './templates/platform-names.js';

export interface Range {
  min: number;
  max: number;
}

/** The template's conversion assumptions (`opportunity.economics`). Rates are fractions: 0.005 is 0.5%. */
export interface EconomicsAssumptions {
  conversion: { social: Range; email: Range };
  /** Rates in percent assumed for a platform whose rate the creator did not give (0). */
  assumedRates: { socialEngagementPercent: number; emailOpenPercent: number };
}

/** What the model reads about one audience platform; `engagementRate` in percent (for email: the open rate). */
export interface AudienceChannel {
  platform: string;
  followers: number;
  engagementRate: number;
}

export type PriceUnit = 'month' | 'year' | 'one-time';

export interface PriceRange extends Range {
  currency: string;
  interval: PriceUnit;
}

export interface ChannelProjection {
  platform: string;
  kind: 'social' | 'email';
  followers: number;
  /** Percent used (the creator's, or the assumed one when `rateAssumed`). */
  engagementRate: number;
  rateAssumed: boolean;
  engaged: number;
  conversion: Range;
  members: Range;
}

export interface EconomicsProjection {
  channels: ChannelProjection[];
  totalFollowers: number;
  engaged: number;
  members: Range;
  price: PriceRange;
  /** Per month for recurring prices; for a one-time price, the one-off total. */
  revenue: Range;
  revenuePeriod: 'month' | 'once';
  /** Plain sentences a creator can check, in the order the numbers were made. */
  assumptions: string[];
}

/** Used for plans stored before templates carried their economics: the premium-community template's figures. */
export const DEFAULT_ECONOMICS: EconomicsAssumptions = {
  conversion: { social: { min: 0.005, max: 0.02 }, email: { min: 0.025, max: 0.125 } },
  assumedRates: { socialEngagementPercent: 1.5, emailOpenPercent: 35 },
};

export function isEmailPlatform(platform: string): boolean {
  return normalizePlatform(platform) === 'newsletter';
}

function monthlyPrice(amount: number, interval: PriceUnit): number {
  return interval === 'year' ? amount / 12 : amount;
}

function describeRange(range: Range, format: (n: number) => string): string {
  const [min, max] = [format(range.min), format(range.max)];
  return min === max ? min : `${min}–${max}`;
}

export function describePriceRange(price: PriceRange): string {
  const per = price.interval === 'one-time' ? ' one-time' : `/${price.interval}`;
  return `${describeRange(price, (n) => formatMoney(n, price.currency))}${per}`;
}

/** The members and revenue an audience can expect at a price range, with the assumptions behind them. */
export function projectEconomics(input: {
  channels: readonly AudienceChannel[];
  price: PriceRange;
  assumptions: EconomicsAssumptions;
}): EconomicsProjection {
  const { price, assumptions } = input;
  const channels: ChannelProjection[] = input.channels
    .filter((c) => c.followers > 0)
    .map((c) => {
      const kind = isEmailPlatform(c.platform) ? 'email' : 'social';
      const rateAssumed = !(c.engagementRate > 0);
      const rate = rateAssumed
        ? kind === 'email'
          ? assumptions.assumedRates.emailOpenPercent
          : assumptions.assumedRates.socialEngagementPercent
        : c.engagementRate;
      const engaged = (c.followers * rate) / 100;
      const conversion = assumptions.conversion[kind];
      return {
        platform: c.platform,
        kind,
        followers: c.followers,
        engagementRate: rate,
        rateAssumed,
        engaged: Math.round(engaged),
        conversion,
        members: { min: engaged * conversion.min, max: engaged * conversion.max },
      };
    });
  const engaged = channels.reduce((sum, c) => sum + c.engaged, 0);
  const members = {
    min: Math.round(channels.reduce((sum, c) => sum + c.members.min, 0)),
    max: Math.round(channels.reduce((sum, c) => sum + c.members.max, 0)),
  };
  for (const c of channels) c.members = { min: Math.round(c.members.min), max: Math.round(c.members.max) };
  const revenue = {
    min: members.min * monthlyPrice(price.min, price.interval),
    max: members.max * monthlyPrice(price.max, price.interval),
  };
  const count = (n: number) => formatCount(n);
  const lines: string[] = [];
  for (const c of channels) {
    const what = c.kind === 'email' ? 'subscribers' : 'followers';
    const rateWord = c.kind === 'email' ? 'open rate' : 'engagement';
    const rate = `${formatPercent(c.engagementRate / 100)} ${rateWord}${c.rateAssumed ? ' (assumed: none given)' : ''}`;
    lines.push(
      `${c.platform}: ${count(c.followers)} ${what} × ${rate} = ${count(c.engaged)} engaged; ` +
        `${describeRange(c.conversion, (r) => formatPercent(r))} of them join = ${describeRange(c.members, count)} members.`,
    );
  }
  lines.push(
    price.interval === 'one-time'
      ? `${describeRange(members, count)} buyers × ${describePriceRange(price)} = ${describeRange(revenue, (n) => formatMoney(n, price.currency))} once.`
      : `${describeRange(members, count)} members × ${describePriceRange(price)} = ${describeRange(revenue, (n) => formatMoney(n, price.currency))}/month` +
          `${price.interval === 'year' ? ' (an annual price counted as a twelfth each month)' : ''}, before platform and payment fees.`,
  );
  return {
    channels,
    totalFollowers: channels.reduce((sum, c) => sum + c.followers, 0),
    engaged,
    members,
    price,
    revenue,
    revenuePeriod: price.interval === 'one-time' ? 'once' : 'month',
    assumptions: lines,
  };
}

/** "12–48 members, $228–$1,872/month": the headline of a projection. */
export function projectionHeadline(p: EconomicsProjection): string {
  const money = (n: number) => formatMoney(n, p.price.currency);
  const who = p.price.interval === 'one-time' ? 'buyers' : 'members';
  const per = p.revenuePeriod === 'once' ? ' once' : '/month';
  return `${describeRange(p.members, formatCount)} ${who}, ${describeRange(p.revenue, money)}${per}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a message

/** A price a message states, as the coach reasons about it (the detector's parser, the one parser). */
export interface StatedPrice {
  amount: number;
  currency: string;
  interval: PriceUnit;
  /** False when the message gave no interval and monthly billing was assumed. */
  intervalStated: boolean;
  /** A founding-member (early, launch) price. */
  founding: boolean;
}

const unitOf: Record<PriceInterval, PriceUnit> = {
  month: 'month',
  year: 'year',
  week: 'month',
  quarter: 'month',
  'one-time': 'one-time',
  unspecified: 'month',
};

/** A price as the model counts it: weekly and quarterly prices as their monthly amount, an unstated interval monthly. */
export function inProjectionUnits(amount: number, interval: PriceInterval): { amount: number; interval: PriceUnit } {
  const perMonth = interval === 'week' ? 52 / 12 : interval === 'quarter' ? 1 / 3 : 1;
  return { amount: amount * perMonth, interval: unitOf[interval] };
}

/** Prices stated in a message ("$49", "49 a month", "€29/mo", "$490 a year", "$199 one-time"); weekly and quarterly as monthly. */
export function parsePrices(message: string, defaultCurrency = 'USD'): StatedPrice[] {
  const lower = message.toLowerCase();
  return findPriceMentions(lower, { bareWithInterval: true }).map((m) => ({
    ...inProjectionUnits(m.amount, m.interval),
    currency: m.currency === 'DEFAULT' ? defaultCurrency : m.currency,
    intervalStated: m.interval !== 'unspecified',
    founding: isFoundingMention(lower, m),
  }));
}

const countWord = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|m|thousand|million)?`;
const audienceNoun = String.raw`(followers|subscribers|subs|fans|listeners|readers|viewers|people)`;
const statedCount = new RegExp(
  String.raw`\b${countWord}\s+(?:([a-z][a-z-]*|email|newsletter)\s+)?${audienceNoun}(?:\s+on\s+([a-z][a-z-]*))?`,
  'gi',
);
const statedList = new RegExp(
  String.raw`\b(?:email|mailing|newsletter)\s*list\s+(?:of|has|with|is|at)\s+(?:about\s+|around\s+|roughly\s+)?${countWord}`,
  'gi',
);
const statedRate =
  /\b(\d+(?:\.\d+)?)\s*%\s*(engagement|engagement rate|open rate|opens?)\b|\b(engagement|open rate)(?: rate)?\s+(?:is|of|at|around|about|=)\s+(?:about\s+|around\s+)?(\d+(?:\.\d+)?)\s*%/gi;

function countOf(raw: string, unit: string | undefined): number {
  const n = Number(raw.replace(/,/g, ''));
  const u = unit?.toLowerCase();
  return Math.round(u === 'k' || u === 'thousand' ? n * 1000 : u === 'm' || u === 'million' ? n * 1_000_000 : n);
}

const NOT_PLATFORMS = new Set(['paying', 'paid', 'new', 'active', 'engaged', 'loyal', 'total', 'more', 'real', 'the']);

/**
 * The audience the creator states in a message ("I have 12k followers", "40k Instagram followers at 2% engagement",
 * "my email list has 3,000 subscribers with a 45% open rate"). These numbers win over the profile for that answer.
 */
export function statedAudience(
  message: string,
): Array<{ platform?: string; followers: number; engagementRate?: number }> {
  const found: Array<{ platform?: string; followers: number; engagementRate?: number; email: boolean }> = [];
  for (const m of message.matchAll(statedCount)) {
    const before = message.slice(Math.max(0, (m.index ?? 0) - 20), m.index ?? 0);
    // "how many paying members…", "100 members" are not the audience.
    if (/\b(?:how many|need|want|get|cap|capped|limit)\s*$/i.test(before)) continue;
    const noun = m[4]!.toLowerCase();
    const word = (m[3] ?? m[5])?.toLowerCase();
    const platform = word && !NOT_PLATFORMS.has(word) ? word : undefined;
    const email =
      /email|newsletter/.test(`${word ?? ''}`) ||
      (noun === 'subscribers' && /\b(?:email|newsletter|list)\b/i.test(message));
    found.push({
      followers: countOf(m[1]!, m[2]),
      email,
      ...(email ? { platform: 'Newsletter' } : platform ? { platform } : {}),
    });
  }
  for (const m of message.matchAll(statedList)) {
    const followers = countOf(m[1]!, m[2]);
    // "my email list has 3,000 subscribers" was already read as a count of subscribers.
    if (!found.some((f) => f.email && f.followers === followers))
      found.push({ followers, email: true, platform: 'Newsletter' });
  }
  const rates = [...message.matchAll(statedRate)].map((m) => ({
    rate: Number(m[1] ?? m[4]),
    email: /open/i.test(m[2] ?? m[3] ?? ''),
  }));
  for (const r of rates) {
    const target =
      found.find((f) => f.email === r.email && f.engagementRate === undefined) ??
      (r.email ? undefined : found.find((f) => f.engagementRate === undefined));
    if (target) target.engagementRate = r.rate;
  }
  return found.map(({ email: _email, ...rest }) => rest);
}

/**
 * The profile's channels with what the message states laid over them: a stated platform replaces that platform's
 * numbers (or adds it); a stated count without a platform replaces the whole audience when the profile has more than
 * one social platform, or the one platform it has.
 */
export function channelsForAnswer(
  profileChannels: readonly AudienceChannel[],
  message: string,
): { channels: AudienceChannel[]; stated: boolean } {
  const stated = statedAudience(message);
  if (stated.length === 0) return { channels: [...profileChannels], stated: false };
  let channels = [...profileChannels];
  for (const s of stated) {
    const key = s.platform ? normalizePlatform(s.platform) : undefined;
    const index = key ? channels.findIndex((c) => normalizePlatform(c.platform) === key) : -1;
    if (index >= 0) {
      const current = channels[index]!;
      channels[index] = {
        ...current,
        followers: s.followers,
        engagementRate: s.engagementRate ?? current.engagementRate,
      };
    } else if (key) {
      channels.push({
        platform: displayName(s.platform!),
        followers: s.followers,
        engagementRate: s.engagementRate ?? 0,
      });
    } else {
      const social = channels.filter((c) => !isEmailPlatform(c.platform));
      const weighted = social.reduce((sum, c) => sum + c.followers * c.engagementRate, 0);
      const followers = social.reduce((sum, c) => sum + c.followers, 0);
      const rate = s.engagementRate ?? (followers > 0 ? Math.round((weighted / followers) * 100) / 100 : 0);
      const platform = social.length === 1 ? social[0]!.platform : 'Your audience';
      channels = [
        ...channels.filter((c) => isEmailPlatform(c.platform)),
        { platform, followers: s.followers, engagementRate: rate },
      ];
    }
  }
  return { channels, stated: true };
}

function displayName(word: string): string {
  return word.length <= 2 ? word.toUpperCase() : `${word[0]!.toUpperCase()}${word.slice(1)}`;
}

/** The goal's monthly revenue target when the goal states one ("$3,000/month", "5k a month"). */
export function monthlyGoal(goal: string | undefined, currency: string): StatedPrice | undefined {
  if (!goal) return undefined;
  const normalized = goal.replace(/(\d+(?:\.\d+)?)\s?k\b/gi, (_m, n: string) => String(Number.parseFloat(n) * 1000));
  return parsePrices(normalized, currency).find((p) => p.interval !== 'one-time' && p.intervalStated);
}
