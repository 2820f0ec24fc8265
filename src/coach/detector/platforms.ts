import { clauseAround, isNegatedMention } from './text.js';

/**
 * Community platforms by canonical name. Patterns are matched against lower-cased text; `reject` filters common
 * English uses of the same word ("inner circle", "cut me some slack", "a trip to Geneva").
 */
export const communityPlatforms: ReadonlyArray<{ name: string; pattern: RegExp; reject?: RegExp }> = [
  { name: 'Skool', pattern: /\bskool\b/g },
  {
    name: 'Circle',
    pattern: /\bcircle(?:\.so)?\b/g,
    reject:
      /(?:\b(?:inner|full|close|tight|small|the|a|my|our|your|their|this|that|social|family|friend|vicious|private|circle|come)\s+circle\b)|(?:\bcircle\s+(?:back|of|up|around|jerk|round|time)\b)/,
  },
  { name: 'Discord', pattern: /\bdiscord\b/g },
  { name: 'Patreon', pattern: /\bpatreon\b/g },
  { name: 'Kajabi', pattern: /\bkajabi\b/g },
  { name: 'Mighty Networks', pattern: /\bmighty\s?networks?\b/g },
  { name: 'Heartbeat', pattern: /\bheartbeat(?:\.chat)?\b/g, reject: /\bheartbeat\s+of\b|\bin a heartbeat\b/ },
  { name: 'Facebook Groups', pattern: /\b(?:facebook|fb)\s+(?:group|groups|community)\b/g },
  { name: 'Slack', pattern: /\bslack\b/g, reject: /\bsome slack\b|\bslack off\b|\bpick up the slack\b/ },
  { name: 'Geneva', pattern: /\bgeneva\b/g, reject: /\b(?:in|to|from|visit(?:ing)?|near|around)\s+geneva\b/ },
  { name: 'Whop', pattern: /\bwhop\b/g },
  { name: 'Teachable', pattern: /\bteachable\b/g },
  { name: 'Thinkific', pattern: /\bthinkific\b/g },
  { name: 'Podia', pattern: /\bpodia\b/g },
  { name: 'Memberful', pattern: /\bmemberful\b/g },
  { name: 'Substack', pattern: /\bsubstack(?:\s+chat)?\b/g },
  { name: 'Telegram', pattern: /\btelegram\b/g },
  { name: 'WhatsApp', pattern: /\bwhats\s?app\b/g },
  { name: 'Locals', pattern: /\blocals\.com\b|\bon locals\b/g },
  { name: 'Stan Store', pattern: /\bstan\s+store\b|\bstan\.store\b/g },
  { name: 'YouTube Memberships', pattern: /\b(?:youtube|channel)\s+memberships?\b/g },
  { name: 'Buy Me a Coffee', pattern: /\bbuy\s?me\s?a\s?coffee\b/g },
  { name: 'Ko-fi', pattern: /\bko-?fi\b/g },
];

export interface PlatformMention {
  name: string;
  start: number;
  end: number;
}

/** Verbs and phrases that make a platform mention a choice of where the community lives. */
const platformIntent =
  /\b(?:use|using|used|host|hosting|hosted|build|building|built|run|running|set(?:ting)? (?:it |things |everything )?up|move|moving|switch|switching|migrat\w*|pick|picked|choose|chose|chosen|opt|opted|sign(?:ed|ing)? up|go(?:ing)? with|went with|live(?:s)? (?:on|in)|be on|be in|stick(?:ing)? with|start(?:ing)? (?:a|my|our|the)|launch(?:ing)? (?:on|with|in)|(?:community|membership|group|members) (?:is|are|will be|lives?) (?:on|in)|it is|decided|decision|final|the winner|the one)\b/;

/** Every community platform the sentence names, in order, minus common-word uses. */
export function findPlatformMentions(lower: string): PlatformMention[] {
  const found: PlatformMention[] = [];
  for (const p of communityPlatforms) {
    for (const m of lower.matchAll(p.pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (p.reject) {
        const window = lower.slice(Math.max(0, start - 20), Math.min(lower.length, end + 20));
        const local = new RegExp(p.reject.source).exec(window);
        // Reject only when the rejecting phrase covers this mention.
        if (local) {
          const localStart = Math.max(0, start - 20) + local.index;
          if (localStart <= start && localStart + local[0].length >= end) continue;
        }
      }
      found.push({ name: p.name, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// After a mention, within its clause: the creator turning it down ("Discord feels too chaotic").
const rejectedAfter =
  /^[^,;.]{0,30}?\b(?:too|sucks|overkill|expensive|clunky|confusing|chaotic|dead|isn't|is not|doesn't|does not|won't|will not|can't|is out|is a no|not for me|not a fit|no way)\b/;

/**
 * The platform a sentence chooses, or undefined. Rejected mentions (negated, "over X", "from X", "X is too ...")
 * are dropped; among several different platforms joined by "or" nothing is chosen; otherwise the first remaining one.
 * `committed`: the sentence carries a commitment phrase, which counts as intent by itself ("Launching with Skool").
 */
export function extractPlatform(lower: string, committed: boolean): string | undefined {
  const mentions = findPlatformMentions(lower);
  if (mentions.length === 0) return undefined;
  const kept = mentions.filter((m) => {
    if (isNegatedMention(lower, m.start)) return false;
    const lead = lower.slice(Math.max(0, m.start - 12), m.start);
    if (/\b(?:over|from|than|off|leave|leaving)\s+(?:my\s+|the\s+|a\s+)?$/.test(lead)) return false;
    const [, clauseEnd] = clauseAround(lower, m.start);
    return !rejectedAfter.test(lower.slice(m.end, clauseEnd));
  });
  if (kept.length === 0) return undefined;
  const names = [...new Set(kept.map((m) => m.name))];
  if (names.length > 1) {
    const between = lower.slice(kept[0]!.end, kept.find((m) => m.name !== kept[0]!.name)!.start);
    if (/\bor\b|\/|\bvs\b|\band\b/.test(between) && !committed) return undefined;
    if (/\bor\b|\/|\bvs\b/.test(between)) return undefined;
  }
  if (!committed && !platformIntent.test(lower)) return undefined;
  return kept[0]!.name;
}
