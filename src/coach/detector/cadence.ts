import { isNegatedMention, parseNumberWords } from './text.js';

/** A recurring community activity: `count` times per `period` ("two posts a week" = post, 2, week). */
export interface CadenceItem {
  activity: string;
  count: number;
  period: 'day' | 'week' | 'two-weeks' | 'month';
}

export interface ContentValue extends CadenceItem {
  /** Further activities in the same sentence ("daily prompts and a monthly AMA"). */
  also?: CadenceItem[];
}

const weekday = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';

// Longest alternatives first so "live call" wins over "call".
const activities: Array<[string, string]> = [
  ['(?:live |group )?coaching(?: calls?| sessions?)?', 'coaching call'],
  ['(?:live|group|zoom|community) calls?', 'live call'],
  ['live q\\s?&\\s?as?|q\\s?&\\s?as?|q and as?', 'Q&A'],
  ['amas?|ask me anything', 'AMA'],
  ['office hours', 'office hours'],
  ['hot ?seats?', 'hot seat'],
  ['workshops?', 'workshop'],
  ['masterclass(?:es)?', 'masterclass'],
  ['co-?working(?: sessions?)?', 'coworking session'],
  ['live ?streams?', 'livestream'],
  ['(?:live|group) sessions?', 'live session'],
  ['guest (?:experts?|speakers?|interviews?)', 'guest expert'],
  ['(?:feedback|critique|review) (?:sessions?|rounds?)', 'feedback session'],
  ['check-?ins?', 'check-in'],
  ['meet-?ups?', 'meetup'],
  ['challenges?', 'challenge'],
  ['book clubs?', 'book club'],
  ['hangouts?', 'hangout'],
  ['newsletters?', 'newsletter'],
  ['emails?', 'email'],
  ['(?:podcast )?episodes?', 'episode'],
  ['lessons?|tutorials?|modules?', 'lesson'],
  ['videos?', 'video'],
  ['prompts?', 'prompt'],
  ['threads?', 'thread'],
  ['posts?', 'post'],
  ['calls?', 'live call'],
  ['sessions?', 'live session'],
];
const activityRe = new RegExp(`\\b(?:${activities.map(([p]) => `(${p})`).join('|')})\\b`, 'g');

const everyBefore = new RegExp(
  String.raw`\b(?:every|each)\s+(other week|week|month|day|other ${weekday}|${weekday})\b[^,.;]{0,30}$`,
);
// "weekly live call", and in a rhythm list "Monday goals thread" (a weekday naming the slot, unless it is one
// particular day: "this Friday's call", "on Monday").
const adjectiveBefore = new RegExp(
  String.raw`(?:^|[^a-z'])(?<!\b(?:this|next|on|last|coming|by|until|from)\s)(daily|weekly|bi-?weekly|fortnightly|monthly|${weekday})\s+(?:(?!(?:and|or|plus|a|an|the|every|each)\b)[a-z-]+\s+){0,2}$`,
);
// "2x a week I'll post a prompt", "3x/week we cowork", "twice a month we do a workshop": the frequency leads the sentence.
const frequencyBefore =
  /\b(twice|(?:one|two|three|four|five|\d)\s*(?:x|times))\s*(?:(?:a|per|each|every)\s+|\/\s*)(day|week|month)\b[^,.;]{0,40}$/;
const countBefore =
  /(?:^|\s)(one|two|three|four|five|six|seven|\d{1,2}|a|an)\s+(?:new\s+|short\s+|live\s+|more\s+|big\s+)?$/;
const frequencyAfter = new RegExp(
  String.raw`^\s*(?:(?!and\b|or\b|plus\b)[a-z&-]+\s+){0,4}?(every other week|every other ${weekday}|every (?:two|2) weeks|bi-?weekly|fortnightly|twice (?:a|per) (day|week|month)|(two|three|four|five|\d)\s*(?:times|x) ?(?:a |per |\/ ?)(day|week|month)|every ?day|each day|daily|every week|each week|weekly|once (?:a|per) week|(?:a|per|each|\/) ?week|every month|each month|monthly|once (?:a|per) month|(?:a|per|each|\/) ?month|(?:every|each) ${weekday}|on ${weekday}s)\b`,
);

// "Office hours Tuesdays and Thursdays": recurring weekdays, one session each.
const weekdaysAfter = new RegExp(
  String.raw`^\s*(?:on\s+)?(${weekday}s(?:\s*(?:,|and|&|\+)\s*${weekday}s)*)\b(?!\s+(?:are|is|were|was)\b)`,
);

function periodOf(word: string): CadenceItem['period'] {
  if (/\bother\b|two weeks|2 weeks|bi-?weekly|fortnightly/.test(word)) return 'two-weeks';
  if (/(?:mon|tues|wednes|thurs|fri|satur|sun)day/.test(word)) return 'week';
  if (/day|daily/.test(word)) return 'day';
  if (/month/.test(word)) return 'month';
  return 'week';
}

// Public posting habits ("I post on TikTok twice a week") are not the community's cadence.
const publicPlatform = /\b(?:youtube|tiktok|instagram|insta|linkedin|twitter|threads|facebook page|reels|shorts)\b/;
const communityWords = /\b(?:community|members?|inside|group|paid|premium|skool|circle|discord|cohort|founding)\b/;

const listHeader =
  /^\s*(daily|weekly|bi-?weekly|fortnightly|monthly|every week|each week|every month|each month)\s*[:=-]/;
// A newsletter or an episode goes to the creator's public audience unless the sentence ties it to the community.
const publicActivities = new Set(['newsletter', 'email', 'episode']);

/** The content cadence a sentence states (first activity with a frequency, others in `also`), or undefined. */
export function extractCadence(sentence: string): ContentValue | undefined {
  // "... for the pro tier since it includes weekly coaching": the reason given for another choice, not a cadence;
  // "$79 per month, which includes the monthly group coaching": what the price buys, said of the price.
  const lower = sentence
    .replace(/(?:,\s*|\s+)(?:because|since|'cause|cuz)\b.*$/, '')
    .replace(/(?:,\s*|\s+)(?:which|that)\s+(?:includes?|comes? with|gets? you|covers?)\b.*$|,\s*including\b.*$/, '');
  if (publicPlatform.test(lower) && !communityWords.test(lower)) return undefined;
  // "Weekly: 1 live call, 1 challenge": a leading frequency applies to the list after it.
  const header = listHeader.exec(lower);
  const items: CadenceItem[] = [];
  for (const m of lower.matchAll(activityRe)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const index = m.slice(1).findIndex((g) => g !== undefined);
    const activity = activities[index]?.[1];
    if (!activity || isNegatedMention(lower, start)) continue;
    // "I'll post a prompt": the verb, not a post.
    if (activity === 'post' && /\b(?:i|we|i'll|we'll|will|to|gonna|also|then|and)\s+$/.test(lower.slice(0, start))) {
      continue;
    }
    const before = lower.slice(Math.max(0, start - 40), start);
    const after = lower.slice(end, end + 60);
    const adj = adjectiveBefore.exec(before);
    const freq = frequencyAfter.exec(after);
    const every = everyBefore.exec(before);
    const leading = frequencyBefore.exec(before);
    const inList = header !== null && start >= header[0].length;
    const weekdays = adj || freq || every || leading ? null : weekdaysAfter.exec(after);
    if (!adj && !freq && !every && !leading && !inList && !weekdays) continue;
    if (publicActivities.has(activity) && !communityWords.test(lower)) continue;
    const countWord = countBefore.exec(before)?.[1];
    let count = countWord ? (parseNumberWords(countWord) ?? 1) : 1;
    let period: CadenceItem['period'];
    // An adjective right before the activity ("weekly call") is the most reliable; otherwise the phrase after it.
    if (weekdays) {
      count = weekdays[1]!.match(new RegExp(weekday, 'g'))!.length;
      period = 'week';
    } else if (adj) {
      period = periodOf(adj[1]!);
    } else if (!freq && every) {
      period = periodOf(every[1]!);
    } else if (!freq && !every && !leading && inList) {
      period = periodOf(header![1]!);
    } else if (!freq && leading) {
      count = leading[1] === 'twice' ? 2 : (parseNumberWords(leading[1]!.replace(/\s*(?:x|times)$/, '')) ?? count);
      period = periodOf(leading[2]!);
    } else {
      const phrase = freq![1]!;
      if (/^twice/.test(phrase)) count = 2;
      else if (freq![3]) count = parseNumberWords(freq![3]) ?? count;
      period = periodOf(phrase);
    }
    if (!items.some((i) => i.activity === activity)) items.push({ activity, count, period });
  }
  if (items.length === 0) return undefined;
  const [first, ...rest] = items;
  return rest.length > 0 ? { ...first!, also: rest } : first!;
}

export function formatCadence(value: CadenceItem): string {
  const per = { day: 'a day', week: 'a week', 'two-weeks': 'every two weeks', month: 'a month' }[value.period];
  if (value.period === 'two-weeks') return `${value.activity} every two weeks`;
  return `${value.activity} ${value.count === 1 ? 'once' : value.count === 2 ? 'twice' : `${value.count} times`} ${per}`;
}
