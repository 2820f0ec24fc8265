/**
 * What a stated price means for a creator: members and revenue at typical paid-community conversion rates.
 */
import { findPriceMentions } from './detector/pricing.js';
import { formatCount, formatMoney, formatPercent } from './money.js';
import type { CoachContext } from './offline/context.js';

export type BillingPeriod = 'month' | 'year' | 'week' | 'once';

export interface StatedPrice {
  amount: number;
  currency: string;
  period: BillingPeriod;
  /** False when the message gave no period and we assumed monthly (the usual community model). */
  periodStated: boolean;
}

/** Paid communities usually convert 1–5 % of an engaged audience. */
export const CONVERSION_RATES = [0.01, 0.02, 0.05] as const;

/**
 * The prices a message states, read by the detector's price parser (the one parser), with the period the offline
 * coach works in. A price without a stated interval is taken as monthly (`periodStated: false`).
 */
export function parsePrices(message: string, defaultCurrency = 'USD'): StatedPrice[] {
  return findPriceMentions(message.toLowerCase(), { bareWithInterval: true }).map((m) => ({
    amount: m.interval === 'quarter' ? m.amount / 3 : m.amount,
    currency: m.currency === 'DEFAULT' ? defaultCurrency : m.currency,
    period:
      m.interval === 'one-time'
        ? 'once'
        : m.interval === 'unspecified' || m.interval === 'quarter'
          ? 'month'
          : m.interval,
    periodStated: m.interval !== 'unspecified',
  }));
}

export function monthlyEquivalent(price: StatedPrice): number {
  switch (price.period) {
    case 'year':
      return price.amount / 12;
    case 'week':
      return (price.amount * 52) / 12;
    default:
      return price.amount;
  }
}

export interface ConversionRow {
  rate: number;
  members: number;
  /** Recurring revenue per month (for one-time prices: the one-off total). */
  monthly: number;
  annual: number;
}

export function projectRevenue(price: StatedPrice, audience: number): ConversionRow[] {
  return CONVERSION_RATES.map((rate) => {
    const members = Math.round(audience * rate);
    if (price.period === 'once')
      return { rate, members, monthly: members * price.amount, annual: members * price.amount };
    const monthly = members * monthlyEquivalent(price);
    return { rate, members, monthly, annual: monthly * 12 };
  });
}

/** Which conversion rate is a realistic plan for this creator, and why. */
export function typicalRate(creator: CoachContext['creator']): { rate: number; why: string } {
  const base =
    'Most followers never see a given launch post, and only a small share of those who do are ready to pay every month, ' +
    'so paid communities usually convert 1–5% of an engaged audience, and a first launch lands near the bottom of that range.';
  const engagement = creator.engagementRate;
  if (engagement !== undefined && engagement >= 4) {
    return {
      rate: 0.02,
      why:
        `${base} Your engagement rate of ${engagement}% is above what most accounts see (roughly 1–3%), ` +
        'so 2% is a realistic target. 5% usually takes a warm waitlist or people who have already bought from you.',
    };
  }
  return {
    rate: 0.01,
    why:
      `${base} Plan around 1%; 2% is realistic once you have pre-sold to a waitlist or email list, ` +
      'and 5% usually takes a very warm audience that already buys from you.',
  };
}

function periodLabel(price: StatedPrice): string {
  switch (price.period) {
    case 'year':
      return '/year';
    case 'week':
      return '/week';
    case 'once':
      return ' one-time';
    default:
      return '/month';
  }
}

export function describePrice(price: StatedPrice): string {
  return `${formatMoney(price.amount, price.currency)}${periodLabel(price)}`;
}

/** The goal's monthly revenue target when the goal states one ("$3,000/month", "5k a month"). */
export function monthlyGoal(goal: string | undefined, currency: string): StatedPrice | undefined {
  if (!goal) return undefined;
  const normalized = goal.replace(/(\d+(?:\.\d+)?)\s?k\b/gi, (_m, n: string) => String(Number.parseFloat(n) * 1000));
  return parsePrices(normalized, currency).find((p) => p.period === 'month' || p.period === 'year');
}

/** The revenue section of an answer about a price. */
export function revenueSection(
  price: StatedPrice,
  ctx: CoachContext | undefined,
  options: { compact?: boolean } = {},
): string {
  const lines: string[] = [];
  const audience = ctx?.creator.totalFollowers ?? 0;
  const label = describePrice(price);
  const assumed = price.periodStated ? '' : ' (I assumed monthly billing, the usual model for a paid community)';

  if (audience <= 0) {
    lines.push(`**What ${label} adds up to**${assumed}`);
    for (const members of [50, 100, 250]) {
      const monthly = members * monthlyEquivalent(price);
      lines.push(
        price.period === 'once'
          ? `- ${formatCount(members)} buyers: ${formatMoney(members * price.amount, price.currency)} once`
          : `- ${formatCount(members)} members: ${formatMoney(monthly, price.currency)}/month, about ${formatMoney(monthly * 12, price.currency)}/year`,
      );
    }
    lines.push(
      '',
      "Add your follower count to your profile and I'll turn this into members at 1%, 2% and 5% conversion of your audience.",
    );
    return lines.join('\n');
  }

  const rows = projectRevenue(price, audience);
  lines.push(`**What ${label} could mean with ${formatCount(audience)} followers**${assumed}`);
  for (const row of rows) {
    const who = `${formatCount(row.members)} ${price.period === 'once' ? 'buyers' : 'members'}`;
    lines.push(
      price.period === 'once'
        ? `- ${formatPercent(row.rate)} conversion: ${who} → ${formatMoney(row.monthly, price.currency)} once`
        : `- ${formatPercent(row.rate)} conversion: ${who} → ${formatMoney(row.monthly, price.currency)}/month, about ${formatMoney(row.annual, price.currency)}/year`,
    );
  }
  const typical = typicalRate(ctx?.creator ?? { totalFollowers: audience });
  const typicalRow = rows.find((r) => r.rate === typical.rate);
  const typicalHead = `**The typical figure is ${formatPercent(typical.rate)}${typicalRow ? ` (${formatCount(typicalRow.members)} ${price.period === 'once' ? 'buyers' : 'members'})` : ''}.**`;
  lines.push('');
  lines.push(options.compact ? typicalHead : `${typicalHead} ${typical.why}`);
  if (price.period !== 'once' && !options.compact) {
    lines.push(
      'These are totals before platform and payment fees. Members also cancel every month, so the yearly figure assumes you keep replacing the ones who leave.',
    );
  }

  const goal = monthlyGoal(ctx?.creator.goal, price.currency);
  if (goal && price.period !== 'once' && goal.currency === price.currency) {
    const goalMonthly = monthlyEquivalent(goal);
    const needed = Math.ceil(goalMonthly / monthlyEquivalent(price));
    const share = needed / audience;
    lines.push(
      `To reach your goal of ${formatMoney(goalMonthly, goal.currency)}/month at ${label} you need about ${formatCount(needed)} members, ` +
        `${share < 0.001 ? 'under 0.1%' : formatPercent(Math.round(share * 1000) / 1000)} of your audience` +
        (share > 0.05
          ? ' — more than even a strong launch converts, so plan to grow your audience or raise the price.'
          : '.'),
    );
  }
  return lines.join('\n');
}

/** How the stated price sits against the plan's suggested range. */
export function suggestedRangeNote(price: StatedPrice, ctx: CoachContext | undefined): string | undefined {
  const range = ctx?.suggestedPrice;
  if (!range || range.currency !== price.currency || price.period === 'once') return undefined;
  const monthly = monthlyEquivalent(price);
  const span = `${formatMoney(range.min, range.currency)}–${formatMoney(range.max, range.currency)}/month`;
  if (monthly < range.min) {
    return (
      `That is below your plan's suggested range of ${span}. A lower price lowers the barrier, but you need more members for the same income ` +
      `and cheap communities often attract less committed members. Consider ${formatMoney(range.min, range.currency)} with a founding-member discount instead.`
    );
  }
  if (monthly > range.max) {
    return (
      `That is above your plan's suggested range of ${span}. It can work if the offer clearly justifies it (live calls, direct access, ` +
      'a concrete outcome); test it with a small founding group before the public launch.'
    );
  }
  return `That is inside your plan's suggested range of ${span}.`;
}
