/**
 * How firmly a sentence commits to what it says. The category detectors find a value ("$49/month", "Skool");
 * this decides whether it is a decision and how confident we are.
 *
 *   question ("should I charge $49?", "Skool vs Circle?")            -> not a decision
 *   hedge ("maybe Discord", "thinking about $39", "what if")          -> not a decision; low if it also commits
 *                                                                        ("I'll think about Slack")
 *   tentative ("leaning towards", "probably", "I'd", "I want to")     -> low
 *   soft belief ("I think", "pretty sure") + a commitment phrase      -> medium; alone -> low
 *   commitment ("I'll go with", "let's do", "decided", "X it is")     -> high
 *   opinion or demand ("cohorts sound exhausting", "people ask for")  -> not a decision (unless it also commits)
 *   plain statement ("Members get a live Q&A every other week")        -> medium
 */

import { lowerForMatching } from './text.js';

export type Confidence = 'high' | 'medium' | 'low';
export const confidenceRank: Record<Confidence, number> = { low: 1, medium: 2, high: 3 };

export type CommitmentKind = 'question' | 'hedge' | 'tentative' | 'statement' | 'commitment';

export interface Commitment {
  kind: CommitmentKind;
  /** null: not a decision at all. */
  confidence: Confidence | null;
  /** The phrase that decided it (for debugging and explanations). */
  cue: string | null;
}

export const commitmentPatterns: RegExp[] = [
  /\b(?:i|we)(?:'ve| have)?\s+(?:finally\s+|just\s+)?decided\b/,
  /^decided\b/,
  /\bdecided on\b/,
  /\b(?:final|my|the) decision\b/,
  /\bfinal answer\b/,
  /\bgo(?:ing)? with\b/,
  /\bwent with\b/,
  /\blet's\s+(?!see\b|think\b|talk\b|discuss\b|chat\b|figure\b|brainstorm\b|look\b|compare\b|consider\b)\w+/,
  /\blets\s+(?:do|go|use|launch|open|charge|run|make|start|set|price|keep|host|try)\b/,
  /\b(?:i'll|i will|we'll|we will|it'll|it will|they'll)\b/,
  /\bwill\b(?!\s+(?:see|think|consider|decide|figure|check|look|wait|try))/,
  /\bthere(?:'ll| will) be\b/,
  /\bgoing to be\b/,
  /^(?:going to|gonna)\b/,
  /\b(?:is|are|'s) (?:set for|done|decided|final|settled|official)\b/,
  /\b(?:i'm|i am|we're|we are)\s+(?:going to|gonna)\b/,
  /\b(?:i'm|i am|we're|we are)\s+(?:charging|using|launching|doing|running|hosting|building|pricing|moving|switching|opening|starting|sticking|staying|keeping|offering|going live|setting)\b/,
  /^(?:launching|going live|opening|charging|moving|switching)\b/,
  /\b(?:we|i) (?:launch|open|go live|start)\b/,
  /\b(?:landed on|land on|settled on|locked in|locking in|lock it in|is locked|committed to|committing to|sticking with|stick with|finali[sz]ed|confirmed|officially|it's official)\b/,
  /\b(?:chose|have chosen|picked|opted for|signed up for|set the (?:price|date))\b/,
  /\b(?:price|date|it|pricing)(?:'s| is) set\b/,
  /\b(?:\w+|\$?\d+(?:\.\d+)?(?:\/\w+)?) it is\b/,
  /\bthat's (?:the|my|our) (?:plan|structure|price|pricing|platform|decision|commitment|choice|one|date|number)\b/,
  /\b(?:definitely|for sure|100%|no doubt|done deal)\b/,
  /^(?:done|decided|final|locked in|that's it)[.!]*$/,
];

/** Hedges that make a sentence no decision at all (or low when it also commits). */
export const hedgePatterns: RegExp[] = [
  /\bmaybe\b/,
  /\bperhaps\b/,
  /\bmight\b/,
  /\bpossibly\b/,
  /\bnot sure\b/,
  /\bunsure\b/,
  /\bno idea\b/,
  /\bi don't know\b/,
  /\bidk\b/,
  /\bconsidering\b/,
  /\bthinking (?:about|of)\b/,
  /\bthink about\b/,
  /\bwondering\b/,
  /\bi wonder\b/,
  /\btorn\b/,
  /\bdebating\b/,
  /\bon the fence\b/,
  /\bcould\b/,
  /\bwhat if\b/,
  /\bhow about\b/,
  /\b(?:haven't|have not|not yet|yet to|can't|cannot) decide[d]?\b/,
  /\bundecided\b/,
  /\bstill deciding\b/,
  /\bnot decided\b/,
  /\bvs\.?\b|\bversus\b/,
  // "either X or Y"; not the "not $9 either - it's $19" of a rejection, nor "take it or leave it".
  /\beither\b(?!\s*(?:[-,.;:!]|$))(?:(?!\btake it or leave it\b).)*\bor\b/,
  /\bif (?:i|we)\b/,
  /\b(?:toying|playing) with\b/,
  /\bexploring\b/,
  /\blooking (?:at|into)\b/,
  /\bcompar(?:e|ing)\b/,
  /\bback and forth\b/,
  /\bidea\b/,
  /\bshould (?:i|we)\b/,
  /\bdo you think\b/,
  /\bwhich (?:one|is better)\b/,
  // A floor worked out, not a price chosen: "my price has to be at least $30/month".
  /\b(?:has|have|needs?|need|must) to be (?:at least|more than|over|above|no less than)\b|\b(?:at least|no less than)\s*[$€£₹¥]\s?\d/,
  // Break-even arithmetic, not a choice: "I'd need 100 members at $30/month to hit my goal".
  /\b(?:need|needs|needed)\s+(?:about\s+|around\s+|roughly\s+)?\d[\d,]*\s+(?:members|people|subscribers|customers|buyers|sales)\b/,
];

/** Tentative wording: low confidence whatever else the sentence says. */
export const tentativePatterns: RegExp[] = [
  /\bleaning\b/,
  /\bprobably\b/,
  /\blikely\b/,
  /\bi guess\b/,
  /\bi'd\b|\bi would\b|\bwe'd\b|\bwe would\b/,
  /\b(?:i|we) (?:want|wanna) to\b/,
  /\bhop(?:e|ing) to\b/,
  /\bideally\b/,
  /\bprefer\b/,
  /\bkind of\b|\bsort of\b/,
  /\bi feel like\b/,
  /\btempted\b/,
  /\bshould\b/,
];

/**
 * Opinions and reports of demand, without a commitment phrase, are not decisions: "Cohorts sound exhausting",
 * "Weekly calls are what my audience asks for".
 */
export const opinionPatterns: RegExp[] = [
  /\b(?:sounds?|seems?|looks?|feels?)\b/,
  // "I also like the energy of a cohort", "I love the idea of a free tier": a liking, not a choice.
  /\b(?:i|we) (?:also |really |kinda |do )?(?:like|love|enjoy)\s+(?:the (?:idea|energy|vibe|feel|sound|look|thought) of|how)\b/,
  /\b(?:audience|people|followers|subscribers|members|they|everyone)\s+(?:keep\s+)?(?:ask|asks|asked|asking|request|requests|requested)\b/,
];

/** Beliefs: medium with a commitment phrase ("I think I'll go with Skool"), low alone. */
export const beliefPatterns: RegExp[] = [/\bi think\b/, /\bi believe\b/, /\bpretty sure\b/, /\bi reckon\b/];

const questionStart = /^(?:should|would|could|can|do|does|did|is|are|am|what|which|how|shall|isn't|aren't|any)\b(?!')/;
const tagQuestion = /,\s*(?:right|ok|okay|yeah|yes|no|correct|agreed|sound good|makes sense|good)\s*\?+\s*$/;

function firstMatch(patterns: readonly RegExp[], lower: string): string | null {
  for (const p of patterns) {
    const m = p.exec(lower);
    if (m) return m[0];
  }
  return null;
}

export function isQuestion(sentence: string): boolean {
  const lower = sentence.trim().toLowerCase();
  if (tagQuestion.test(lower)) return false;
  return /\?\s*["')]*\s*$/.test(lower) || questionStart.test(lower);
}

// "maybe Circle later, but for now it's a Facebook group": after a hedged clause, "but" and a marker of the present
// (or a commitment) state the choice made today; the hedge is about some other time.
// So does a "but" clause saying where the community stays: "Discord vs Skool rabbit hole again but honestly everyone
// already lives in Discord so that's where it's staying".
const presentChoiceAfterBut =
  /^(.*)\bbut\s+((?:for now|right now|for the moment|to start|to start with|at first|initially|at launch|for launch|for the launch|currently|today)\b.*|(?=[^?]*\b(?:lives? (?:on|in)|(?:sticking|stick|stay|staying|going|went) with|that's where|(?:staying|stays) (?:on|in))\b)[^?]*)$/;

/** Assesses one sentence (see the table at the top of this file). */
export function assessCommitment(sentence: string): Commitment {
  const contrast = presentChoiceAfterBut.exec(lowerForMatching(sentence.trim()));
  // "Should I pick Circle or Skool, but everyone lives in Discord" still asks.
  if (
    contrast &&
    firstMatch(hedgePatterns, contrast[1]!) &&
    !firstMatch(hedgePatterns, contrast[2]!) &&
    !isQuestion(contrast[1]!)
  ) {
    return assessCommitment(contrast[2]!);
  }
  // "After comparing everything, I picked Kajabi": deliberation that is over is not a hedge.
  const lower = lowerForMatching(sentence.trim()).replace(
    /\b(after|having)\s+(?:a lot of\s+|lots of\s+|much\s+|some\s+|weeks of\s+|days of\s+|so much\s+)?(?:thinking about|thinking|comparing|considering|looking at|looking into|researching|debating|weighing|going back and forth|back and forth)\b/g,
    '$1',
  );
  if (isQuestion(lower)) return { kind: 'question', confidence: null, cue: '?' };
  const commit = firstMatch(commitmentPatterns, lower);
  const hedge = firstMatch(hedgePatterns, lower);
  if (hedge) return { kind: 'hedge', confidence: commit ? 'low' : null, cue: hedge };
  const tentative = firstMatch(tentativePatterns, lower);
  if (tentative) return { kind: 'tentative', confidence: 'low', cue: tentative };
  const belief = firstMatch(beliefPatterns, lower);
  if (belief) return { kind: commit ? 'commitment' : 'tentative', confidence: commit ? 'medium' : 'low', cue: belief };
  if (commit) return { kind: 'commitment', confidence: 'high', cue: commit };
  const opinion = firstMatch(opinionPatterns, lower);
  if (opinion) return { kind: 'hedge', confidence: null, cue: opinion };
  return { kind: 'statement', confidence: 'medium', cue: null };
}

/** A sentence that only affirms the one before it: "Done.", "Let's do it.", "Yes, go with that." */
export function isAffirmation(sentence: string): boolean {
  const lower = sentence
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  return /^(?:(?:yes|yeah|yep|ok|okay|alright|right|cool|great|perfect)[,! ]*)?(?:done|decided|final|final answer|locked in|lock it in|that's it|that's final|let's do it|let's do that|let's go with (?:it|that)|go with (?:it|that)|i'll go with (?:it|that)|doing it|deal|done deal|settled|it's decided|sold|that's the (?:number|one|plan|price|date)|that's my (?:number|plan|price|pick))$/.test(
    lower,
  );
}

/** Extracts the "because ..." part of a sentence (or the next sentence when it starts with "Because"). */
export function extractRationale(sentence: string, next?: string): string | undefined {
  const clean = (s: string) =>
    s
      .trim()
      .replace(/^[,;:\s-]+/, '')
      .replace(/[.!?\s]+$/, '')
      .slice(0, 300);
  const m =
    /\b(?:because(?: of)?|since|'cause|cause|cuz|as|given that|the reason is|so that)\s+(?!(?:january|february|march|april|may|june|july|august|september|october|november|december|last|yesterday|then|now|well|long|soon|much|many|a|an|the first|of)\b)(.+)$/i.exec(
      sentence,
    );
  if (m?.[1] && !/^as\b/i.test(m[0])) return clean(m[1]);
  if (m?.[1] && /^as\b/i.test(m[0]) && /^(?:my|our|it|they|that|this|i|we|members|people)\b/i.test(m[1])) {
    return clean(m[1]);
  }
  // "My audience is already on Discord, so I'll build it there": the reason comes before "so".
  const so = /^(.{8,}?)(?:,\s*|\s+)so\s+(?:i|we|let's|it)\b/i.exec(sentence);
  if (so?.[1]) return clean(so[1]);
  if (next) {
    const n = /^(?:because|that's because|the reason is|reason:|since)\s+(.+)$/i.exec(next.trim());
    if (n?.[1]) return clean(n[1]);
  }
  return undefined;
}
