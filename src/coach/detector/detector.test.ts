import { describe, expect, it } from 'vitest';
import { getTemplate, loadTemplates } from '../templates/load-templates.js';
import { assessCommitment, extractRationale } from './commitment.js';
import { detectDecisions } from './decisions.js';
import {
  evaluateDetector,
  evaluateSet,
  formatScoreTable,
  heldOutSets,
  labelledSetNames,
  loadLabelledMessages,
} from './evaluate.js';
import { analyzeMessage } from './index.js';
import { detectCompletedTasks } from './tasks.js';

const template = getTemplate(loadTemplates(), 'premium-community');
const planTasks = template.phases.flatMap((p) => p.tasks);
const monday = new Date('2025-02-10T15:00:00Z');

const decide = (message: string, now: Date = monday) => detectDecisions(message, now);
const one = (message: string, category: string, now: Date = monday) => {
  const found = decide(message, now).filter((d) => d.category === category);
  expect(found, message).toHaveLength(1);
  return found[0]!;
};
const none = (message: string, category?: string) =>
  expect(
    decide(message).filter((d) => d.confidence !== 'low' && (!category || d.category === category)),
    message,
  ).toEqual([]);
const done = (message: string) =>
  detectCompletedTasks(message, planTasks)
    .filter((t) => t.confident)
    .map((t) => t.taskId);

describe('labelled messages', () => {
  const set = loadLabelledMessages();
  const report = evaluateDetector(set, planTasks);
  // Labelled cases the detector still gets wrong: counted in the precision/recall report, asserted to still be wrong
  // so that fixing one forces this list (and the report) to be updated.
  // t4-s24 ("tiers: free, $10 and $50"): the label records the structure only, the detector also reads the two tier
  // prices.
  // train-6's misses on its first run (written blind, 0.829 / 0.689): each one leaves this list as its fix lands.
  const knownMisses = new Set([
    't4-s24',
    // t6-015 (a price for each of two tiers, "£10/month for the beat lab, £25/month for the tier where …"): a rule
    // counting the priced tiers cost a held-out set one structure label in aggregate, so it was not kept.
    't6-015',
    // label: "live q&a" as the activity, where the in-sample labels name "A live Q&A every Wednesday" (t4-c41) and
    // "weekly live Q&A" (i17-c02) "Q&A"; the cadence itself (every other week, a monthly episode) is read.
    't6-077',
  ]);

  it('has at least 80 realistic messages covering every kind and category, with real task ids', () => {
    expect(set.messages.length).toBeGreaterThanOrEqual(80);
    const kinds = new Set(set.messages.map((m) => m.kind));
    for (const kind of ['decision', 'question', 'hedge', 'neutral', 'task', 'negated-task', 'mixed']) {
      expect(kinds.has(kind as never), kind).toBe(true);
    }
    const categories = new Set(set.messages.flatMap((m) => m.decisions.map((d) => d.category)));
    expect(categories).toEqual(new Set(['pricing', 'platform', 'structure', 'timeline', 'content']));
    const ids = new Set(planTasks.map((t) => t.id));
    for (const m of set.messages) for (const t of m.tasks) expect(ids.has(t), `${m.id}: ${t}`).toBe(true);
    expect(new Set(set.messages.map((m) => m.id)).size).toBe(set.messages.length);
  });

  it('reaches precision >= 0.9 and recall >= 0.85 overall, for decisions and for tasks', () => {
    for (const score of [report.overall, report.decisions, report.tasks]) {
      expect(score.precision).toBeGreaterThanOrEqual(0.9);
      expect(score.recall).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('gets every must-have case right', () => {
    const must = report.results.filter((r) => r.message.mustPass);
    expect(must.length).toBeGreaterThanOrEqual(15);
    for (const r of must) expect({ id: r.message.id, correct: r.correct }).toEqual({ id: r.message.id, correct: true });
  });

  it('prints precision and recall per category, in-sample and on each held-out set (none of them empty)', () => {
    const scored = labelledSetNames.map((name) => ({ name, score: evaluateSet(set, name, planTasks) }));
    console.log(
      `Action detector, clock ${set.now}\n\n${scored.map((s) => formatScoreTable(s.name, s.score)).join('\n\n')}`,
    );
    // A set named here but with no messages (a typo in a message's `set`) would score nothing and say nothing.
    expect(scored.filter((s) => s.score.results.length === 0).map((s) => s.name)).toEqual([]);
  });

  it('gets holdout-5 right in-sample (held out for one blind run, 0.898 / 0.858, then used for fixes)', () => {
    const tuned = evaluateSet(set, 'holdout-5', planTasks);
    expect(tuned.results.length).toBe(120);
    expect(tuned.overall.precision).toBe(1);
    expect(tuned.overall.recall).toBe(1);
  });

  // The sets never tuned on, each held at what it scored (floors only ever raised; docs/COACH-DETECTION.md). The
  // issue's floor is 0.9 / 0.9: holdout-3 and holdout-4 are above it; the blind holdout-6 and holdout-7 are not, and
  // are not tuned on to get there: their floors only keep the rules from getting worse.
  const heldOutFloors = [
    // First run 2026-12-07 (ec7b2b8) 0.949 / 0.914; after train-5 0.949 / 0.926; after the holdout-5 fixes 0.950 / 0.938;
    // after the train-6 fixes 0.951 / 0.951.
    { name: 'holdout-4', messages: 107, precision: 0.95, recall: 0.95 },
    // 0.869 / 0.757 before any issue-17 change; 0.939 / 0.886 after train-4, unchanged by train-5 and holdout-5;
    // 0.955 / 0.914 after the train-6 fixes.
    { name: 'holdout-3', messages: 101, precision: 0.95, recall: 0.91 },
    // Written blind; its first run (f5252e2, after the holdout-5 fixes) 0.892 / 0.830; after the train-6 fixes 0.916 / 0.870.
    { name: 'holdout-6', messages: 119, precision: 0.91, recall: 0.87 },
    // Written blind with train-6 (236d402): first run 0.667 / 0.617; after the train-6 fixes 0.712 / 0.700, after their
    // second round 0.726 / 0.708.
    { name: 'holdout-7', messages: 120, precision: 0.72, recall: 0.7 },
  ] as const;
  it.each(heldOutFloors)('scores on $name (never tuned on) at least $precision / $recall', (floor) => {
    const held = evaluateSet(set, floor.name, planTasks);
    expect(held.results.length).toBe(floor.messages);
    expect(held.overall.precision).toBeGreaterThanOrEqual(floor.precision);
    expect(held.overall.recall).toBeGreaterThanOrEqual(floor.recall);
  });

  // The held-out sets are scored as a whole (above), never message by message: listing their misses here would be
  // tuning on them.
  const tuned = report.results.filter((r) => !heldOutSets.has(r.message.set));
  it.each(tuned.map((r) => [r.message.id, r.message.text, r] as const))('%s: %s', (id, _text, r) => {
    if (knownMisses.has(id)) {
      expect(r.correct, `${id} is now right: remove it from knownMisses`).toBe(false);
      return;
    }
    expect({
      missedDecisions: r.missedDecisions,
      extraDecisions: r.extraDecisions.map((d) => [d.category, d.value]),
      missedTasks: r.missedTasks,
      extraTasks: r.extraTasks,
    }).toEqual({ missedDecisions: [], extraDecisions: [], missedTasks: [], extraTasks: [] });
  });
});

describe('pricing', () => {
  it.each([
    ['I decided on $49/month', { amount: 49, currency: 'USD', interval: 'month' }],
    ["Let's do 49 dollars a month", { amount: 49, currency: 'USD', interval: 'month' }],
    ['Going with €29 per month', { amount: 29, currency: 'EUR', interval: 'month' }],
    ["Annual plan: $499 a year, that's final", { amount: 499, currency: 'USD', interval: 'year' }],
    ["I'll charge 29 a month", { amount: 29, currency: 'USD', interval: 'month' }],
    ["It's a one-time payment of $199, decided", { amount: 199, currency: 'USD', interval: 'one-time' }],
    ["I'm charging $997 once for lifetime access", { amount: 997, currency: 'USD', interval: 'one-time' }],
    ['Locked in: £12/mo', { amount: 12, currency: 'GBP', interval: 'month' }],
    ["We're doing $1,200/year for the mastermind tier", { amount: 1200, currency: 'USD', interval: 'year' }],
    ['Membership will be $19.99 monthly', { amount: 19.99, currency: 'USD', interval: 'month' }],
    ["I'll charge forty-nine bucks a month", { amount: 49, currency: 'USD', interval: 'month' }],
    ['The price will be $39', { amount: 39, currency: 'USD', interval: 'unspecified' }],
  ])('%s', (message, value) => {
    expect(one(message, 'pricing').value).toEqual(value);
  });

  it('uses the default currency for bare amounts', () => {
    const d = detectDecisions("I'll charge 29 a month", { now: monday, defaultCurrency: 'EUR' });
    expect(d[0]?.value).toEqual({ amount: 29, currency: 'EUR', interval: 'month' });
  });

  it('keeps a founding price and an annual alternative next to the main price', () => {
    expect(one('Founding members pay $29/month, everyone else pays $49/month', 'pricing').value).toEqual({
      amount: 49,
      currency: 'USD',
      interval: 'month',
      also: [{ amount: 29, currency: 'USD', interval: 'month', founding: true }],
    });
    expect(one("It'll be $59 a month or $590 a year", 'pricing')).toMatchObject({
      value: { amount: 59, interval: 'month', also: [{ amount: 590, interval: 'year' }] },
      summary: '$59/month or $590/year',
    });
  });

  it("does not read income, spending, platform fees or other people's prices as a decision", () => {
    none('I make $4,000 a month from sponsors');
    none('Skool costs $99 a month');
    none('I spent $300 on ads');
    none('My friend charges $79/month');
    none('Patreon takes 8% of $5 a month');
    none("We're doing two posts a week", 'pricing');
    none("I'll need 100 members at $30/month to hit my goal");
  });

  it('reads a price said in German, Spanish, Portuguese or French, and R$ as reais', () => {
    expect(one('Der Preis: 9,90 € im Monat', 'pricing').value).toEqual({
      amount: 9.9,
      currency: 'EUR',
      interval: 'month',
    });
    expect(one('El precio: 15 € al mes', 'pricing').value).toEqual({ amount: 15, currency: 'EUR', interval: 'month' });
    expect(one('Preço: R$ 29 por mês', 'pricing').value).toEqual({ amount: 29, currency: 'BRL', interval: 'month' });
    expect(one('Le prix : 12 € par mois', 'pricing').value).toEqual({ amount: 12, currency: 'EUR', interval: 'month' });
    expect(one('Mitgliedschaft 99 € pro Jahr', 'pricing').value).toEqual({
      amount: 99,
      currency: 'EUR',
      interval: 'year',
    });
    none('Der Preis: 9,90 € im Monat?');
    none('Vielleicht 9,90 € im Monat', 'pricing');
    none('quizás 15 € al mes', 'pricing');
    none('My cousin Ana charges 30 € im Monat for her yoga group');
    none('Skool kostet 99 € im Monat');
  });

  it("reads a tool's running cost and a named friend's price as not the creator's", () => {
    none('Kit is costing me $79 a month now that the list is over 10k');
    none('Circle is costing us $89/mo');
    none('My mate Rob charges £40 a month for his club');
    none('my neighbour charges $25/month for her book club');
  });

  it('reads the price said after a founding price as the regular one', () => {
    expect(one('Founding offer: $1,800/yr for founding companies, $2,400 after that', 'pricing').value).toEqual({
      amount: 2400,
      currency: 'USD',
      interval: 'year',
      also: [{ amount: 1800, currency: 'USD', interval: 'year', founding: true }],
    });
    expect(one('Founding price $19/mo, $29 regular', 'pricing').value).toMatchObject({ amount: 29, interval: 'month' });
    expect(one('Early bird $15 a month, $25 for everyone else', 'pricing').value).toMatchObject({ amount: 25 });
    expect(one('$25/mo for founders', 'pricing').value).toMatchObject({ amount: 25, founding: true });
  });

  it('treats questions, hedges and open choices as no decision', () => {
    none('Should I charge $49?');
    none('should i charge $49/month');
    none('Maybe $29 a month?');
    none("I'll go with $29 or $39 a month");
    none('What if I charged $19 a month');
    expect(one("I'm leaning towards $39 a month", 'pricing').confidence).toBe('low');
  });
});

describe('platforms', () => {
  it.each([
    'Skool',
    'Circle',
    'Discord',
    'Patreon',
    'Kajabi',
    'Mighty Networks',
    'Heartbeat',
    'Slack',
    'Geneva',
    'Whop',
  ])("I'm going with %s", (name) => {
    expect(one(`I'm going with ${name}.`, 'platform')).toMatchObject({ value: name, confidence: 'high' });
  });

  it('recognises Facebook Groups and other names', () => {
    expect(one("We'll run it as a Facebook group", 'platform').value).toBe('Facebook Groups');
    expect(one("We're using circle.so", 'platform').value).toBe('Circle');
    expect(one('Decided to host it on mighty networks', 'platform').value).toBe('Mighty Networks');
  });

  it('picks the chosen one out of several', () => {
    expect(one('I chose Skool over Circle', 'platform').value).toBe('Skool');
    expect(one("I'm moving from Discord to Skool", 'platform').value).toBe('Skool');
    expect(one("Let's use Circle instead of Discord", 'platform').value).toBe('Circle');
    expect(one("Not Patreon, we'll use Kajabi", 'platform').value).toBe('Kajabi');
    expect(one('Going with Skool because Circle is too expensive for me', 'platform').value).toBe('Skool');
  });

  it('ignores common words and mentions without a choice', () => {
    none('This is for my inner circle of superfans', 'platform');
    none("I'll cut myself some slack this week", 'platform');
    none('I was in Geneva last week', 'platform');
    none('I saw a video about Skool');
    none('Maybe Discord?');
    none('Skool vs Circle?');
    none("I'll use Skool or Circle", 'platform');
  });
});

describe('structure, timeline and content', () => {
  it('reads structure', () => {
    expect(one("It'll be cohort-based", 'structure').value).toEqual({ access: 'cohort' });
    expect(one("We're keeping it evergreen, not cohorts", 'structure').value).toEqual({ access: 'evergreen' });
    expect(one("Let's do a free tier plus a paid tier", 'structure').value).toEqual({ freeTier: true, tiers: 2 });
    expect(one('Decided: three tiers', 'structure').value).toEqual({ tiers: 3 });
    none('Office hours for the founding cohort are on Friday', 'structure');
  });

  it('resolves launch dates against the clock it is given', () => {
    expect(one("We'll launch on March 3", 'timeline').value).toMatchObject({ event: 'launch', date: '2025-03-03' });
    // Said after March 3: next year's March 3.
    expect(one("We'll launch on March 3", 'timeline', new Date('2025-03-10T09:00:00Z')).value).toMatchObject({
      date: '2026-03-03',
    });
    expect(one('Launching in two weeks', 'timeline').value).toMatchObject({ date: '2025-02-24' });
    expect(one('Launching next Friday', 'timeline').value).toMatchObject({ date: '2025-02-14' });
    // On a Friday, "next Friday" is a week later.
    expect(one('Launching next Friday', 'timeline', new Date('2025-02-14T09:00:00Z')).value).toMatchObject({
      date: '2025-02-21',
    });
    expect(one("We're going live tomorrow", 'timeline').value).toMatchObject({ date: '2025-02-11' });
    expect(one("Let's open the pre-sale on the 5th", 'timeline').value).toMatchObject({
      event: 'presale',
      date: '2025-03-05',
    });
    expect(one('We launch in a month', 'timeline').value).toMatchObject({ date: '2025-03-10' });
    expect(one('Launch is set for end of April', 'timeline').value).toMatchObject({
      date: '2025-04-30',
      approximate: true,
    });
    expect(one('Launch date: 3rd of March 2026', 'timeline').value).toMatchObject({ date: '2026-03-03' });
  });

  it('resolves only full dates without a clock, and ignores past launches', () => {
    expect(detectDecisions("We'll launch on 2025-05-01")[0]?.value).toMatchObject({ date: '2025-05-01' });
    expect(detectDecisions("We'll launch in two weeks")).toEqual([]);
    none('We launched on March 3 last year');
    none("I'll film the trailer next week");
  });

  it('reads content cadence', () => {
    expect(one("We'll do a weekly live call", 'content').value).toEqual({
      activity: 'live call',
      count: 1,
      period: 'week',
    });
    expect(one('Two posts a week, decided', 'content').value).toEqual({ activity: 'post', count: 2, period: 'week' });
    expect(one("I'll host a Q&A every other week", 'content').value).toEqual({
      activity: 'Q&A',
      count: 1,
      period: 'two-weeks',
    });
    expect(one("Let's do a monthly workshop and daily prompts", 'content').value).toEqual({
      activity: 'workshop',
      count: 1,
      period: 'month',
      also: [{ activity: 'prompt', count: 1, period: 'day' }],
    });
    none('I post on TikTok three times a week');
  });
});

describe('issue 17: currencies, numeric dates, caps, rhythm lists, shorthand', () => {
  it('reads prefixed dollars, rupees and currency codes', () => {
    expect(one("Membership's gonna be CA$45/month", 'pricing').value).toMatchObject({ amount: 45, currency: 'CAD' });
    expect(one('₹999 per month, final', 'pricing').value).toMatchObject({ amount: 999, currency: 'INR' });
    expect(one('CHF 40 per month, settled', 'pricing').value).toMatchObject({ amount: 40, currency: 'CHF' });
    // The creator's price next to a tool's name is not the tool's fee; the tool's own fee still is.
    expect(one('Set up payments in Stripe, price is $25/mo', 'pricing').value).toMatchObject({ amount: 25 });
    none("Circle's business plan is $219/month which is steep");
  });

  it('resolves numeric dates only when the day cannot be the month', () => {
    expect(one('go-live date: 3/17', 'timeline').value).toMatchObject({ date: '2025-03-17' });
    expect(one('Launch on 17/3', 'timeline').value).toMatchObject({ date: '2025-03-17' });
    none('Launch on 3/4', 'timeline');
    expect(one('The founding round opens a week from Wednesday', 'timeline').value).toMatchObject({
      event: 'presale',
      date: '2025-02-19',
    });
    expect(one('We open the cart on Monday the 24th', 'timeline').value).toMatchObject({ date: '2025-02-24' });
    none('we did the public launch on tuesday', 'timeline');
  });

  it('keeps the looser readings from catching counts, other prices and slogans', () => {
    expect(one('35 a month.', 'pricing').value).toMatchObject({ amount: 35, interval: 'month' });
    none('We get about 40 a month signing up', 'pricing');
    none('lol 12 a month for netflix and they complain', 'pricing');
    none('We have 3 tiers of sponsors', 'structure');
    none('We launch with 24/7 support', 'timeline');
    expect(done('nothing works on the sales page')).toEqual([]);
  });

  it('reads member caps however they are phrased, but not a capped price', () => {
    expect(one('Founding spots are limited to 25', 'structure').value).toEqual({ cap: 25 });
    expect(one("We'll only let in 40 founders", 'structure').value).toEqual({ cap: 40 });
    none("We're capping the price at 60 for founding members", 'structure');
  });

  it('reads a rhythm list as one content decision', () => {
    expect(one('Weekly: 1 live call, 1 challenge, daily discussion prompts', 'content').value).toEqual({
      activity: 'live call',
      count: 1,
      period: 'week',
      also: [
        { activity: 'challenge', count: 1, period: 'week' },
        { activity: 'prompt', count: 1, period: 'day' },
      ],
    });
    none('I already do a weekly newsletter for my 5k subscribers', 'content');
  });

  it("spells out shorthand for matching but keeps the creator's words as evidence", () => {
    expect(one('im goin with skool', 'platform')).toMatchObject({ value: 'Skool', evidence: 'im goin with skool' });
    expect(done('finshed the sales page last nite')).toEqual(['write-sales-page']);
    expect(done('sales page ✅')).toEqual(['write-sales-page']);
    expect(done('pre-sale goes live Friday')).toEqual([]);
  });
});

describe('train-5: platforms, offers over two sentences, weekdays, progress counts', () => {
  it('reads where the community lives, but not a comparison, a checkout tool or a discount', () => {
    expect(one('Platform - Mighty Networks', 'platform').value).toBe('Mighty Networks');
    expect(one('After trialing Circle and Skool for two weeks, Skool won', 'platform').value).toBe('Skool');
    expect(one('members get a private Slack', 'platform').value).toBe('Slack');
    expect(one("We'll sell access through Whop, the community itself lives on Discord", 'platform').value).toBe(
      'Discord',
    );
    none('Circle wins on design but Skool wins on price', 'platform');
    none("Skool won't let me run two groups", 'platform');
    none('Members get a discount on Kajabi', 'platform');
    none("We'll sell access through Whop", 'platform');
  });

  it('reads "won" in other languages, and a choice said after a comparison in the same sentence', () => {
    expect(one('Heartbeat ganhou! The events calendar is what I needed', 'platform').value).toBe('Heartbeat');
    expect(one('Skool hat gewonnen', 'platform').value).toBe('Skool');
    expect(one('Circle a gagné', 'platform').value).toBe('Circle');
    expect(
      one(
        "Discord vs Skool rabbit hole again but everyone already lives in Discord so that's where it's staying",
        'platform',
      ).value,
    ).toBe('Discord');
    expect(one("compared Circle vs Skool but we're sticking with Discord", 'platform').value).toBe('Discord');
    none('Circle or Skool, but I think Skool looks nicer', 'platform');
    none('Circle vs Skool but honestly I might stick with Skool', 'platform');
    none("Circle vs Skool, but I'm not sticking with Skool", 'platform');
    none('Circle vs Skool but where do my people live?', 'platform');
    none('Should I pick Circle or Skool, but everyone lives in Discord', 'platform');
    none('Skool gewinnt beim Design', 'platform');
  });

  it('reads a line of ticked decisions item by item, a ticked date beside them as the launch', () => {
    const found = decide('discord ✅ $12/mo ✅ march 1 ✅');
    expect(found.map((d) => [d.category, d.value])).toEqual([
      ['pricing', { amount: 12, currency: 'USD', interval: 'month' }],
      ['platform', 'Discord'],
      ['timeline', { event: 'launch', date: '2025-03-01', expression: 'march 1' }],
    ]);
    expect(one('Skool ✅ €29 a month ✅ April 3 ✅', 'timeline').value).toMatchObject({ date: '2025-04-03' });
    // A date ticked beside tasks may be any deadline; a date ticked on its own says nothing more.
    none('sales page ✅ interviews ✅ march 1 ✅', 'timeline');
    none('march 1 ✅', 'timeline');
  });

  it('combines prices that make one offer across sentences, and lets a correction replace the price', () => {
    expect(one('Annual is $290. Monthly is $29.', 'pricing')).toMatchObject({
      value: { amount: 29, interval: 'month', also: [{ amount: 290, interval: 'year' }] },
      evidence: 'Annual is $290. Monthly is $29.',
    });
    expect(one('$35/mo. founding folks get $25/mo forever', 'pricing').value).toMatchObject({
      amount: 35,
      also: [{ amount: 25, founding: true }],
    });
    expect(one("$49/month. Actually no, let's do $39/month.", 'pricing').value).toEqual({
      amount: 39,
      currency: 'USD',
      interval: 'month',
    });
    none('I pay $89 a month for Circle already', 'pricing');
    none('Kajabi is $149/month, so my price has to be at least $30/month', 'pricing');
  });

  it('reads recurring weekdays and "every other Monday", and "drop a lesson" as a release', () => {
    expect(one('Office hours Tuesdays and Thursdays', 'content').value).toEqual({
      activity: 'office hours',
      count: 2,
      period: 'week',
    });
    expect(one("I'll drop a new lesson every other Monday", 'content').value).toMatchObject({ period: 'two-weeks' });
    expect(one("I'm dropping Discord, going with Circle", 'platform').value).toBe('Circle');
  });

  it('second round: "we\'re on X", "new home is X", a trial, savings, past prices, "end of next month"', () => {
    expect(one("We're on Skool. Done deal.", 'platform')).toMatchObject({ value: 'Skool', confidence: 'high' });
    expect(one('leaving Facebook for good, new home is Skool', 'platform').value).toBe('Skool');
    none("We're on Circle's free trial right now", 'platform');
    none("I'm on Discord all day", 'platform');
    expect(one('The annual plan is $290 and saves members $58', 'pricing').value).toEqual({
      amount: 290,
      currency: 'USD',
      interval: 'year',
    });
    none('I charged $20/mo for my last membership', 'pricing');
    expect(one('$1,000 for the 8-week cohort, one payment', 'pricing').value).toMatchObject({ interval: 'one-time' });
    expect(one('launching end of next month', 'timeline').value).toMatchObject({
      date: '2025-03-31',
      approximate: true,
    });
  });

  it('counts "4 of 10 done" as progress and "10 of 10 done" as done', () => {
    expect(done('I have 4 of 10 interviews done')).toEqual([]);
    expect(done('10 of 10 interviews done')).toEqual(['interview-audience-members']);
    expect(done('Sales page is live and presale opens Monday the 17th')).toEqual(['write-sales-page']);
  });
});

describe('holdout-5: prices said loosely, where the community lives, a space set up, lists, progress', () => {
  it('reads "once" as "when" after a price, months as a quarter or a year, and a bare yearly alternative', () => {
    expect(one('A$35 monthly for founders, then A$55 once we open publicly', 'pricing').value).toMatchObject({
      amount: 55,
      interval: 'month',
      also: [{ amount: 35, interval: 'month', founding: true }],
    });
    expect(one('$20 a month for founders, $40 once the doors open', 'pricing').value).toMatchObject({
      amount: 40,
      interval: 'month',
    });
    expect(one('$500 once, lifetime access', 'pricing').value).toMatchObject({ interval: 'one-time' });
    expect(one('billing quarterly - $90 every three months', 'pricing').value).toMatchObject({ interval: 'quarter' });
    expect(one('Membership is $75 every 3 months', 'pricing').value).toMatchObject({ interval: 'quarter' });
    expect(one('$300 every twelve months for the membership', 'pricing').value).toMatchObject({ interval: 'year' });
    expect(one("we're charging 49 a month or 490 for the year", 'pricing').value).toMatchObject({
      amount: 49,
      also: [{ amount: 490, interval: 'year' }],
    });
    expect(one('charging 39 a month or 390 for a full year', 'pricing').value).toMatchObject({
      also: [{ amount: 390, interval: 'year' }],
    });
  });

  it("reads a platform's charges as its fee, and misspelt dollars and decisions", () => {
    none('Skool charges me $99/month so I need at least 5 members just to break even', 'pricing');
    none('Circle charged us $89 a month last year', 'pricing');
    none('Kajabi charges $149/month for the basic plan', 'pricing');
    expect(one('gonna charge 25 dollers a month', 'pricing').value).toEqual({
      amount: 25,
      currency: 'USD',
      interval: 'month',
    });
    expect(one("it's 30 dolars a month", 'pricing').value).toMatchObject({ amount: 30, interval: 'month' });
    expect(one('im going w circle, dicision made', 'platform')).toMatchObject({ value: 'Circle', confidence: 'high' });
    expect(one('staying w skool, final descision', 'platform').value).toBe('Skool');
  });

  it('keeps the chosen price after a rejected one, and the choice for now after a hedge about later', () => {
    expect(
      one("Not doing a free trial and not doing $9 either - it's $19/month, take it or leave it.", 'pricing').value,
    ).toMatchObject({ amount: 19, interval: 'month' });
    expect(one('no $15 tier either, just $25/month', 'pricing').value).toMatchObject({ amount: 25 });
    none("It's either $29 or $39 a month", 'pricing');
    expect(one("maybe Circle later, but for now it's a Facebook group", 'platform').value).toBe('Facebook Groups');
    expect(one("we might move to Circle eventually but for now we're on Skool", 'platform').value).toBe('Skool');
    expect(one('maybe $39 down the road, but to start it is $29/month', 'pricing').value).toMatchObject({
      amount: 29,
    });
    none("maybe Skool, but for now I don't know", 'platform');
  });

  it('reads where the community lives, said with or without a verb', () => {
    expect(one("the community's gonna live inside Kajabi since my courses r already there", 'platform').value).toBe(
      'Kajabi',
    );
    expect(one('Whop for the paywall, community itself in Discord', 'platform').value).toBe('Discord');
    expect(one('Stripe for payments, community on Circle', 'platform').value).toBe('Circle');
    expect(one('the community lives in Slack now', 'platform').value).toBe('Slack');
    none('I asked the community on Discord about it', 'platform');
    none("it's great that Skool has a calendar", 'platform');
  });

  it('reads a space set up on a platform as a task, not a platform decision, unless a choice is said too', () => {
    none('Discord server is set up, 6 channels + rules pinned', 'platform');
    none('Set up the Skool group with a classroom + calendar', 'platform');
    none('Created our new Circle community this morning', 'platform');
    expect(one('Set up the Skool group, we are officially on Skool', 'platform').value).toBe('Skool');
    expect(one("We're setting up on Skool", 'platform').value).toBe('Skool');
  });

  it("reads a cadence the price includes as the price's description, and 3x/week as three a week", () => {
    none("I've landed on $79 per month, which includes the monthly group coaching", 'content');
    none('$49/month, including a weekly Q&A', 'content');
    expect(one('co-working sessions 3x/week for members', 'content').value).toEqual({
      activity: 'coworking session',
      count: 3,
      period: 'week',
    });
    expect(one('hot seats 2x / month', 'content').value).toEqual({ activity: 'hot seat', count: 2, period: 'month' });
    expect(one('3x/week we do coworking sessions', 'content').value).toMatchObject({ count: 3, period: 'week' });
  });

  it('reads a founding window as the pre-sale, and a heading with bulleted tiers as one list', () => {
    expect(one('founding member window: Feb 24 to Mar 2', 'timeline').value).toMatchObject({
      event: 'presale',
      date: '2025-02-24',
    });
    expect(one('the founding period runs March 3-10', 'timeline').value).toMatchObject({
      event: 'presale',
      date: '2025-03-03',
    });
    expect(one('tiers:\n- free (community feed only)\n- paid ($25/mo, calls + classroom)', 'structure').value).toEqual({
      tiers: 2,
      freeTier: true,
    });
    expect(one('Membership tiers:\n* Starter\n* Growth\n* Inner Circle', 'structure').value).toEqual({ tiers: 3 });
    // Bullets that are fields of their own stay separate lines.
    expect(one('Decisions so far:\n- Platform: Circle\n- Launch: April 1', 'platform').value).toBe('Circle');
  });
});

describe('train-6: activities named by what happens, weekday lists, compounds, "once a month"', () => {
  it('reads classes, runs, tournaments, teardowns, reviews, clubs, "X night" and a live as activities', () => {
    expect(one('Three yoga classes a week for members', 'content').value).toEqual({
      activity: 'class',
      count: 3,
      period: 'week',
    });
    expect(one('group runs every Tuesday and Thursday', 'content').value).toMatchObject({ count: 2, period: 'week' });
    expect(one('a members-only tournament every Saturday', 'content').value).toMatchObject({ activity: 'tournament' });
    expect(one('a live teardown of a member site twice a month', 'content').value).toMatchObject({
      activity: 'teardown',
      count: 2,
      period: 'month',
    });
    expect(one('portfolio reviews every other Friday', 'content').value).toMatchObject({ period: 'two-weeks' });
    expect(one('reading club every Thursday for members', 'content').value).toMatchObject({ activity: 'club' });
    expect(one('movie night once a month in the group', 'content').value).toMatchObject({ period: 'month' });
    expect(one('a Sunday live for members, every week', 'content').value).toMatchObject({ activity: 'live' });
    none('we get 5 reviews a week', 'content');
    none('I do 2 interviews a week', 'content');
    none('the community lives on Discord', 'content');
    none('told my Tuesday class already', 'content');
    none('Premium gets a monthly 1:1 call', 'content');
  });

  it('counts a list of weekdays, reads two activity words as one, "once a month" first and the 1st of the month', () => {
    expect(one('Tue/Thu coworking sessions for members', 'content').value).toMatchObject({ count: 2, period: 'week' });
    expect(one('Mon, Wed and Fri check-ins', 'content').value).toMatchObject({ count: 3, period: 'week' });
    expect(one('a Q&A call every Friday', 'content').value).toEqual({ activity: 'Q&A', count: 1, period: 'week' });
    expect(one('a weekly check-in thread', 'content').value).toEqual({
      activity: 'check-in',
      count: 1,
      period: 'week',
    });
    expect(one('once a month a guest workshop', 'content').value).toMatchObject({ count: 1, period: 'month' });
    expect(one('a new lesson on the first of every month', 'content').value).toMatchObject({ period: 'month' });
    expect(one('members get a bonus episode on the last day of the month', 'content').value).toMatchObject({
      period: 'month',
    });
  });
});

describe('train-6: what opens and when, fortnights, holidays, caps per group', () => {
  it('reads the pre-sale, early access, a cohort or the doors opening, and leaves a challenge or a call alone', () => {
    expect(one('early access for backers opens in 10 days', 'timeline').value).toMatchObject({
      event: 'presale',
      date: '2025-02-20',
    });
    expect(one('early access goes live Thursday', 'timeline').value).toMatchObject({ event: 'presale' });
    expect(one('preventa for founders starts Friday', 'timeline').value).toMatchObject({
      event: 'presale',
      date: '2025-02-14',
    });
    expect(one('the cohort starts on the 3rd of March', 'timeline').value).toMatchObject({ date: '2025-03-03' });
    expect(one('the first round kicks off March 17', 'timeline').value).toMatchObject({ date: '2025-03-17' });
    expect(one('release date is March 20', 'timeline').value).toMatchObject({ event: 'launch', date: '2025-03-20' });
    none('the challenge starts monday, cant wait', 'timeline');
    none('kickoff call is scheduled for friday', 'timeline');
    none('The founding price drops to $20 next month', 'timeline');
  });

  it('reads a fortnight, "a week on Friday" and fixed holidays', () => {
    expect(one('Doors open a fortnight from today', 'timeline').value).toMatchObject({ date: '2025-02-24' });
    expect(one('launching in a fortnight', 'timeline').value).toMatchObject({ date: '2025-02-24' });
    expect(one('Launching a week on Friday', 'timeline').value).toMatchObject({ date: '2025-02-21' });
    expect(one("drop day is Valentine's Day", 'timeline').value).toMatchObject({ date: '2025-02-14' });
    expect(one("the community opens its doors on St Patrick's Day", 'timeline').value).toMatchObject({
      date: '2025-03-17',
    });
    expect(one('launch day is Halloween', 'timeline').value).toMatchObject({ date: '2025-10-31' });
  });

  it('reads a cap on each group, but not on a call', () => {
    expect(one('max 80 in the founding batch', 'structure').value).toEqual({ cap: 80 });
    expect(one('capped at 25 per cohort', 'structure').value).toEqual({ access: 'cohort', cap: 25 });
    expect(one('Going with cohorts capped at 20 investors each', 'structure').value).toEqual({
      access: 'cohort',
      cap: 20,
    });
    none('max 6 per group call', 'structure');
  });
});

describe('train-6: structure kept, added on top, told over sentences, and a liking', () => {
  it('reads a free tier kept, a premium tier on top, and a structure told over two sentences', () => {
    expect(one("We'll keep a free tier for the WIP-sharing", 'structure').value).toEqual({ freeTier: true });
    expect(one("there's a free group for everyone", 'structure').value).toEqual({ freeTier: true });
    none("We won't keep a free tier", 'content');
    expect(one("We won't keep a free tier", 'structure').value).toEqual({ freeTier: false });
    expect(one('adding a premium mastermind tier on top', 'structure').value).toEqual({ premiumTier: true });
    expect(one('adding a coaching level on top of the membership', 'structure').value).toEqual({ premiumTier: true });
    expect(
      one('There will be a free group for everyone. Then the paid club with the live calls. So two tiers.', 'structure')
        .value,
    ).toEqual({ freeTier: true, tiers: 2 });
    expect(one('Cohort-based. Capped at 30 members.', 'structure').value).toEqual({ access: 'cohort', cap: 30 });
  });

  it('reads liking an idea as an opinion, not a choice', () => {
    none('but I also like the energy of a cohort', 'structure');
    none('I love the idea of a free tier', 'structure');
    none('we really like how evergreen works for Ana', 'structure');
  });
});

describe('train-6: Ghost and Discourse, a job for the members, a bot, a platform tried and turned down', () => {
  it('reads Ghost and Discourse, and a platform named for the members area', () => {
    expect(one("we're officially on Discourse", 'platform').value).toBe('Discourse');
    expect(one('Ghost for the members area + comments', 'platform').value).toBe('Ghost');
    expect(one('Circle for the community, Stripe for payments', 'platform').value).toBe('Circle');
    expect(one('Heartbeat for the membership side', 'platform').value).toBe('Heartbeat');
    none('my page is a ghost town', 'platform');
    none('the discourse around pricing is wild', 'platform');
  });

  it('reads neither a bot nor a platform tried and turned down as the choice', () => {
    none("Stripe's done, the Discord bot syncs roles on purchase", 'platform');
    none('the Skool integration is set up', 'platform');
    expect(
      one(
        'Strickrunde will live on Mighty Networks. I tested Circle for a week but it was too fiddly, so that is decided.',
        'platform',
      ).value,
    ).toBe('Mighty Networks');
    expect(one('I tried Skool and loved it, going with it', 'platform').value).toBe('Skool');
  });
});

describe('confidence, rationale, evidence', () => {
  it('scores commitment', () => {
    expect(assessCommitment("I'm going with Skool").confidence).toBe('high');
    expect(assessCommitment('The community is on Skool').confidence).toBe('medium');
    expect(assessCommitment('I think I will go with Circle').confidence).toBe('medium');
    expect(assessCommitment("I'm leaning towards Circle").confidence).toBe('low');
    expect(assessCommitment("I'll think about Slack").confidence).toBe('low');
    expect(assessCommitment('maybe Discord').confidence).toBeNull();
    expect(assessCommitment('Should I charge $49?').confidence).toBeNull();
    expect(assessCommitment("I'm going with Skool, right?").confidence).toBe('high');
    expect(assessCommitment('After comparing them all I picked Kajabi').confidence).toBe('high');
  });

  it('extracts the rationale', () => {
    expect(one("I'll use Circle because I want my own domain.", 'platform').rationale).toBe('I want my own domain');
    expect(one("Let's use Discord since my Twitch chat already lives there", 'platform').rationale).toBe(
      'my Twitch chat already lives there',
    );
    expect(one("My audience is on Patreon already, so I'll stay on Patreon", 'platform').rationale).toBe(
      'My audience is on Patreon already',
    );
    expect(one("I'm going with $39/month. Because that undercuts the big communities.", 'pricing').rationale).toBe(
      'that undercuts the big communities',
    );
    expect(extractRationale('We launched since January')).toBeUndefined();
    expect(one("I'm going with Skool.", 'platform').rationale).toBeUndefined();
  });

  it('keeps the sentence as evidence and a readable summary', () => {
    const d = one('Hi! Quick update. We decided on $49/month because it matches our value. More soon.', 'pricing');
    expect(d.evidence).toBe('We decided on $49/month because it matches our value.');
    expect(d.summary).toBe('$49/month');
    expect(one("We'll launch on March 3", 'timeline').summary).toBe('Launch on 2025-03-03');
  });

  it('takes the final word within one message and honours bare affirmations', () => {
    expect(one('Should I charge $49? No, $39/month, decided.', 'pricing').value).toMatchObject({ amount: 39 });
    expect(one('Skool or Circle? Skool. Done.', 'platform')).toMatchObject({ value: 'Skool', confidence: 'high' });
    expect(one("Should I charge $29 a month? Yes, let's do it.", 'pricing')).toMatchObject({
      value: { amount: 29 },
      confidence: 'medium',
    });
  });
});

describe('task completion', () => {
  it('maps completions to plan task ids', () => {
    expect(done('I finished the landing page')).toEqual(['build-waitlist-page']);
    expect(done('sales page is live')).toEqual(['write-sales-page']);
    expect(done('I finished setting up the landing page and the sales page')).toEqual([
      'build-waitlist-page',
      'write-sales-page',
    ]);
    expect(done('Wrapped up interviewing ten followers')).toEqual(['interview-audience-members']);
    expect(done('The presale emails are written')).toEqual(['write-presale-email-sequence']);
    expect(done('The presale is closed: 27 founding members!')).toEqual(['launch-founding-members']);
    expect(done("I'll be honest, the sales page took forever but it's finally live")).toEqual(['write-sales-page']);
    expect(done('got 5 testimonials from founders and turned them into a case study page')).toEqual([
      'collect-testimonials-and-referrals',
    ]);
    expect(done('We opened to the public on Saturday, 73 new members so far')).toEqual(['run-public-launch']);
    expect(done('channels are set up, guidelines pinned, welcome video recorded')).toEqual(['set-up-community-space']);
    expect(done('I audited 4 competitor communities, wrote up their pricing')).toEqual(['audit-competing-communities']);
    expect(done('interviews ✔️ audit ✔️')).toEqual(['interview-audience-members', 'audit-competing-communities']);
    expect(done('Our 14-day challenge just ended, 40% completion')).toEqual(['run-first-member-challenge']);
    // An event said to have been today or yesterday, or a launch that went out, took place.
    expect(done('The kickoff call was today!')).toEqual(['host-founding-kickoff-call']);
    expect(done('our kickoff was last night, 30 people')).toEqual(['host-founding-kickoff-call']);
    expect(done('public launch went out yesterday')).toEqual(['run-public-launch']);
    expect(done('the kickoff call is today at 6pm')).toEqual([]);
  });

  it('does not count negations, plans, progress or questions', () => {
    for (const message of [
      'the onboarding flow is like 80% done',
      'Competitor audit: half done',
      'sales page is half-written',
      'wrote up their pricing + what members complain about',
      'looked at their founding offer in detail',
      "I haven't finished the landing page",
      'I will finish the landing page tomorrow',
      "I'll finish the sales page",
      "I'm going to finish the sales page",
      'The sales page is not live yet',
      'Almost done with the sales page',
      'Still working on the landing page',
      'Is the sales page live?',
      'Once the landing page is done I can promote it',
      'I finished the landing page? Not really',
    ]) {
      expect(done(message), message).toEqual([]);
    }
    expect(done('I finished the landing page, but the sales page is not live yet')).toEqual(['build-waitlist-page']);
  });

  it('reads plan nouns and done words in German, Spanish, Portuguese and French, and their "not yet"', () => {
    expect(done('Die Warteliste ist fertig')).toEqual(['build-waitlist-page']);
    expect(done('Die Warteliste page is online!')).toEqual(['build-waitlist-page']);
    expect(done('terminé la página de ventas')).toEqual(['write-sales-page']);
    expect(done("j'ai fini the sales page")).toEqual(['write-sales-page']);
    expect(done('as entrevistas estão feitas')).toEqual(['interview-audience-members']);
    expect(done('finally finished the 10 entretiens')).toEqual(['interview-audience-members']);
    expect(done('a página de vendas está pronta')).toEqual(['write-sales-page']);
    expect(done("promoted the liste d'attente for two weeks")).toEqual(['promote-waitlist']);
    for (const message of [
      'die Warteliste ist noch nicht fertig',
      'la página de ventas todavía no está terminada',
      'a lista de espera ainda não está pronta',
      "the sales page n'est pas encore fini",
      'only 6 of the 10 entrevistas done',
      'Die Warteliste page goes online Friday',
      // English "pronto" is "quickly"; Portuguese "pronto" is done only as "está pronto".
      'I need the sales page pronto',
    ]) {
      expect(done(message), message).toEqual([]);
    }
  });

  it('reads other names for the plan\'s deliverables, "\'s up" and a plan mapped out for weeks ahead', () => {
    expect(done('welcome flow is done: a DM and a first-post prompt')).toEqual(['design-onboarding-flow']);
    expect(done("the starter kit's up: 5 lessons and a template")).toEqual(['create-starter-content']);
    expect(done('code of conduct pinned')).toEqual(['set-up-community-space']);
    expect(done('Forum categories set up')).toEqual(['set-up-community-space']);
    expect(done('the founders sale closed on Sunday, 41 in')).toEqual(['launch-founding-members']);
    expect(done('content calendar is mapped out for the next 6 weeks')).toEqual(['plan-content-cadence']);
    expect(done("checked off 'choose the structure'")).toEqual(['choose-community-structure']);
    for (const message of [
      'I will map out the content calendar for the next 6 weeks',
      'code of conduct: still drafting',
      'the founders sale opens Monday',
      'welcome flow is half done',
      'need to choose the platform this week',
      "what's up with the welcome flow",
      'the starter pack is up to you',
    ]) {
      expect(done(message), message).toEqual([]);
    }
  });

  it('reads numbered items still open as progress, and the details after a tick and a dash as details', () => {
    for (const message of [
      'presale emails 1 to 3 written, 4 and 5 still a blank page',
      'presale emails 1-3 written, 4-5 still todo',
      '3 interviews done, 7 to go',
    ]) {
      expect(done(message), message).toEqual([]);
    }
    // Another piece of work still open leaves the finished one done.
    expect(done('sales page done, 2 emails still to write')).toEqual(['write-sales-page']);
    expect(done("checked off 'choose the platform' ✔ — WhatsApp community, payments through Stripe links")).toEqual([
      'choose-community-platform',
    ]);
    expect(done('Structure sorted ✔ — cohorts, critique-heavy, new intake each season')).toEqual([
      'choose-community-structure',
    ]);
    // A detail that says it is done itself still counts.
    expect(done('sales page ✅ - Stripe checkout connected')).toEqual(['set-up-payments', 'write-sales-page']);
  });

  it('flags only signal matches as confident; title words alone are a medium suggestion', () => {
    const tasks = [
      { id: 'record-onboarding-video', title: 'Record the onboarding video' },
      { id: 'launch-emails', title: 'Write the launch emails', completionSignals: ['launch email'] },
      { id: 'email-sequence', title: 'Email sequence', completionSignals: ['email sequence'] },
    ];
    expect(detectCompletedTasks('I recorded the onboarding video', tasks)).toEqual([
      {
        taskId: 'record-onboarding-video',
        confidence: 'medium',
        confident: false,
        evidence: 'I recorded the onboarding video',
        matched: 'onboarding video',
      },
    ]);
    // "launch email sequence": two tasks' signals overlap, so neither is confident.
    const ambiguous = detectCompletedTasks('The launch email sequence is done', tasks);
    expect(ambiguous.map((t) => [t.taskId, t.confident])).toEqual([
      ['launch-emails', false],
      ['email-sequence', false],
    ]);
  });
});

describe('analyzeMessage', () => {
  it('combines decisions, confident completions and next steps', () => {
    const result = analyzeMessage(
      "The transformation statement is done and I'm going with Skool.",
      template,
      ['interview-audience-members'],
      { now: monday },
    );
    expect(result.decisions.map((d) => [d.category, d.value])).toEqual([['platform', 'Skool']]);
    expect(result.tasks.map((t) => t.taskId)).toEqual(['define-member-transformation']);
    expect(result.nextSteps.map((s) => s.taskId)).toEqual([
      'audit-competing-communities',
      'choose-community-structure',
      'choose-community-platform',
    ]);
    // An already-completed task is not reported again.
    expect(analyzeMessage('Interviews are done', template, ['interview-audience-members']).tasks).toEqual([]);
  });
});
