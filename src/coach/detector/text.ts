/** Text helpers shared by the detectors: normalisation, sentences, clauses and negation scope. */

/** Curly quotes and dashes to ASCII, so one set of patterns covers phone keyboards too. */
export function normalizeText(message: string): string {
  return message
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, ' - ')
    .replace(/\u00a0/g, ' ');
}

/**
 * Chat shorthand and the commonest misspellings of the words the detectors key on, spelled out: "im goin with
 * skool", "lauching on march 3rd", "finshed the sales page", "tested it w/ my card". Applied to lower-cased text the
 * patterns read, never to the evidence shown to people. Only misspellings that are not English words themselves
 * ("lunch" stays lunch).
 */
const shorthand: Array<[RegExp, string]> = [
  // German "im Monat" / "im Jahr" (a month, a year) stays German.
  [/\bim\b(?!\s+(?:monat|jahr)\b)/g, "i'm"],
  [/\bive\b/g, "i've"],
  [/\bweve\b/g, "we've"],
  [/\bdont\b/g, "don't"],
  [/\bdidnt\b/g, "didn't"],
  [/\bhavent\b/g, "haven't"],
  [/\bisnt\b/g, "isn't"],
  [/\bgoin\b/g, 'going'],
  [/\bw\/o\b/g, 'without'],
  [/\bw\//g, 'with '],
  // "going w circle": a lone "w" before a word is "with" ("w/e" and "w." stay).
  [/\bw(?=\s+[a-z])/g, 'with'],
  [/\bppl\b/g, 'people'],
  [/\b(?:tmrw|tmr|tmrow|2moro|tomorow|tommorow|tommorrow)\b/g, 'tomorrow'],
  [/\b(\d+|a|two|three|four|five|six)\s*wks\b/g, '$1 weeks'],
  [/\b(\d+|a|one)\s*wk\b/g, '$1 week'],
  [/\b(?:lauch|luanch|lanuch|laucn)(\w*)/g, 'launch$1'],
  [/\b(?:finshed|finsihed|finihsed|finised|fnished|finnished)\b/g, 'finished'],
  [/\b(?:compelted|completd|comlpeted)\b/g, 'completed'],
  [/\b(?:decidd|deicded|decieded|dicided)\b/g, 'decided'],
  [/\b(?:dicision|descision|decison|desicion|decsion|decission)\b/g, 'decision'],
  [/\b(?:dollers|dolars|dollars|dollors|dollas)\b/g, 'dollars'],
  [/\b(?:doller|dolar|dollor)\b/g, 'dollar'],
  [/\b(?:cahrg|chrag)(e|es|ing|ed)\b/g, 'charg$1'],
];

/** Lower case with chat shorthand and common misspellings spelled out (see `shorthand`). */
export function lowerForMatching(text: string): string {
  let lower = text.toLowerCase();
  for (const [re, replacement] of shorthand) lower = lower.replace(re, replacement);
  return lower;
}

const abbreviations =
  /\b(?:vs|e\.g|i\.e|etc|approx|mr|mrs|ms|dr|st|no|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$/i;

/** Sentences of a message: split after . ! ? (not inside "$9.99" or after "vs.") and at line breaks. */
export function splitSentences(message: string): string[] {
  const pieces = normalizeText(message)
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const out: string[] = [];
  for (const piece of pieces) {
    const prev = out.at(-1);
    if (prev !== undefined && abbreviations.test(prev)) out[out.length - 1] = `${prev} ${piece}`;
    else out.push(piece);
  }
  return out;
}

// Clause boundaries: punctuation and the conjunctions that start a new thought. Negation and hedges don't cross them.
const clauseBreak =
  /[,;:()]|\s-\s|\b(?:but|though|although|whereas|because|since|so|and then|while|instead of|rather than)\b/g;

/** [start, end) of the clause of `text` containing `index`. */
export function clauseAround(text: string, index: number): [number, number] {
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(clauseBreak)) {
    const at = m.index ?? 0;
    if (at + m[0].length <= index) start = at + m[0].length;
    else if (at >= index) {
      end = at;
      break;
    }
  }
  return [start, end];
}

// "dropping Patreon" rejects it; "drop a new lesson" releases one, and "drop day" is the launch.
const negationBefore =
  /\b(?:not|no|never|don't|dont|doesn't|won't|wont|isn't|aren't|wasn't|can't|cannot|shouldn't|wouldn't|no longer|neither|nor|without|ditch(?:ing)?|drop(?:ping)?(?!\s+(?:a|an|new|one|two|three|\d+|day|date)\b)|leav(?:e|ing)|quit(?:ting)?|cancel(?:l?ing)?|against|hate)\b/;

/**
 * True when a value mentioned at [start, end) of `lower` is negated or rejected within its clause:
 * "not Discord", "instead of Circle", "I won't use Slack", "ditching Patreon".
 * "can't wait to launch on March 3" is not a negation.
 */
export function isNegatedMention(lower: string, start: number): boolean {
  const [clauseStart] = clauseAround(lower, start);
  const before = lower
    .slice(clauseStart, start)
    .replace(/\bcan't wait\b|\bcannot wait\b|\bno doubt\b|\bno-brainer\b/g, '');
  if (negationBefore.test(before)) return true;
  // The clause just before: "..., not Skool" is caught above; "instead of Skool" / "rather than Skool" break the
  // clause right before the mention.
  const lead = lower.slice(Math.max(0, start - 16), start);
  return /\b(?:instead of|rather than|other than|not)\s*$/.test(lead);
}

// With German, Spanish, Portuguese and French "maybe" ("vielleicht 9,90 € im Monat").
const hedgeBefore =
  /\b(?:maybe|perhaps|possibly|might|could|eventually|someday|one day|vielleicht|eventuell|tal vez|talvez)\b|\b(?:quiz[aá]s?|peut-[eê]tre)(?![\p{L}])/u;
const laterAfter =
  /^\s*(?:later|eventually|someday|one day|down the (?:road|line)|in the future|at some point)\b(?!\s+(?:this|today|tonight|in|on|next)\b)/;

/**
 * True when a value at [start, end) of `lower` is only an option for some other time, hedged within its own clause:
 * "maybe Circle later, but for now it's a Facebook group", "$29/mo now, maybe $39 down the road".
 */
export function isHedgedMention(lower: string, start: number, end: number): boolean {
  const [clauseStart, clauseEnd] = clauseAround(lower, start);
  return hedgeBefore.test(lower.slice(clauseStart, start)) || laterAfter.test(lower.slice(end, clauseEnd));
}

/** Words that make a sentence about someone else's choice, not the creator's ("My friend charges $79"). */
const othersSubject =
  /^(?:(?:my|a|our)\s+(?:friend|mate|pal|colleague|buddy|mentor|coach|competitor|sister|brother|cousin|neighbou?r|partner|wife|husband|old boss)s?|friends|she|he|they|someone|somebody|people|everyone|everybody|most (?:people|creators)|a lot of (?:people|creators)|lots of (?:people|creators)|other creators|creators)\b/;

export function isAboutSomeoneElse(lower: string): boolean {
  return othersSubject.test(lower.trim());
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const smallNumbers: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  single: 1,
  two: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Number words up to 999 ("twenty-nine", "a hundred and fifty", "few" = 3) or digits; undefined otherwise. */
export function parseNumberWords(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (t === 'few' || t === 'a few') return 3;
  if (t === 'a couple of' || t === 'a couple' || t === 'couple of') return 2;
  const words = t.split(/[\s-]+/).filter((w) => w !== 'and');
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  for (const w of words) {
    if (w in smallNumbers) current += smallNumbers[w]!;
    else if (w in tens) current += tens[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else return undefined;
  }
  total += current;
  return total;
}

/** The regex source of a number written in words (for embedding in bigger patterns). */
export const numberWordsPattern =
  '(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\\s+hundred(?:\\s+(?:and\\s+)?)?)?' +
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?' +
  '|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|hundred)';
