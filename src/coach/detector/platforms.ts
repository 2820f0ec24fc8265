import { findPlatformMentions } from '../platforms.js';
import { clauseAround, isHedgedMention, isNegatedMention } from './text.js';

/**
 * Verbs and phrases that make a platform mention a choice of where the community lives; a "Platform: Circle" line
 * in a list of fields counts too.
 */
const platformIntent =
  /(?:^|\n|[-*•]\s*)(?:community(?:\s+(?:platform|host|hosting|home(?:\s?base)?))?|platform|host|hosting|home(?:\s?base)?)(?:\s+for\s+(?:the\s+)?(?:community|members|group))?\s*(?:[:=]|->?\s)|\b(?:use|using|host|hosting|hosted|build|building|built|run|running|set(?:ting)? (?:it |things |everything )?up|move|moved|moving|switch|switched|switching|migrat\w*|pick|picked|choose|chose|chosen|opt|opted|sign(?:ed|ing)? up|go(?:ing)? with|went with|live(?:s)? (?:on|in)|be on|be in|(?:going|staying|stay|goes|stays) on|(?:going|goes|moving|move) onto|stick(?:ing)? with|start(?:ing)? (?:a|my|our|the)|launch(?:ing)? (?:on|with|in)|(?:community|membership|group|members) (?:is|are|will be|lives?) (?:on|in)|it is|decided|decision|final|the winner|the one|(?:that's|that is|this is) where (?:everything|it all|the community|members|we'll|we will|it'll|it will)|(?:we're|we are|we'll be|it's|it'll be|everything's|everything is) (?:now |officially |all |going to be )?on|(?:put|putting) (?:the |my |our )?(?:community|group|membership|members|it|everything) (?:on|in)|home (?:base )?(?:is|will be)|(?:group|server|space|workspace|channel|chat) for (?:the |my |our |all )?(?:paying |paid )?(?:members|community|founders|founding members|paid members|subscribers))\b/;

// After a mention, within its clause: the creator turning it down ("Discord feels too chaotic"), or only trying it
// ("we're on Circle's free trial").
const rejectedAfter =
  /^[^,;.]{0,30}?\b(?:trial|too|sucks|overkill|expensive|clunky|confusing|chaotic|dead|isn't|is not|doesn't|does not|won't|will not|can't|is out|is a no|not for me|not a fit|no way)\b/;

// "Whop for payments and Discord for the community": a tool for another job is not where the community lives.
const toolRoleAfter =
  /^\s*(?:for|to (?:take|handle|run|do)|handles?|runs?)\s+(?:the\s+|my\s+|our\s+)?(?:payments?|checkout|billing|the paywall|paywall|email|emails|newsletters?|courses?|the course|landing pages?|sales pages?|my website|the website|video|videos|live ?streams?|calls)\b/;
// "sell access through Whop", "payments via Patreon": the tool named is the checkout, not where members gather.
const toolRoleBefore =
  /\b(?:sell(?:ing)?|sold|take|taking|handle|handling|collect(?:ing)?|process(?:ing)?)\s+(?:the\s+)?(?:access|payments?|subscriptions?|memberships?|checkout|billing)\s+(?:through|via|with|on|in)\s+$|\b(?:payments?|checkout|billing|paywall)\s+(?:through|via|with|on|in)\s+$/;
const toolPartAfter = /^\s*(?:bots?|integrations?|plugins?|webhooks?|api|roles?)\b/;
const triedBefore = /\b(?:tested|tried|trialed|trialled|testing|trying|trialing|trialling)\s+(?:out\s+)?$/;
// "Ghost for the members area + comments", "Circle for the community": the job named is the community's.
const communityRoleAfter =
  /^\s*for\s+(?:the\s+|my\s+|our\s+)?(?:members(?:'|hip)?(?:\s+(?:area|space|side|hub|stuff))?|member\s+(?:area|space|hub)|community|group)\b/;
// "Teachable for the course + community combo": one tool for both jobs, the community included.
const communityInRole = /^[^,;.]{0,30}\bcommunity\b/;
// "Skool won", "Circle wins": the mention named as the outcome of a comparison.
// "Circle wins on design" only compares.
const chosenAfter =
  /^\s*(?:won|wins|is the winner|came out (?:on top|ahead)|takes it)(?!')\b(?!\s+(?:on|at|for|in|when|if|over there)\b)/;
// "Heartbeat ganhou!", "Skool hat gewonnen", "Circle a gagné": "won" in Portuguese, Spanish, German and French.
const chosenAfterForeign = /^\s*(?:ganhou|gan[oó]|hat gewonnen|a gagn[eé]|l'emporte)(?![\p{L}])/u;
// "Discord vs Skool rabbit hole again but everyone already lives in Discord so that's where it's staying": the
// comparison is in one clause, the choice in a later one that names one platform only.
const laterChoice =
  /\b(?:live(?:s)? (?:on|in)|(?:staying|stay|stays) (?:on|in)|stick(?:ing)? with|go(?:ing)? with|went with|(?:that's|that is) where (?:it's|it is|we're|we are|it stays|we stay|everyone is|everyone's))\b/;
// "members get a private Slack", "everyone joins our Discord": where members end up.
const membersJoinBefore =
  /\b(?:members?|everyone|founders|subscribers|students)\s+(?:get|gets|will get|have|join|joins|will join)\s+(?:access to\s+)?(?:a|an|the|our|my)?\s*(?:private|paid|members-only|exclusive|invite-only|own)?\s*$/;
// "for now it's a Facebook group", "it'll be on Circle": the mention is what "it" (the community) is.
const itIsBefore =
  /(?:^|[,;:-]\s*|\b(?:now|then|so|but|and)\s+)(?:it's|it is|it'll be|it will be)\s+(?:a\s+|an\s+|on\s+|in\s+)?(?:private\s+|paid\s+)?$/;
// "the community's gonna live inside Kajabi", "Whop for the paywall, community itself in Discord": where the
// community is, said with or without a verb.
const communityInBefore =
  /(?:^|[,;:+-]\s*|\b(?:and|but|while|so)\s+)(?:the\s+|my\s+|our\s+)?community(?:'s|\s+itself|\s+part)?\s+(?:(?:is\s+|will\s+|'ll\s+|gonna\s+|going\s+to\s+)?(?:live|lives|living|be|stay|stays|sit|sits|go|goes)\s+)?(?:in|on|inside|over on|over in)\s+$/;
// "Set up the Discord server", "my Skool group is set up": a space built on a platform is a task done, not a choice
// of where the community lives (the labels' convention); a choice said besides ("we're officially on Skool") still is.
const spaceNoun = '(?:server|group|community|space|workspace|classroom|site|channels?)';
const spaceNounNext = new RegExp(String.raw`^\s*${spaceNoun}\b`);
const spaceSetUpAfter = new RegExp(
  String.raw`^\s*${spaceNoun}\b[^,;.]{0,20}?\b(?:is|are|'s|got|now)?\s*(?:all\s+|now\s+|finally\s+)?(?:set up|setup|created|built|ready|up and running|done|live)\b`,
);
const spaceSetUpBefore =
  /\b(?:set(?:ting)? up|setup|created|creating|built|building|made|finished)\s+(?:the|my|our|a|a new|the new|my new|our new)\s+$/;
// "I used Teachable years ago", "we were on Patreon back in 2021": history, not a choice.
const pastOnly =
  /\b(?:ago|used to|back in|back then|years back|last year|previously|in the past|once tried|tried once)\b/;
const futureOrNow = /\b(?:will|'ll|going to|gonna|let's|now|from now on|next|moving|switching)\b/;
// A sentence that is only the name ("Discord.", "skool 🙌"): the answer to "which platform?".
// "Skool, because of the classroom" is still only the name, with a reason.
const nameOnly = (lower: string, m: { start: number; end: number }) =>
  /^[\s"'*_-]*$/.test(lower.slice(0, m.start)) &&
  /^[\s.!"'*_)-]*(?:[^\sa-z0-9]{1,4}[\s.!]*)?$/u.test(
    lower.slice(m.end).replace(/^(?:,\s*|\s+)(?:because|since|'cause|cuz)\b.*$/, ''),
  );
/**
 * The platform a sentence chooses, or undefined. Rejected mentions (negated, "over X", "from X", "X is too ...")
 * are dropped; among several different platforms joined by "or" nothing is chosen; otherwise the first remaining one.
 * `committed`: the sentence carries a commitment phrase, which counts as intent by itself ("Launching with Skool").
 */
export function extractPlatform(lower: string, committed: boolean): string | undefined {
  const mentions = findPlatformMentions(lower);
  if (mentions.length === 0) return undefined;
  const kept = mentions.filter((m) => {
    if (isNegatedMention(lower, m.start) || isHedgedMention(lower, m.start, m.end)) return false;
    const lead = lower.slice(Math.max(0, m.start - 12), m.start);
    if (/\b(?:over|from|than|off|leave|leaving)\s+(?:my\s+|the\s+|a\s+)?$/.test(lead)) return false;
    const [, clauseEnd] = clauseAround(lower, m.start);
    const after = lower.slice(m.end, m.end + 30);
    if (toolRoleAfter.test(after) && !communityInRole.test(after)) return false;
    if (toolRoleBefore.test(lower.slice(Math.max(0, m.start - 40), m.start))) return false;
    // "the Discord bot syncs roles": a piece wired into the setup, not where members gather.
    if (toolPartAfter.test(after)) return false;
    // "I tested Circle for one week but my ladies found the app too complicated": tried and turned down.
    if (triedBefore.test(lead) && /^[^.;]*\bbut\b/.test(lower.slice(m.end))) return false;
    return !rejectedAfter.test(lower.slice(m.end, clauseEnd));
  });
  const spaces = kept.filter(
    (m) =>
      spaceNounNext.test(lower.slice(m.end)) &&
      (spaceSetUpAfter.test(lower.slice(m.end, m.end + 60)) ||
        spaceSetUpBefore.test(lower.slice(Math.max(0, m.start - 30), m.start))),
  );
  if (spaces.length > 0 && spaces.length === kept.length && !committed) {
    const rest = lower.replace(/\b(?:set(?:ting)? (?:it |things |everything )?up|setup)\b/g, ' ');
    if (!platformIntent.test(rest)) return undefined;
  }
  if (kept.length === 0) return undefined;
  const winner = kept.find(
    (m) => chosenAfter.test(lower.slice(m.end, m.end + 30)) || chosenAfterForeign.test(lower.slice(m.end, m.end + 30)),
  );
  if (winner) return winner.name;
  const names = [...new Set(kept.map((m) => m.name))];
  if (names.length > 1) {
    const between = lower.slice(kept[0]!.end, kept.find((m) => m.name !== kept[0]!.name)!.start);
    if (/\bor\b|\/|\bvs\b|\band\b/.test(between)) {
      const last = kept.at(-1)!;
      const [clauseStart] = clauseAround(lower, last.start);
      const alone = kept.every((m) => m.name === last.name || m.end <= clauseStart);
      const rest = lower.slice(clauseStart);
      if (alone && clauseStart > kept[0]!.end && laterChoice.test(rest) && !/\?/.test(rest)) return last.name;
    }
    if (/\bor\b|\/|\bvs\b|\band\b/.test(between) && !committed) return undefined;
    if (/\bor\b|\/|\bvs\b/.test(between)) return undefined;
  }
  if (pastOnly.test(lower) && !futureOrNow.test(lower)) return undefined;
  const lead = lower.slice(Math.max(0, kept[0]!.start - 60), kept[0]!.start);
  const joined =
    membersJoinBefore.test(lead) ||
    itIsBefore.test(lead) ||
    communityInBefore.test(lead) ||
    communityRoleAfter.test(lower.slice(kept[0]!.end));
  if (!committed && !joined && !platformIntent.test(lower) && !(kept.length === 1 && nameOnly(lower, kept[0]!))) {
    return undefined;
  }
  return kept[0]!.name;
}
