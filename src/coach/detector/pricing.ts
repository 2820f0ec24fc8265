import { formatMoney } from '../money.js';
import { isHedgedMention, isNegatedMention, numberWordsPattern, parseNumberWords } from './text.js';

export type PriceInterval = 'month' | 'year' | 'week' | 'quarter' | 'one-time' | 'unspecified';

export interface PriceValue {
  amount: number;
  currency: string;
  interval: PriceInterval;
  /** The price is the founding-member (early, launch, beta) price. */
  founding?: boolean;
  /** The tier the price is for, when the sentence names one ("a $10 premium tier"): premium, vip, pro, basic… */
  tier?: string;
}

export interface PricingValue extends PriceValue {
  /** Other prices offered alongside ("$59 monthly or $590 yearly"). */
  also?: PriceValue[];
}

interface PriceMention extends PriceValue {
  start: number;
  end: number;
}

const symbolCurrency: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  ca$: 'CAD',
  c$: 'CAD',
  cad$: 'CAD',
  au$: 'AUD',
  a$: 'AUD',
  aud$: 'AUD',
  nz$: 'NZD',
  nzd$: 'NZD',
  s$: 'SGD',
  r$: 'BRL',
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  '¥': 'JPY',
};
const wordCurrency: Record<string, string> = {
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  buck: 'USD',
  bucks: 'USD',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  cad: 'CAD',
  aud: 'AUD',
  nzd: 'NZD',
  chf: 'CHF',
  francs: 'CHF',
  inr: 'INR',
  rupees: 'INR',
  rs: 'INR',
  sgd: 'SGD',
  jpy: 'JPY',
  yen: 'JPY',
  sek: 'SEK',
  nok: 'NOK',
  dkk: 'DKK',
  zar: 'ZAR',
  rand: 'ZAR',
  brl: 'BRL',
  mxn: 'MXN',
  pln: 'PLN',
};

// 1,200 and 49.99, and the decimal comma of most of Europe (9,99): a comma before exactly two digits is cents.
const num = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2})|,(\d{2})(?![\d,]))?(?:\s?(k)\b)?`;
const currencyCode = 'usd|eur|gbp|cad|aud|nzd|chf|inr|sgd|jpy|sek|nok|dkk|zar|brl|mxn|pln';
const currencyWord = `(${currencyCode}|dollars?|bucks?|euros?|pounds?|quid|francs|rupees|yen|rand)`;
const currencySymbol = String.raw`(?:(?<![a-z])(?:us|ca|cad|c|au|aud|a|nz|nzd|s|r))?\$|€|£|₹|¥`;

// Each pattern: how a price is written. Each `read` turns the groups into an amount and a currency.
const patterns: Array<{ re: RegExp; read: (m: RegExpExecArray) => { amount: number; currency: string } | undefined }> =
  [
    // $49, $49.99, US$ 49, CA$45, NZ$20, €29, £15, ₹999, $1.5k
    {
      re: new RegExp(String.raw`(${currencySymbol})\s?${num}(?:\s?${currencyWord})?`, 'g'),
      read: (m) => ({
        amount: amountOf(m[2]!, m[3] ?? m[4], m[5]),
        currency: m[6] ? wordCurrency[m[6]]! : symbolCurrency[m[1]!]!,
      }),
    },
    // 49 dollars, 29 euros, 79 USD, 35 bucks, 29€
    {
      re: new RegExp(String.raw`(?<![\w$€£₹¥.,])${num}\s?(?:${currencyWord}\b|(€|£|₹|¥))`, 'g'),
      read: (m) => ({
        amount: amountOf(m[1]!, m[2] ?? m[3], m[4]),
        currency: m[5] ? wordCurrency[m[5]]! : symbolCurrency[m[6]!]!,
      }),
    },
    // USD 79, EUR 29, CHF 40, Rs 999
    {
      re: new RegExp(String.raw`\b(${currencyCode}|rs\.?)\s?${num}`, 'g'),
      read: (m) => ({ amount: amountOf(m[2]!, m[3] ?? m[4], m[5]), currency: wordCurrency[m[1]!.replace('.', '')]! }),
    },
    // thirty-nine a month, forty-nine per month: number words with a monthly or yearly interval (default currency)
    {
      re: new RegExp(
        String.raw`\b(${numberWordsPattern})(?=\s+(?:a|per)\s+(?:month|year)\b|\s+(?:monthly|yearly|annually)\b)`,
        'g',
      ),
      read: (m) => {
        const amount = parseNumberWords(m[1]!);
        return amount === undefined || amount < 5 ? undefined : { amount, currency: 'DEFAULT' };
      },
    },
    // twenty-nine dollars, forty nine bucks
    {
      re: new RegExp(String.raw`\b(${numberWordsPattern})\s+(dollars|bucks|euros|pounds|quid)\b`, 'g'),
      read: (m) => {
        const amount = parseNumberWords(m[1]!);
        return amount === undefined ? undefined : { amount, currency: wordCurrency[m[2]!]! };
      },
    },
  ];

// A bare number right after a pricing verb: "charge 29 a month", "price it at 39/month". The interval (or the verb
// "charge") is what makes a bare number a price; "two posts a week" never reaches here.
const barePrice =
  /\b(?:charg(?:e|ing)|pric(?:e|ed|ing)(?: it)? at|price (?:is|will be)|pays?|paying|for|at)\s+(\d{1,4}(?:\.\d{1,2})?)(?=\s*(?:\/\s*(?:mo|month|m|yr|year|y|wk|week)\b|(?:a|an|per|each|every)\s+(?:month|year|week)\b|monthly\b|yearly\b|annually\b|one[- ]time\b))/g;
// "monthly membership is 19.99", "the annual plan at 290": a bare amount after a linking word, kept only when an
// interval is written next to it (checked in findPriceMentions).
const linkedBare =
  /\b(?:is|at|be|of)\s+(\d{1,4}(?:\.\d{2})?)\b(?!\s*(?:%|percent|people|members|students|spots|seats|weeks?|days?|months?|years?|hours?|am|pm))/g;
const chargeBare =
  /\b(?:charg(?:e|ing)|pric(?:e|ed|ing)(?: it)? at|sell(?:ing)?(?: it)? for)\s+(\d{1,4}(?:\.\d{1,2})?)\b(?!\s*(?:%|percent|people|members|students|spots|seats))/g;

function amountOf(whole: string, cents: string | undefined, k: string | undefined): number {
  const value = Number(whole.replace(/,/g, '')) + (cents ? Number(`0.${cents}`) : 0);
  return k ? value * 1000 : value;
}

const intervalAfter: Array<[RegExp, PriceInterval]> = [
  [/^\s*(?:\/\s*|per\s+|a\s+|an\s+|each\s+|every\s+)(?:mo|mos|mth|month|m)\b/, 'month'],
  [/^\s*(?:\/\s*|per\s+|a\s+|an\s+|each\s+|every\s+)(?:yr|year|y|annum)\b/, 'year'],
  [/^\s*(?:\/\s*|per\s+|a\s+|each\s+|every\s+)(?:wk|week)\b/, 'week'],
  [/^\s*(?:\/\s*|per\s+|a\s+|each\s+|every\s+)quarter\b/, 'quarter'],
  // "$90 every three months", "$270 every 3 mos": a quarter said in months.
  [/^\s*(?:every|each|per|for)\s+(?:3|three)\s+(?:months?|mos?)\b/, 'quarter'],
  [/^\s*(?:every|each|per|for)\s+(?:12|twelve)\s+(?:months?|mos?)\b/, 'year'],
  [/^\s*(?:per|a)\s+(?:member|person|seat|user)\s*(?:\/\s*|per\s+|a\s+)(?:mo|month)\b/, 'month'],
  [/^\s*(?:per|a)\s+(?:member|person|seat|user)\s*(?:\/\s*|per\s+|a\s+)(?:yr|year)\b/, 'year'],
  [/^\s*(?:monthly|a month|per month|for (?:the|a|one|1) month)\b/, 'month'],
  [/^\s*(?:yearly|annually|annual|a year|per year|for (?:the|a|one|1|the whole|a full) (?:year|yr))\b/, 'year'],
  // "$600 per person, paid once": a fee per head, then how it is paid.
  [
    /^\s*(?:per|a)\s+(?:person|head|member|seat|student)\b[^.;$€£]{0,15}\b(?:paid once|once|one[- ]time|one[- ]off|upfront)\b/,
    'one-time',
  ],
  // "9,90 € im Monat", "15 € al mes", "R$ 29 por mês", "12 € par mois", "99 € pro Jahr", "120 € al año".
  [
    /^\s*(?:(?:\/|pro|im|al|por|par|ao|no)\s*(?:monat|mes|mês|mois)|monatlich|mensual|mensal|mensuel(?:le)?)(?![\p{L}])/u,
    'month',
  ],
  [/^\s*(?:(?:\/|pro|im|al|por|par|ao|no)\s*(?:jahr|año|ano|an)|jährlich|anual|annuel(?:le)?)(?![\p{L}])/u, 'year'],
  [/^\s*weekly\b/, 'week'],
  [/^\s*quarterly\b/, 'quarter'],
  // "A$55 once we open publicly": "once" starting a clause is "when", not a single payment.
  [
    /^\s*(?:one[- ]time|once(?!\s+(?:we|we're|we've|i|i'm|you|they|it|it's|the|our|my|doors|launch|founding|that|this|people|members|everyone)\b)|one[- ]off|upfront|up front|for life|lifetime|flat)\b/,
    'one-time',
  ],
];
const intervalBefore: Array<[RegExp, PriceInterval]> = [
  [/\b(?:monthly|month-to-month|per month)\b[^.;$€£]{0,25}$/, 'month'],
  [/\b(?:annual|yearly|per year)\b[^.;$€£]{0,25}$/, 'year'],
  [/\b(?:one[- ]time|one[- ]off|lifetime|single payment|pay once)\b[^.;$€£]{0,25}$/, 'one-time'],
  [/\b(?:quarterly|per quarter|every quarter)\b[^.;$€£]{0,25}$/, 'quarter'],
];

function intervalFor(lower: string, start: number, end: number): PriceInterval {
  const after = lower.slice(end, end + 40);
  for (const [re, interval] of intervalAfter) if (re.test(after)) return interval;
  // The interval word nearest the amount: "not charging monthly, just a one-time $150" is one-time.
  const before = lower.slice(Math.max(0, start - 40), start);
  let nearest: { at: number; interval: PriceInterval } | undefined;
  for (const [re, interval] of intervalBefore) {
    const m = re.exec(before);
    if (m && (!nearest || m.index > nearest.at)) nearest = { at: m.index, interval };
  }
  if (nearest) return nearest.interval;
  // "$1,000 for the 8-week cohort, one payment": how it is paid, said after what it buys.
  return /^[^$€£;.]{0,40}\b(?:(?:one|single|1) payment|paid (?:once|upfront|up front|in full))\b/.test(after)
    ? 'one-time'
    : 'unspecified';
}

// The creator's own price, not income, spend or someone else's fee.
const pricingIntent =
  /\b(?:charg\w*|pric\w*|bill(?:ed|ing)?|members?\b[^.]{0,20}\bpay|pay(?:ing)?\s+(?:\$|€|£|\d)|membership|subscription|founding|tiers?|per member|to join|join for|access|annual plan|monthly plan|yearly plan|lifetime|one[- ]time|spots?|seats?|cost(?:s)? (?:members|people|them)|will cost|it'll cost|go(?:ing)? with|let's do|(?:i'm|we're|i am|we are) doing|make it|keep it at|plan is|decided|settled|locked|final answer|it is)\b|(?<![\p{L}])(?:preis|precio|preço|prix|mitgliedschaft|membres[ií]a|assinatura|abonnement)(?![\p{L}])/u;
const moneyContextBefore =
  /\b(?:(?:i|we)(?: already)? (?:pay|paid)|(?:i'm|we're|i am|we are) (?:already )?paying|(?:i|we) (?:charged|used to charge|was charging|were charging)|sav(?:e|es|ed|ing)(?:\s+(?:members|people|them|you|everyone|folks))?|make|making|made|earn|earning|earned|bring in|bringing in|revenue|income|mrr|salary|spend|spending|spent|budget|cost(?:s|ing)? (?:me|us)|paying for|paid for|pay for|pay me|pays me|paid me|afford|save|saving|raised|sponsor\w*|invoice|rent|mortgage|bills|(?:my|our|the|a) bill|total(?:ling)?|need|needs|sold for|sells for)(?:\s+(?:is|was|are|of|about|around|like|roughly|at|me|us|=))*\s*$/;
const moneyContextAfter =
  /^\s*(?:\/\s*\w+\s*)?(?:a month\s+|per month\s+|monthly\s+)?(?:in (?:revenue|sales|income|ads|ad revenue|sponsorships?)|mrr|from (?:sponsors?|ads|youtube|brand deals)|on ads|per (?:video|post|sponsorship|episode)|cpm|income)\b/;
const platformCostBefore =
  /\b(?:skool|circle|discord|patreon|kajabi|mighty(?: networks)?|heartbeat|slack|whop|teachable|thinkific|podia|carrd|zapier|kit|convertkit|beehiiv|stripe|zoom)\b[^.;$€£]{0,25}\b(?:costs?|charges?|charged|is|was|fees?|takes|plan|pro|hobby|runs|kostet|ist|cuesta|custa|co[uû]te)\b[^.;$€£]{0,10}$/;
// Things counted per month that are not money: "4 a month" of these is a rhythm, not a price.
const countedThings =
  /\b(?:signing up|joining|new|posts?|calls?|sessions?|workshops?|lessons?|videos?|emails?|newsletters?|episodes?|threads?|challenges?|events?|members?|people|sign-?ups?|subscribers?|followers?|sales|customers?|students?)\b/;
// Without pricing words, a bare amount ("29/month") is a price only when it stands as the statement itself: at the
// start or after "it's" / ":" / "," and followed by nothing but what it is for ("for the community", "with coaching").
// "We get about 40 a month signing up" and "12 a month for netflix" are not prices.
const bareLead = /(?:^|\b(?:it's|it is|is|just|only|then|and)|[:=,>(-])\s*$/;
const bareTail =
  /^\s*(?:\/\s*[a-z]+|(?:a|an|per|each|every)\s+[a-z]+|monthly|yearly|annually)\s*(?:$|[.,;!)]|(?:for|with)\s+(?:the\s+|my\s+|our\s+|a\s+)?(?:community|membership|members?|group|tier|founders?|founding|access|everyone|everything|all|coaching|calls?)\b|\b(?:founding|early|after|then|from now|to start|and)\b)/;
function bareStandsAlone(lower: string, m: { start: number; end: number }): boolean {
  return bareLead.test(lower.slice(0, m.start)) && bareTail.test(lower.slice(m.end));
}
// "Set up payments in Stripe, price is $25/mo": the creator's price next to a tool's name, not the tool's fee.
// "Skool charges me $99/month" is the tool's fee: "charges" and "charged" have the tool as subject, so only the
// creator's own "charge"/"charging" count.
const ownPriceWords = /\b(?:my|our|the) price\b|\bprice (?:is|will be|=)|\bpricing\b|\bcharg(?:e|ing)\b|\bmembership\b/;
// "a $10 premium tier", "VIP tier at $99/month", "the pro plan is $29": the tier a price belongs to.
const tierWord = '(free|basic|standard|core|premium|pro|plus|vip|elite|inner circle|gold|silver|bronze)';
const tierAfter = new RegExp(String.raw`^[^.;,$€£]{0,20}?\b${tierWord}\s+(?:tier|level|plan|membership)\b`);
const tierBefore = new RegExp(String.raw`\b${tierWord}\s+(?:tier|level|plan|membership)\b[^.;,$€£]{0,20}$`);

function tierOf(lower: string, start: number, end: number): string | undefined {
  const after = tierAfter.exec(lower.slice(end, end + 40));
  const before = tierBefore.exec(lower.slice(Math.max(0, start - 40), start));
  const tier = (after ?? before)?.[1];
  return tier && tier !== 'free' ? tier : undefined;
}

// "$25/mo for founders", "A$35 monthly for founders", "$19 for the first 50 members", "$29 early-bird".
const foundingAfter =
  /^\s*(?:\/\s*[a-z]+\s*|(?:a|per)\s+(?:month|year)\s*|(?:monthly|yearly|annually|weekly)\s+)?(?:for\s+(?:the\s+|my\s+|our\s+)?(?:founders?|founding|first\s+\d+|early[- ]?birds?|beta)|early[- ]?bird|founding)\b/;
// "$1,800/yr for founding companies, $2,400 after that", "$19 for founders, $29 regular": the price after the founding
// one is the regular price, even with "founding" a few words before it.
const regularAfter =
  /^\s*(?:\/\s*[a-z]+\s*|(?:a|per)\s+(?:month|year)\s*|(?:monthly|yearly|annually)\s+)?(?:after (?:that|launch|the launch|the founding\b|founding\b|the first\b|founders\b)|afterwards|thereafter|regular(?:ly)?\b|for everyone else|for everybody else|once founding)/;
const foundingBefore = /\b(?:founding|founder|early[- ]bird|early|launch|beta|intro(?:ductory)?)\b[^.;$€£]{0,30}$/;

// A bare amount right before a monthly or yearly interval ("49 a month", "490/year"): a price when someone asks about
// one, too loose for decisions ("3 a week" is a posting rhythm), so only `findPriceMentions(…, { bareWithInterval })`.
const bareWithInterval =
  /(?<![\w$€£.,])(\d{1,4}(?:\.\d{1,2})?)(?=\s*(?:\/\s*|(?:a|an|per|each|every|for (?:the|a|one|the whole|a full))\s+)?(?:month|mo|mth|monthly|year|yr|annum|annually|yearly)\b)/g;

/** A founding-member (early-bird, launch, beta) price, unless the words after it make it the regular one. */
export function isFoundingMention(lower: string, m: { start: number; end: number }): boolean {
  const after = lower.slice(m.end, m.end + 40);
  if (regularAfter.test(after)) return false;
  return foundingBefore.test(lower.slice(Math.max(0, m.start - 40), m.start)) || foundingAfter.test(after);
}

/** Every price written in the sentence, with its interval; includes income and fees (filtered later). */
export function findPriceMentions(lower: string, options: { bareWithInterval?: boolean } = {}): PriceMention[] {
  const found: PriceMention[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  const push = (start: number, end: number, amount: number, currency: string) => {
    if (!(amount > 0 && amount < 100_000) || taken(start, end)) return;
    found.push({ start, end, amount, currency, interval: intervalFor(lower, start, end) });
  };
  for (const { re, read } of patterns) {
    for (const m of lower.matchAll(re)) {
      const v = read(m as RegExpExecArray);
      if (v) push(m.index ?? 0, (m.index ?? 0) + m[0].length, v.amount, v.currency);
    }
  }
  for (const re of options.bareWithInterval
    ? [barePrice, chargeBare, linkedBare, bareWithInterval]
    : [barePrice, chargeBare, linkedBare]) {
    for (const m of lower.matchAll(re)) {
      const start = (m.index ?? 0) + m[0].length - m[1]!.length;
      if (re === linkedBare && intervalFor(lower, start, start + m[1]!.length) === 'unspecified') continue;
      push(start, start + m[1]!.length, Number(m[1]), 'DEFAULT');
    }
  }
  found.sort((a, b) => a.start - b.start);
  // "$19/mo now, going up to $39 after launch": a price without an interval takes the one other interval stated.
  const intervals = new Set(found.map((f) => f.interval).filter((i) => i !== 'unspecified'));
  if (intervals.size === 1) {
    const [only] = intervals;
    for (const f of found) if (f.interval === 'unspecified') f.interval = only!;
  }
  return found;
}

/**
 * The pricing value a sentence states, or undefined when it states no price of the creator's own: a price needs
 * pricing words ("charge", "price", "membership", "going with") or a billing interval ("$29 a month").
 * A "$29 or $39" choice between two amounts for the same interval is undecided (undefined); prices for different
 * intervals ("$59 monthly or $590 yearly") are one offer with an alternative.
 */
export function extractPricing(lower: string, defaultCurrency: string): PricingValue | undefined {
  // Without pricing words, only a price with its billing interval ("$29 a month") reads as the creator's price;
  // income, spending and platform fees are filtered below either way.
  const intent = pricingIntent.test(lower);
  // With pricing words, a bare amount before a monthly or yearly interval is a price too ("pricing: 35 a month").
  const mentions = findPriceMentions(lower, { bareWithInterval: intent || !countedThings.test(lower) }).filter((m) => {
    if (!intent && m.interval === 'unspecified') return false;
    if (!intent && m.currency === 'DEFAULT' && !bareStandsAlone(lower, m)) return false;
    const before = lower.slice(Math.max(0, m.start - 40), m.start);
    const after = lower.slice(m.end, m.end + 40);
    if (moneyContextBefore.test(before) || moneyContextAfter.test(after)) return false;
    if (platformCostBefore.test(before) && !ownPriceWords.test(before)) return false;
    return !isNegatedMention(lower, m.start) && !isHedgedMention(lower, m.start, m.end);
  });
  if (mentions.length === 0) return undefined;
  const values: PriceValue[] = mentions.map((m) => ({
    amount: m.amount,
    currency: m.currency === 'DEFAULT' ? defaultCurrency : m.currency,
    interval: m.interval,
    ...(isFoundingMention(lower, m) ? { founding: true } : {}),
    ...(tierOf(lower, m.start, m.end) ? { tier: tierOf(lower, m.start, m.end) } : {}),
  }));
  // Two different amounts for the same interval joined by "or": still choosing.
  for (let i = 1; i < mentions.length; i++) {
    const a = mentions[i - 1]!;
    const b = mentions[i]!;
    const between = lower.slice(a.end, b.start);
    const [ia, ib] = [values[i - 1]!.interval, values[i]!.interval];
    if (/\bor\b|^\s*\/\s*$|\bvs\b/.test(between) && (ia === ib || ia === 'unspecified' || ib === 'unspecified')) {
      return undefined;
    }
  }
  const primary = values.find((v) => !v.founding) ?? values[0]!;
  const also = values.filter((v) => v !== primary && !(v.amount === primary.amount && v.interval === primary.interval));
  return also.length > 0 ? { ...primary, also } : primary;
}

const samePrice = (a: PriceValue, b: PriceValue) =>
  a.amount === b.amount && a.interval === b.interval && Boolean(a.founding) === Boolean(b.founding);

/**
 * One offer stated over two sentences ("$35/mo. Founding folks get $25/mo", "Annual is $290. Monthly is $29."): the
 * later price, with the earlier one as an alternative; a regular price stays the main one next to a founding price.
 * Undefined when the later price replaces the earlier one instead (same interval, both regular or both founding).
 */
export function combinePrices(earlier: PricingValue, later: PricingValue): PricingValue | undefined {
  const oneFounding = Boolean(earlier.founding) !== Boolean(later.founding);
  const otherInterval =
    earlier.interval !== later.interval && earlier.interval !== 'unspecified' && later.interval !== 'unspecified';
  if (!oneFounding && !otherInterval) return undefined;
  const { also: earlierAlso = [], ...earlierMain } = earlier;
  const { also: laterAlso = [], ...laterMain } = later;
  const primary = later.founding && !earlier.founding ? earlierMain : laterMain;
  const also: PriceValue[] = [];
  for (const v of [earlierMain, ...earlierAlso, laterMain, ...laterAlso]) {
    if (!samePrice(v, primary) && !also.some((a) => samePrice(a, v))) also.push(v);
  }
  return also.length > 0 ? { ...primary, also } : primary;
}

export function formatPrice(value: PriceValue): string {
  const per: Record<PriceInterval, string> = {
    month: '/month',
    year: '/year',
    week: '/week',
    quarter: '/quarter',
    'one-time': ' one-time',
    unspecified: '',
  };
  const tier = value.tier ? ` (${value.tier} tier)` : '';
  return `${formatMoney(value.amount, value.currency)}${per[value.interval]}${value.founding ? ' (founding)' : ''}${tier}`;
}
