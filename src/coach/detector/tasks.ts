import { type Confidence, isQuestion } from './commitment.js';
import { escapeRegExp, lowerForMatching, normalizeText, splitSentences } from './text.js';

export interface TaskForDetection {
  id: string;
  title: string;
  completionSignals?: readonly string[];
}

export interface DetectedTaskCompletion {
  taskId: string;
  confidence: Confidence;
  /** Only confident matches may mark a task done; the others are suggestions to confirm. */
  confident: boolean;
  /** The sentence it was read from. */
  evidence: string;
  /** The phrase that matched (a completion signal or title words). */
  matched: string;
}

/**
 * How it decides, per sentence (questions are skipped):
 * 1. The sentence is cut into clauses (commas, "but", "though", ...). A clause is
 *    - not done when it negates, looks ahead or reports work in progress ("haven't", "will", "need to", "almost",
 *      "still working on", "started", "I'm launching", "once ... is done"),
 *    - done when it has a completion word ("finished", "is live", "wrapped up", "set up", "recorded", "closed"),
 *    - otherwise neutral: it counts as done only when another clause of the sentence is done and none is not done
 *      ("The founding launch went great, 25 people joined and the doors are now closed").
 * 2. In a done clause, a task matches by one of its completion signals ("sales page"), with a plural allowed.
 *    When signals of two tasks overlap, the longer one wins ("presale emails" over "presale"); a partial overlap
 *    makes both uncertain. A signal match is high confidence and `confident`.
 * 3. Without a signal, most of a task's distinctive title words in a done clause give a medium, non-confident match.
 */
export function detectCompletedTasks(
  message: string,
  tasks: ReadonlyArray<TaskForDetection>,
): DetectedTaskCompletion[] {
  const results = new Map<string, DetectedTaskCompletion>();
  const matchers = tasks.map((task) => ({
    task,
    signals: (task.completionSignals ?? []).map((s) => ({ signal: s, re: signalRegExp(s) })),
    titleWords: distinctiveWords(task.title),
  }));

  for (const sentence of splitSentences(message)) {
    if (isQuestion(sentence)) continue;
    // "checked off 'choose the platform' ✔ — WhatsApp community, payments through Stripe links": after a tick and a
    // dash or colon come the details of the ticked item, done only where a clause says so itself.
    const tickDetail = /[\u2705\u2714\u2713\u2611]\ufe0f?\s*(?:-|:)\s*/u.exec(normalizeText(sentence));
    const head = tickDetail ? normalizeText(sentence).slice(0, tickDetail.index + tickDetail[0].length) : sentence;
    const headClauses = splitClauses(normalize(head)).length;
    const clauses = splitClauses(normalize(sentence));
    const statuses = clauses.map(clauseStatus);
    const sentenceDone = statuses.includes('done') && !statuses.includes('not-done');
    // "presale emails 1 to 3 written, 4 and 5 still a blank page", "3 interviews done, 7 to go": the numbers still
    // open are the rest of the same work, so the work is in progress.
    if (clauses.some((c) => remainderOpen.test(c))) continue;
    clauses.forEach((clause, i) => {
      const status = statuses[i];
      const detail = tickDetail !== null && i >= headClauses;
      if (!(status === 'done' || (status === 'neutral' && sentenceDone && !detail))) return;
      let matches = matchClause(clause, matchers);
      // "The sales page took forever but it's finally live": "it" points at the clause before.
      const previous = clauses[i - 1];
      if (
        matches.length === 0 &&
        previous &&
        statuses[i - 1] === 'neutral' &&
        /^(?:but |and |so )?(?:it|it's|they|they're|that's|now it's)\b/.test(clause)
      ) {
        matches = matchClause(previous, matchers);
      }
      for (const match of matches) {
        const existing = results.get(match.taskId);
        if (existing?.confident) continue;
        const { taskId, confidence, confident, matched } = match;
        results.set(taskId, { taskId, confidence, confident, evidence: sentence.trim(), matched });
      }
    });
  }
  return [...results.values()];
}

/**
 * Lower case with shorthand spelled out, check marks as "done" ("sales page ✅"), hyphens and slashes as spaces,
 * other punctuation dropped (keeps "&" and apostrophes).
 */
function normalize(text: string): string {
  let lower = lowerForMatching(text);
  // Before accents are dropped below: "j'ai fait", "ist online", "lista de espera" read as their English words.
  for (const [re, english] of foreignTaskWords) lower = lower.replace(re, english);
  return lower
    .replace(/[\u2705\u2714\u2713\u2611]\ufe0f?/g, ' done ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[-/_]+/g, ' ')
    .replace(/[^a-z0-9&',;:.!?%$ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Creators mix German, Spanish, Portuguese and French into English chat ("Die Warteliste page is online", "finished
 * the 10 entrevistas", "j'ai enfin fait the dashboard"): the plan's nouns and the done / not-yet words in those
 * languages, spelled in English for matching. Negations come first so "noch nicht fertig" stays not done.
 */
const foreignTaskWords: Array<[RegExp, string]> = [
  [/\b(?:noch nicht|pas encore|todav[ií]a no|a[uú]n no|ainda n[aã]o)(?![\p{L}])/gu, 'not yet'],
  [/(?<![\p{L}])(?:nicht|n[aã]o|nunca|jamais)(?![\p{L}])/gu, 'not'],
  [/\b(?:warteliste|lista de espera|liste d'attente|lista d'attesa)\b/g, 'waitlist'],
  [/\b(?:entrevistas?|entretiens?)\b/g, 'interviews'],
  [/\b(?:verkaufsseite|p[aá]gina de ventas|p[aá]gina de vendas|page de vente)(?![\p{L}])/gu, 'sales page'],
  [/\b(?:tableau de bord|painel)\b/g, 'dashboard'],
  [/(?<![\p{L}])(?:testimonios|depoimentos|t[ée]moignages)(?![\p{L}])/gu, 'testimonials'],
  [
    /(?<![\p{L}])(?:fait|faite|fini|finie|terminée?|prête?|fertig|erledigt|gemacht|abgeschlossen|hech[oa]s?|terminad[oa]s?|acabad[oa]s?|terminé|acabé|terminei|acabei|feit[oa]s?|(?:est[aá]|est[aã]o|t[aá]|ficou|ficaram)\s+pront[oa]s?|conclu[ií]d[oa]s?|finalizad[oa]s?|publicad[oa]s?|publiée?s?)(?![\p{L}])/gu,
    'done',
  ],
];

// Compiled once per signal: a plan has ~150 signals and every chat message is read against all of them. Only used
// through matchAll, which copies the RegExp, so sharing one is safe.
const compiledSignals = new Map<string, RegExp>();
function signalRegExp(signal: string): RegExp {
  let re = compiledSignals.get(signal);
  if (!re) {
    re = phraseRegExp(normalize(signal));
    if (compiledSignals.size < 10_000) compiledSignals.set(signal, re);
  }
  return re;
}

/**
 * The phrase with its last word inflected ("interviews" also matches "interview", "interviewing", "interviewed");
 * in a phrase of several words, a long leading word may end differently ("competitive analysis" matches
 * "competitor analysis"), since the words after it already pin the meaning down.
 */
function phraseRegExp(phrase: string): RegExp {
  const base = /[a-z]{4,}s$/.test(phrase) && !/ss$/.test(phrase) ? phrase.slice(0, -1) : phrase;
  const ending = /[a-z]$/.test(base) ? '(?:s|es|ing|ed)?' : '';
  const words = base.split(' ');
  const body = words
    .map((word, i) =>
      i < words.length - 1 && /^[a-z]{8,}$/.test(word)
        ? `${escapeRegExp(word.slice(0, word.length - 3))}[a-z]*`
        : escapeRegExp(word),
    )
    .join(' ');
  return new RegExp(`(?<![a-z0-9])${body}${ending}(?![a-z0-9])`, 'g');
}

function splitClauses(sentence: string): string[] {
  return (
    sentence
      // "and" starts a new clause when a new subject follows: "I set up Stripe and I'm going with Circle", "Sales
      // page is live and presale opens Monday".
      .split(
        /[,;:]|\s(?=(?:but|though|although|whereas|while|yet)\b)|\sand\s(?=(?:i|we|i'm|we're|i've|we've|i'll|we'll|it's|it)\b)|\sand\s(?=(?:the\s+|my\s+|our\s+)?[a-z]+(?:\s[a-z]+)?\s(?:is|are|opens|starts|launches|goes|kicks off)\b)/,
      )
      .map((c) => c.trim())
      .filter((c) => c.length > 0)
  );
}

const notDone =
  /\b(?:(?:i'm|we're|i am|we are|it's|it is) (?!done\b|going with\b|sticking with\b|charging\b|using\b|pricing\b)[a-z]+ing\b|scheduled for|booked for|planned for|set for|go(?:es)? live|opens|launches|kicks off|starts|haven't|have not|hasn't|has not|didn't|did not|don't|doesn't|not yet|not done|not finished|not live|isn't|aren't|wasn't|weren't|won't|can't|not|never|nothing|none of|nobody|will|'ll|going to|gonna|plan(?:ning)? to|need(?:s)? to|have to|has to|got to|gotta|should|want(?:s)? to|wanna|hope to|hoping to|about to|trying to|try to|tomorrow|next|later|soon|let's|almost|nearly|halfway|half way|partly|partially|mostly|working on|still|started|starting|in progress|draft|drafting|wip|begun|began|todo|to do)\b|^(?:once|if|when|until|before)\b/;

const doneCue =
  /\b(?:finished|done|completed|complete|wrapped(?: up)?|shipped|launched|published|posted|sent|went live|is live|are live|now live|live now|live(?! (?:call|calls|q|q&a|session|sessions|stream|streams|event|events|workshop|workshops|coaching|class|classes|training|hangout|hangouts|chat|demo)\b)|(?:is|are|(?<!\bwhat)'s) (?:now )?up(?! to\b)|went up|(?:is|are|'s) (?:now )?online|went online|mapped out|pinned|built|created|made|set up|setup|wrote|written|recorded|filmed|uploaded|scheduled|designed|installed|connected|configured|finali[sz]ed|nailed|knocked out|crossed off|checked off|ticked off|hosted|ran|held|had|did|audited|researched|analy[sz]ed|interviewed|talked to|spoke (?:to|with)|collected|gathered|hit publish|pushed live|ready|all set|(?:is|are|'s) set|sorted|closed|opened|ended|is over|joined|happened|took place|(?:was|were) (?:today|yesterday|last night|this morning|earlier today)|went out|showed up|shared|promoted|announced|tested|works|went (?:great|well|amazing|really well|ok|okay|fine)|hooked up|up and running|got (?:it|them|that|the [a-z ]+) done|got (?:\d+|all|every one) of (?:them|those)|(?:got|received) \d+ [a-z]+|turned (?:them|it|those|these) into|got (?:the |my |our )?[a-z ]{1,30} (?:up|live|done|finished|ready))\b/;

const remainderOpen =
  /^(?:and |but |with )?(?:the (?:last|other|remaining) )?\d+(?:\s*(?:and|to|&|through|thru)?\s*\d+)?\s+(?:(?:are |is )?still|to go|left|remaining|pending|(?:are |is )?not|aren't|isn't|todo|to do)\b/;

type ClauseStatus = 'done' | 'not-done' | 'neutral';

/**
 * "4 of 10 interviews done", "6 of the 10 done", "like 80% done", "half done": progress, unless the count is complete ("10 of 10").
 * "40% completion" of a challenge is how it went, not how far the work is.
 */
function partOfTheWay(clause: string): boolean {
  const m = /\b(\d+)\s+(?:of|out of)\s+(?:the\s+|my\s+|our\s+)?(\d+)\b/.exec(clause);
  if (m !== null && Number(m[1]) < Number(m[2])) return true;
  return /\b\d{1,2}\s*%\s*(?:done|complete|finished|written|built|through|there)\b|\bhalf[- ]?(?:done|finished|written|built|complete|through|there)\b/.test(
    clause,
  );
}

function clauseStatus(raw: string): ClauseStatus {
  // Exclamations, not negations: "can't believe the launch is over", "can't wait".
  const clause = raw.replace(
    // "mapped out for the next 8 weeks" and "booked over the next two months": how far ahead the plan reaches.
    /\b(?:can't|cannot|can not) (?:believe|wait)\b|\bi'll be honest\b|\bto be honest\b|\bi will say\b|\b(?:for|over|across) the next (?:\d+|few|two|three|four|five|six|eight|ten|twelve) (?:days|weeks|months)\b/g,
    '',
  );
  if (notDone.test(clause) || partOfTheWay(clause)) return 'not-done';
  if (doneCue.test(clause)) return 'done';
  return 'neutral';
}

const stopwords = new Set([
  'the',
  'a',
  'an',
  'your',
  'and',
  'for',
  'with',
  'to',
  'of',
  'set',
  'up',
  'run',
  'write',
  'build',
  'create',
  'define',
  'choose',
  'design',
  'plan',
  'host',
  'first',
  'community',
  'member',
  'members',
  'start',
  'collect',
  'launch',
]);

function distinctiveWords(title: string): string[] {
  return [
    ...new Set(
      normalize(title)
        .replace(/[^a-z ]/g, ' ')
        .split(' ')
        .filter((w) => w.length > 2 && !stopwords.has(w)),
    ),
  ];
}

// "closed until the public launch", "emails for the presale": the task named is what comes next, not what was done;
// "testimonials are on the sales page": where something went, not what was done.
const aheadOfEvent =
  /\b(?:until|till|before|ahead of|for|in time for)\s+(?:the\s+|my\s+|our\s+|a\s+)?$|\b(?:are|is|and|it|them|went|added|put|pinned|embedded|shown)\s+(?:now\s+)?(?:on|onto|into)\s+(?:the\s+|my\s+|our\s+)?$/;

// "wrote up their pricing": a competitor's price, not the creator's task.
const someoneElsesBefore = /\b(?:their|his|her|competitors?'?s?|other (?:creators|communities|people)'?s?)\s+$/;

interface ClauseMatch {
  taskId: string;
  start: number;
  end: number;
  matched: string;
  confidence: Confidence;
  confident: boolean;
}

function matchClause(
  clause: string,
  matchers: ReadonlyArray<{
    task: TaskForDetection;
    signals: Array<{ signal: string; re: RegExp }>;
    titleWords: string[];
  }>,
): ClauseMatch[] {
  const hits: ClauseMatch[] = [];
  for (const { task, signals } of matchers) {
    for (const { signal, re } of signals) {
      for (const m of clause.matchAll(re)) {
        const start = m.index ?? 0;
        const lead = clause.slice(Math.max(0, start - 24), start);
        if (aheadOfEvent.test(lead) || someoneElsesBefore.test(lead)) continue;
        hits.push({
          taskId: task.id,
          start,
          end: start + m[0].length,
          matched: signal,
          confidence: 'high',
          confident: true,
        });
      }
    }
  }
  // A hit inside a longer hit of another task loses; partial overlaps between tasks make both uncertain.
  const kept = hits.filter(
    (h) =>
      !hits.some(
        (o) => o.taskId !== h.taskId && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start,
      ),
  );
  for (const h of kept) {
    const clash = kept.some(
      (o) => o.taskId !== h.taskId && o.start < h.end && h.start < o.end && !(o.start <= h.start && o.end >= h.end),
    );
    if (clash) {
      h.confidence = 'medium';
      h.confident = false;
    }
  }
  const byTask = new Map<string, ClauseMatch>();
  for (const h of kept) {
    const seen = byTask.get(h.taskId);
    if (!seen || (h.confident && !seen.confident) || h.end - h.start > seen.end - seen.start) byTask.set(h.taskId, h);
  }
  // Title words: a weaker, non-confident suggestion for tasks no signal matched.
  if (byTask.size === 0) {
    const words = new Set(clause.replace(/[^a-z ]/g, ' ').split(' '));
    const stem = (w: string) => w.replace(/(?:ies|es|s)$/, '');
    const stems = new Set([...words].map(stem));
    for (const { task, titleWords } of matchers) {
      if (titleWords.length < 2) continue;
      const present = titleWords.filter((w) => stems.has(stem(w)));
      if (present.length >= 2 && present.length / titleWords.length >= 0.6) {
        byTask.set(task.id, {
          taskId: task.id,
          start: 0,
          end: 0,
          matched: present.join(' '),
          confidence: 'medium',
          confident: false,
        });
      }
    }
  }
  return [...byTask.values()].map(({ taskId, matched, confidence, confident }) => ({
    taskId,
    start: 0,
    end: 0,
    matched,
    confidence,
    confident,
  }));
}
