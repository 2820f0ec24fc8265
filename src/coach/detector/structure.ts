import { isNegatedMention, parseNumberWords } from './text.js';

/** How members join and what levels exist. Only the fields the sentence states are set. */
export interface StructureValue {
  access?: 'cohort' | 'evergreen';
  tiers?: number;
  freeTier?: boolean;
  premiumTier?: boolean;
  /** The most members the community (or the founding round) takes: "cap it at 100 people", "limited to 50 spots". */
  cap?: number;
}

const cohort = /\bcohort(?:s|-based| based)?\b/g;
// "the founding cohort", "my first cohort" name a group of members, not a structure ("the cohort model" is one).
const groupOfMembers =
  /\b(?:founding|first|this|that|my|our|the|last|current|previous|whole|entire|second|next)\s+cohort\b(?!\s*(?:-based|based|model|format|structure|approach|style))/;
const evergreen =
  /\bevergreen\b|\bopen enrol?lment\b|\bjoin (?:at )?any ?time\b|\bjoin (?:whenever|at any point|when(?:ever)? they (?:want|like))\b|\brolling (?:enrol?lment|admissions?|basis)\b|\balways open\b|\bopen to (?:anyone|everyone|all) (?:any ?time|whenever|all year|year[- ]round)\b/g;
// "three tiers", "a two-tier membership", "Three levels - community, coaching, 1:1", "two membership levels"; not
// "3 tiers of sponsors".
const tierCount =
  /\b(one|two|three|four|five|single|1|2|3|4|5)[\s-](?:tier(?:s|ed)?|(?:membership |pricing |access )?levels(?=\s*(?::|-|\(|of (?:membership|access|pricing)\b))|membership levels|membership tiers)\b(?!\s+of\s+(?!membership|access|pricing|the membership)[a-z])/g;
// "tiers: free, $10 and $50", "Tiers - basic / pro / VIP": the listed tiers are counted.
const listedTiers = /\b(?:tiers|levels)\s*(?::|-|=)\s*([^.;!?]+)/;
const freePlusPaid =
  /\bfree\s+(?:tier|level|community|group|space|plan|version|membership)\b[^.;]{0,80}?\b(?:paid|premium|pro|vip)\b|\bfree\s*(?:\+|plus|and|&)\s*(?:a\s+)?(?:paid|premium)\b|\bfreemium\b/g;
// "no free tier", "We're NOT doing a free tier", "there won't be a free plan".
const noFreeTier =
  /\bno free (?:tier|version|plan|level)\b|\b(?:not|won't|will not|never)\s+(?:\w+\s+){0,2}(?:a\s+|any\s+)?free (?:tier|version|plan|level)\b|\bpaid[- ]only\b|\bonly paid\b/;
const singlePrice =
  /\bone price for everyone\b|\bone (?:membership )?level\b|\bno tiers\b|\b(?:just|only) one (?:membership|tier|level|plan|price)\b|\bsingle (?:membership|plan)\b/;
// "adding a VIP tier", "adding a premium mastermind tier on top", "a coaching tier on top of the membership".
const addPremiumTier =
  /\badd(?:ing|ed)? (?:a |an )?(?:vip|premium|pro|higher|upper|inner circle|top)(?: [a-z-]+)? (?:tier|level)\b|\b(?:tier|level) on top\b/;
// "We'll keep a free tier for the WIP-sharing", "there's a free group for everyone": a free level kept or offered.
const keepFreeTier =
  /\b(?:keep(?:ing)?|have|having|offer(?:ing)?|there(?:'s| is|'ll be| will be)|add(?:ing)?)\s+(?:a\s+)?free\s+(?:tier|level|plan|version|group|community)\b/;

// A cap on members: a capping word, then (within a few words) a number of people, spots or seats.
const capPhrase =
  /\b(?:cap(?:ped|ping|s)?|limit(?:ed|ing|s)?|max(?:imum)?|no more than|at most|only (?:tak(?:e|ing)|accept(?:ing)?|let(?:ting)? in|admit(?:ting)?|allow(?:ing)?|open(?:ing)?(?: up)?|sell(?:ing)?|room for))\b(?:[^.;\d$€£]{0,40}?)\b(\d{1,5})\s+(?:founding\s+)?(?:people|members|spots|seats|places|students|founders|clients)\b/g;
// "First 50 members get in as founding members": the founding round closes after that many.
const firstMembers =
  /\bfirst (\d{1,5}) (?:people|members|founders|students|buyers|sign-?ups)\b(?=[^.;]{0,50}\b(?:founding|founders?|get in|spots?|then (?:it's |we |the doors? )?clos\w*|closes|cap)\b)/g;
// "Founding spots are limited to 25", "Capping the founding group at 60": the number comes after "to"/"at", and the
// sentence is about members (not a price: "limited to $29" has a currency, "cap the price at 60" names the price).
const capAtNumber =
  /\b(?:cap(?:ped|ping|s)?|limit(?:ed|ing|s)?|max(?:ed)?(?: out)?)\b[^.;\d$€£]{0,40}?\b(?:at|to)\s+(\d{1,5})\b(?!\s*(?:%|percent|dollars|bucks|euros|pounds|\/|a month|a year|per|k\b|[.,]\d))/g;
const aboutMembers =
  /\b(?:members?|membership|founders?|founding|spots?|seats?|places|people|students|groups?|cohorts?|community|round|batch(?:es)?|intakes?)\b/;
const aboutPrice = /\bprice|\bpricing|\$|€|£/;
// "20 max", "30 people tops": the number first.
const capAfterNumber =
  /\b(\d{1,5})\s+(?:(?:founding\s+)?(?:people|members|spots|seats|students|founders)\s+)?(?:max|maximum|tops|cap)\b/g;
// "Doors close once we hit 50 founding members": the round ends at that many.
const closesAt =
  /\b(?:doors?|enrol?lment|the (?:founding )?round|founding round|it)\s+(?:will\s+)?clos(?:e|es|ing)\b[^.;\d]{0,25}?\b(?:at|once (?:we|it) (?:hit|hits|reach|reaches|get to|gets to)|when (?:we|it) (?:hit|hits|reach|reaches)|after)\s+(\d{1,5})\s+(?:founding\s+)?(?:people|members|spots|founders|students|sign-?ups)\b/g;
// "max 80 in the founding batch", "capped at 20 per cohort", "limit of 30 per group": the number, then the group it
// fills.
const capPerGroup =
  /\b(?:max(?:imum)?(?: of)?|cap(?:ped)?(?: (?:it |them )?at)?|limit(?:ed)?(?: (?:it |them )?to)?|limit of)\s+(\d{1,5})\s+(?:in|per|for)\s+(?:(?:the|each|every|a|our|my)\s+)?(?:[a-z-]+\s+)?(?:batch|cohort|group|round|intake|class|community|membership)\b(?![\s-]+(?:calls?|chats?|sessions?|projects?|threads?|posts?|channels?))/g;
const spotsOnly = /\b(?:only\s+)?(\d{1,5})\s+(?:founding\s+)?(?:spots|seats|places)\b(?:\s+(?:only|available|total))?/g;

function extractCap(lower: string): number | undefined {
  for (const re of [capPhrase, firstMembers, closesAt, capPerGroup, capAtNumber, capAfterNumber, spotsOnly]) {
    for (const m of lower.matchAll(re)) {
      if (isNegatedMention(lower, m.index ?? 0)) continue;
      if (re === capAtNumber) {
        const phrase = lower.slice(Math.max(0, (m.index ?? 0) - 30), (m.index ?? 0) + m[0].length);
        if (!aboutMembers.test(phrase) || aboutPrice.test(m[0])) continue;
      }
      const n = Number(m[1]);
      if (n > 0) return n;
    }
  }
  return undefined;
}

/** The structure a sentence states, or undefined. */
export function extractStructure(lower: string): StructureValue | undefined {
  const value: StructureValue = {};
  for (const m of lower.matchAll(cohort)) {
    const start = m.index ?? 0;
    const window = lower.slice(Math.max(0, start - 20), start + m[0].length + 15);
    if (groupOfMembers.test(window) || isNegatedMention(lower, start)) continue;
    value.access = 'cohort';
    break;
  }
  for (const m of lower.matchAll(evergreen)) {
    if (isNegatedMention(lower, m.index ?? 0)) continue;
    // "Evergreen, not cohorts": the negated one was skipped above, so the stated one wins.
    if (value.access === 'cohort') {
      const cohortNegated = [...lower.matchAll(cohort)].every((c) => isNegatedMention(lower, c.index ?? 0));
      if (!cohortNegated) return undefined;
    }
    value.access = 'evergreen';
    break;
  }
  for (const m of lower.matchAll(tierCount)) {
    if (isNegatedMention(lower, m.index ?? 0)) continue;
    const n = m[1] === 'single' ? 1 : parseNumberWords(m[1]!);
    if (n !== undefined) value.tiers = n;
    break;
  }
  const listed = listedTiers.exec(lower);
  if (listed && value.tiers === undefined && !isNegatedMention(lower, listed.index)) {
    // "free (community feed only), paid ($25/mo, calls + classroom)": what each tier holds is not another tier.
    const items = listed[1]!
      .replace(/\([^)]*\)/g, ' ')
      .split(/\s*(?:,|\/|\+|\band\b|\bplus\b|\bor\b)\s*/)
      .map((i) => i.trim())
      .filter((i) => i.length > 0 && i.length <= 30);
    if (items.length >= 2 && items.length <= 6) {
      value.tiers = items.length;
      if (items.some((i) => /^free\b/.test(i))) value.freeTier = true;
    }
  }
  for (const m of lower.matchAll(freePlusPaid)) {
    if (isNegatedMention(lower, m.index ?? 0)) continue;
    value.freeTier = true;
    value.tiers ??= 2;
    break;
  }
  const kept = keepFreeTier.exec(lower);
  if (kept && !isNegatedMention(lower, kept.index)) value.freeTier = true;
  if (noFreeTier.test(lower)) value.freeTier = false;
  if (singlePrice.test(lower)) value.tiers ??= 1;
  if (addPremiumTier.test(lower)) value.premiumTier = true;
  const cap = extractCap(lower);
  if (cap !== undefined) value.cap = cap;
  return Object.keys(value).length > 0 ? value : undefined;
}

export function formatStructure(value: StructureValue): string {
  const parts: string[] = [];
  if (value.access) parts.push(value.access === 'cohort' ? 'cohort-based' : 'evergreen (join any time)');
  if (value.tiers !== undefined) parts.push(value.tiers === 1 ? 'a single tier' : `${value.tiers} tiers`);
  if (value.freeTier === true) parts.push('a free tier plus paid');
  if (value.freeTier === false) parts.push('paid only');
  if (value.premiumTier) parts.push('a premium tier');
  if (value.cap !== undefined) parts.push(`capped at ${value.cap} members`);
  return parts.join(', ');
}
