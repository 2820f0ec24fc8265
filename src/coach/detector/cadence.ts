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
// "Mon/Wed/Fri": abbreviations are read only in a list of two or more ("sat" and "sun" alone are words).
const weekdayShort = '(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)';
const weekdayList = `${weekdayShort}(?:\\s*[/,&+]\\s*${weekdayShort}|\\s+and\\s+${weekdayShort})+`;

// Longest alternatives first so "live call" wins over "call".
const activities: Array<[string, string]> = [
  ['(?:live |group )?coaching(?: calls?| sessions?)?', 'coaching call'],
  ['(?:live|group|zoom|community) calls?', 'live call'],
  ['live q\\s?&\\s?as?|q\\s?&\\s?as?|q and as?', 'Q&A'],
  ['amas?|ask me anything', 'AMA'],
  ['expert interviews?', 'expert interview'],
  ['office hours', 'office hours'],
  ['hot ?seats?', 'hot seat'],
  ['workshops?', 'workshop'],
  ['masterclass(?:es)?', 'masterclass'],
  ['co-?working(?: sessions?)?', 'coworking session'],
  ['live ?streams?', 'livestream'],
  ['(?:live|group) sessions?', 'live session'],
  ['guest (?:experts?|speakers?|interviews?)', 'guest expert'],
  ['(?:feedback|critique|review) (?:sessions?|rounds?)', 'feedback session'],
  // Activities named by what happens: "Two live classes a week", "tournaments every Sunday", "a live teardown of a
  // real study twice a month", "game review twice a week", "playtest night every other Saturday".
  ['(?:live |group |online )?(?<!-)class(?:es)?', 'class'],
  ['(?:group |long |club )runs?', 'group run'],
  ['tournaments?', 'tournament'],
  ['teardowns?', 'teardown'],
  // A review is an activity when it says what is reviewed ("a live game review"); "5 reviews a week" is feedback.
  ['(?:game|code|portfolio|track|demo|film|chart|form|work|video|deal|design|live) reviews?', 'review'],
  ['book clubs?', 'book club'],
  ['clubs?', 'club'],
  [
    `(?!(?:${weekday}|daily|weekly|monthly|fortnightly|last|to|tomorrow|every|each|other|one|a|an|the|this|that|next|late|all|fri|sat|sun|opening|launch)\\b)[a-z]+[ -]nights?`,
    'night',
  ],
  ['check-?ins?', 'check-in'],
  ['meet-?ups?', 'meetup'],
  ['challenges?', 'challenge'],
  ['hangouts?', 'hangout'],
  ['newsletters?', 'newsletter'],
  ['emails?', 'email'],
  ['(?:podcast )?episodes?', 'episode'],
  ['lessons?|modules?', 'lesson'],
  ['tutorials?', 'tutorial'],
  ['videos?', 'video'],
  ['prompts?', 'prompt'],
  ['threads?', 'thread'],
  ['posts?', 'post'],
  ['calls?', 'live call'],
  ['sessions?', 'live session'],
  // "a Sunday meal-prep live", "2 lives a week": a live broadcast, said as a noun (not "goes live", "lives on").
  [
    `lives?(?=\\s*(?:$|[,.;!+&)]|every\\b|each\\b|twice\\b|once\\b|(?:a|per) (?:day|week|month)\\b|on ${weekday}s?\\b|for (?:members|the (?:community|group))\\b))`,
    'live',
  ],
];
const activityRe = new RegExp(`\\b(?:${activities.map(([p]) => `(${p})`).join('|')})\\b`, 'g');

const everyBefore = new RegExp(
  String.raw`\b(?:every|each)\s+(other week|week|month|day|other ${weekday}|${weekday})\b[^,.;]{0,30}$`,
);
// "weekly live call", and in a rhythm list "Monday goals thread" (a weekday naming the slot, unless it is one
// particular day: "this Friday's call", "on Monday").
const adjectiveBefore = new RegExp(
  String.raw`(?:^|[^a-z'])(?<!\b(?:this|next|on|last|coming|by|until|from)\s)(daily|weekly|bi-?weekly|fortnightly|monthly|${weekdayList}|${weekday})\s+(?:(?!(?:and|or|plus|a|an|the|every|each)\b)[a-z0-9:-]+\s+){0,2}$`,
);
const ownedWeekdaySlot = new RegExp(String.raw`\b(?:my|our|your|his|her|their)\s+${weekday}s?\s+(?:\S+\s+){0,2}$`);
// "2x a week I'll post a prompt", "3x/week we cowork", "twice a month we do a workshop", "once a month a live
// session": the frequency leads.
const frequencyBefore =
  /\b(once|twice|(?:one|two|three|four|five|\d)\s*(?:x|times))\s*(?:(?:a|per|each|every)\s+|\/\s*)(day|week|month)\b[^,.;]{0,40}$/;
// "two posts", "3 new lessons", "three yoga classes": a count, then at most one describing word.
const countBefore =
  /(?:^|\s)(one|two|three|four|five|six|seven|\d{1,2}|a|an)\s+(?:(?!(?:times|x|a|an|per|of|the|every|each)\b)[a-z-]+\s+)?$/;
const frequencyAfter = new RegExp(
  String.raw`^\s*(?:(?!and\b|or\b|plus\b)[a-z&-]+\s+){0,4}?(every other week|every other ${weekday}|every (?:two|2) weeks|bi-?weekly|fortnightly|twice (?:a|per) (day|week|month)|(two|three|four|five|\d)\s*(?:times|x) ?(?:a |per |\/ ?)(day|week|month)|every ?day|each day|daily|every week|each week|weekly|once (?:a|per) week|(?:a|per|each|\/) ?week|every month|each month|monthly|once (?:a|per) month|(?:a|per|each|\/) ?month|(?:every|each) ${weekday}(?:\s*(?:,|and|&|\+)\s*${weekday})*|on ${weekday}s|on the (?:1st|first|15th|last day) of (?:each|every|the) month)\b`,
);

// "Office hours Tuesdays and Thursdays": recurring weekdays, one session each.
const weekdaysAfter = new RegExp(
  String.raw`^\s*(?:on\s+)?(${weekday}s(?:\s*(?:,|and|&|\+)\s*${weekday}s)*)\b(?!\s+(?:are|is|were|was)\b)`,
);

function periodOf(word: string): CadenceItem['period'] {
  if (/\bother\b|two weeks|2 weeks|bi-?weekly|fortnightly/.test(word)) return 'two-weeks';
  if (/(?:mon|tues|wednes|thurs|fri|satur|sun)day/.test(word)) return 'week';
  // Before "day": "on the last day of the month" is monthly.
  if (/month/.test(word)) return 'month';
  if (/day|daily/.test(word)) return 'day';
  return 'week';
}

// Public posting habits ("I post on TikTok twice a week") are not the community's cadence.
const publicPlatform = /\b(?:youtube|tiktok|instagram|insta|linkedin|twitter|threads|facebook page|reels|shorts)\b/;
const communityWords = /\b(?:community|members?|inside|group|paid|premium|skool|circle|discord|cohort|founding)\b/;

const listHeader =
  /^\s*(daily|weekly|bi-?weekly|fortnightly|monthly|every week|each week|every month|each month)\s*[:=-]/;
// A newsletter or an episode goes to the creator's public audience unless the sentence ties it to the community.
const publicActivities = new Set(['newsletter', 'email', 'episode']);

/**
 * The activities a sentence names, in order. Two named back to back are one activity, called by the first
 * ("a Sunday check-in thread" is a check-in, "a Q&A call" a Q&A): the second word only says what form it takes.
 */
function activitySpans(lower: string): Array<{ start: number; end: number; activity: string }> {
  const spans: Array<{ start: number; end: number; activity: string }> = [];
  for (const m of lower.matchAll(activityRe)) {
    const start = m.index ?? 0;
    const index = m.slice(1).findIndex((g) => g !== undefined);
    const activity = activities[index]?.[1];
    if (!activity) continue;
    const last = spans.at(-1);
    if (last && /^[\s-]*$/.test(lower.slice(last.end, start))) last.end = start + m[0].length;
    else spans.push({ start, end: start + m[0].length, activity });
  }
  return spans;
}

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
  for (const { start, end, activity } of activitySpans(lower)) {
    if (isNegatedMention(lower, start)) continue;
    // "a monthly 1:1 game review": time with the creator alone is a tier's perk, not the community's rhythm.
    if (
      /\b(?:1:1|1-on-1|one-on-one|one to one|private)\s+(?:[a-z]+\s+)?$/.test(
        lower.slice(Math.max(0, start - 25), start),
      )
    ) {
      continue;
    }
    // "I'll post a prompt": the verb, not a post.
    if (activity === 'post' && /\b(?:i|we|i'll|we'll|will|to|gonna|also|then|and)\s+$/.test(lower.slice(0, start))) {
      continue;
    }
    const before = lower.slice(Math.max(0, start - 40), start);
    const after = lower.slice(end, end + 60);
    // "told my Tuesday class": a weekday after "my" names a group that exists, not a rhythm chosen.
    const adj = ownedWeekdaySlot.test(before) ? null : adjectiveBefore.exec(before);
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
      // "Mon/Wed/Fri group runs": one each listed day.
      if (new RegExp(`^${weekdayList}$`).test(adj[1]!)) {
        count = adj[1]!.split(/\s*(?:[/,&+]|\band\b)\s*/).length;
        period = 'week';
      }
    } else if (!freq && every) {
      period = periodOf(every[1]!);
    } else if (!freq && !every && !leading && inList) {
      period = periodOf(header![1]!);
    } else if (!freq && leading) {
      count =
        leading[1] === 'once'
          ? 1
          : leading[1] === 'twice'
            ? 2
            : (parseNumberWords(leading[1]!.replace(/\s*(?:x|times)$/, '')) ?? count);
      period = periodOf(leading[2]!);
    } else {
      const phrase = freq![1]!;
      if (/^twice/.test(phrase)) count = 2;
      else if (freq![3]) count = parseNumberWords(freq![3]) ?? count;
      period = periodOf(phrase);
      // "every Tuesday and Thursday": one each named day.
      const days = phrase.match(new RegExp(weekday, 'g'))?.length ?? 0;
      if (days > 1) count = days;
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
