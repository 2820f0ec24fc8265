import { describe, expect, it } from 'vitest';
import { DEFAULT_ECONOMICS, parsePrices } from '../economics.js';
import { analyseMessage, composeReply, OFFLINE_NOTICE, welcomeMessage } from './coach.js';
import type { CoachContext } from './context.js';

const ctx: CoachContext = {
  creator: {
    niche: 'home fitness',
    platforms: [{ platform: 'Instagram', followers: 12_000, engagementRate: 4.5 }],
    hoursPerWeek: 6,
    goal: 'Earn $3,000/month from a paid community',
  },
  opportunity: { id: 'paid-community', title: 'Launch a paid community' },
  progress: { overallPercent: 25, completedTasks: 3, totalTasks: 12, currentPhaseTitle: 'Validate the idea' },
  nextTask: {
    id: 't4',
    title: 'Run a founding-member waitlist',
    description: 'Collect emails from followers who want in before launch.',
    steps: [
      'Write a one-paragraph offer: who it is for, what they get, the founding price',
      'Create a simple waitlist page',
      'Post about it in stories three days in a row',
      'DM the 20 most engaged followers personally',
    ],
    whyItMatters: 'A waitlist proves demand before you build anything.',
    timeEstimate: '2-3 hours',
    deliverable: 'A live waitlist page with at least 25 sign-ups',
  },
  proTips: [
    'Offer founding members a lifetime discount: it rewards early trust and creates urgency.',
    'Post your waitlist link in your bio and pin a post about it.',
  ],
  pitfalls: [
    'Building the whole community before anyone has signed up.',
    'Pricing too low to attract committed members.',
  ],
  decisions: [
    { category: 'pricing', summary: 'Start at $39/month for founding members' },
    { category: 'platform', summary: 'Host on Skool' },
  ],
  economics: DEFAULT_ECONOMICS,
  suggestedPrice: { min: 29, max: 59, currency: 'USD', interval: 'month' },
};

const reply = (message: string, context: CoachContext | undefined = ctx) =>
  composeReply(context, [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
    { role: 'user', content: message },
  ]);

function countNotices(text: string): number {
  return text.split(OFFLINE_NOTICE).length - 1;
}

describe('offline coach answers', () => {
  it('recaps the decisions when asked what was decided', () => {
    for (const question of ['What have I decided so far?', 'Can you recap my decisions?']) {
      const text = reply(question);
      expect(text, question).toContain('Decisions you have made:');
      expect(text, question).toContain('Host on Skool');
      expect(text, question).not.toContain('can’t answer that one offline');
    }
  });

  it('is deterministic and always says, once, that it is the offline coach', () => {
    for (const q of [
      'What should I do next?',
      'Is $49 a month ok?',
      'Skool or Circle?',
      'I feel stuck',
      'hello',
      'Why?',
    ]) {
      expect(reply(q)).toBe(reply(q));
      expect(countNotices(reply(q))).toBe(1);
    }
    expect(reply('What should I do next?')).not.toBe(reply('Is $49 a month ok?'));
  });

  it('answers "what next" with the next task, its steps, why it matters and a tip', () => {
    const text = reply('What should I do next?');
    expect(text).toContain('**Next task: Run a founding-member waitlist** (about 2-3 hours)');
    ctx.nextTask?.steps.forEach((step, i) => {
      expect(text).toContain(`${i + 1}. ${step}`);
    });
    expect(text).toContain('**Why it matters:** A waitlist proves demand before you build anything.');
    expect(text).toContain('**Done when:** A live waitlist page with at least 25 sign-ups.');
    expect(text).toMatch(/\*\*Tip:\*\* /);
    expect(text).toMatch(/\*\*Avoid:\*\* /);
  });

  it('turns a stated price into members and monthly revenue from the engaged audience, assumptions shown', () => {
    const text = reply('Is $49 a month too much?');
    // 12,000 × 4.5% = 540 engaged; 0.5–2% of them = 3–11 members; × $49.
    expect(text).toContain('**At $49/month: 3–11 members, $147–$539/month**');
    expect(text).toContain(
      '- Instagram: 12,000 followers × 4.5% engagement = 540 engaged; 0.5%–2% of them join = 3–11 members.',
    );
    expect(text).toContain('- 3–11 members × $49/month = $147–$539/month, before platform and payment fees.');
    expect(text).toContain('Your goal of $3,000/month needs about 62 members at $49/month: more than this audience');
    expect(text).toContain("inside your plan's suggested range of $29–$59/month");
    expect(text).toContain('You already decided: Start at $39/month for founding members.');
    // "too much" about a price is not "overwhelmed".
    expect(text).not.toContain('smallest next step');
  });

  it('answers both phrasings of the members-and-revenue question from the plan range (the issue 17 example)', () => {
    const big = {
      ...ctx,
      creator: {
        ...ctx.creator,
        goal: 'grow',
        platforms: [{ platform: 'Instagram', followers: 85_000, engagementRate: 1.1 }],
      },
      suggestedPrice: { min: 19, max: 39, currency: 'USD', interval: 'month' as const },
    };
    for (const q of [
      'How many members can I expect and how much could I make per month?',
      'How many paying members can I realistically expect, and what could that earn per month?',
    ]) {
      const text = reply(q, big);
      expect(text, q).toContain('**At $19–$39/month: 5–19 members, $95–$741/month**');
      expect(text, q).toContain('Instagram: 85,000 followers × 1.1% engagement = 935 engaged');
      expect(text, q).not.toContain('can’t answer');
    }
  });

  it('depends on engagement, not on the follower count alone', () => {
    const at = (engagementRate: number) =>
      reply('How many members can I expect?', {
        ...ctx,
        creator: { ...ctx.creator, platforms: [{ platform: 'YouTube', followers: 15_000, engagementRate }] },
      });
    expect(at(3)).toContain('**At $29–$59/month: 2–9 members, $58–$531/month**');
    expect(at(8)).toContain('**At $29–$59/month: 6–24 members, $174–$1,416/month**');
  });

  it('lets numbers stated in the message win over the profile for that answer', () => {
    const text = reply('I have 40k followers at 2% engagement now, how many members could I get at $30 a month?');
    // 40,000 × 2% = 800 engaged → 4–16 members.
    expect(text).toContain('**At $30/month: 4–16 members, $120–$480/month**');
    expect(text).toContain('Worked out from the numbers in your message, not your profile.');
    expect(reply('Is $49 a month too much?')).not.toContain('numbers in your message');
  });

  it('counts an email list by its open rate, and yearly prices by the month', () => {
    const withList = {
      ...ctx,
      creator: {
        ...ctx.creator,
        platforms: [...ctx.creator.platforms, { platform: 'Newsletter', followers: 2_000, engagementRate: 40 }],
      },
    };
    const text = reply('What about $480 a year?', withList);
    // Instagram 540 engaged × 0.5–2% = 2.7–10.8; newsletter 800 openers × 2.5–12.5% = 20–100; total 23–111.
    expect(text).toContain(
      '- Newsletter: 2,000 subscribers × 40% open rate = 800 engaged; 2.5%–12.5% of them join = 20–100 members.',
    );
    expect(text).toContain('**At $480/year: 23–111 members, $920–$4,440/month**');
  });

  it('works out the plan range when no price is given, and asks for an audience when there is none', () => {
    expect(reply('What price should I charge?')).toContain('**At $29–$59/month: 3–11 members, $87–$649/month**');
    const empty = { ...ctx, creator: { ...ctx.creator, platforms: [] } };
    expect(reply('What price should I charge?', empty)).toContain(
      'Add your platforms, follower counts and engagement rates',
    );
  });

  it('gives platform notes, and compares two platforms', () => {
    const skool = reply('Is Skool any good?');
    expect(skool).toContain('**Skool.**');
    expect(skool).toContain('You already decided: Host on Skool.');
    const both = reply('Should I use Skool or Circle?');
    expect(both).toContain('**Skool.**');
    expect(both).toContain('**Circle.**');
    expect(both).toContain('How to choose');
    for (const name of ['Discord', 'Patreon', 'Kajabi', 'Mighty Networks', 'Heartbeat']) {
      expect(reply(`what about ${name}?`)).toContain(`**${name}.**`);
    }
    expect(analyseMessage('my inner circle of fans', ctx).platforms).toEqual([]);
    expect(reply('Which platform should I use?')).toContain('**Heartbeat**: best for');
  });

  it('answers "stuck" with the smallest next step, not the whole task', () => {
    const text = reply("I'm overwhelmed and honestly stuck");
    expect(text).toContain(
      '**Your smallest next step:** Write a one-paragraph offer: who it is for, what they get, the founding price.',
    );
    expect(text).toContain("you've already done 3 of 12 tasks");
    expect(text).toContain('25-minute timer');
    expect(text).not.toContain('2. Create a simple waitlist page');
  });

  it('grounds other questions in the plan, with a playbook when it has one', () => {
    const welcome = reply('How do I write a welcome post?');
    expect(welcome).toContain('**Welcoming new members**');
    expect(welcome).toContain("You're 25% through **Launch a paid community**");
    expect(welcome).toContain('Next up in your plan: **Run a founding-member waitlist**');
    const other = reply('What is the meaning of life?');
    expect(other).toContain('I work from your plan');
    expect(other).toContain('“What should I do next?”');
  });

  it('congratulates when every task is done, and copes without a plan', () => {
    const done = { ...ctx, nextTask: undefined, progress: { overallPercent: 100, completedTasks: 12, totalTasks: 12 } };
    expect(reply('What should I do next?', done)).toContain("You've completed every task");
    const none = composeReply(undefined, [{ role: 'user', content: 'Is $49 a month good?' }]);
    expect(none).toContain('open your project, and I will work out');
    expect(countNotices(none)).toBe(1);
  });
});

describe('price parsing', () => {
  it('recognises prices with a currency or a billing period', () => {
    const one = (m: string) => parsePrices(m)[0];
    expect(one('$49')).toMatchObject({ amount: 49, currency: 'USD', interval: 'month', intervalStated: false });
    expect(one('49 a month')).toMatchObject({ amount: 49, currency: 'USD', interval: 'month', intervalStated: true });
    expect(one('€29/mo')).toMatchObject({ amount: 29, currency: 'EUR', interval: 'month' });
    expect(one('£9.99 per month')).toMatchObject({ amount: 9.99, currency: 'GBP' });
    expect(one('$490 a year')).toMatchObject({ amount: 490, interval: 'year' });
    expect(one('$1,200/year')).toMatchObject({ amount: 1200, interval: 'year' });
    expect(one('$199 one-time')).toMatchObject({ amount: 199, interval: 'one-time' });
    expect(one('49 dollars monthly')).toMatchObject({ amount: 49, interval: 'month' });
    expect(one('I want to charge 39')).toMatchObject({ amount: 39 });
    expect(one('$1.5k launch')).toMatchObject({ amount: 1500 });
    expect(parsePrices('$29 or $49 a month').map((p) => p.amount)).toEqual([29, 49]);
  });

  it('ignores numbers that are not prices', () => {
    for (const m of ['I have 10k followers', 'I work 5 hours a week', 'my engagement is 4%', 'charge 20 members']) {
      expect(parsePrices(m), m).toEqual([]);
    }
  });
});

describe('welcomeMessage', () => {
  it('introduces the plan, the first task and example questions', () => {
    const fresh = {
      ...ctx,
      progress: { overallPercent: 0, completedTasks: 0, totalTasks: 12, currentPhaseTitle: 'Validate' },
    };
    const text = welcomeMessage(fresh, { offline: true });
    expect(text).toContain("I'm your coach for **Launch a paid community** for your home fitness audience");
    expect(text).toContain('Your plan has 12 tasks, starting with “Validate”.');
    expect(text).toContain('**Start here: Run a founding-member waitlist** (about 2-3 hours)');
    expect(text).toContain('“Is $29 a month the right price?”');
    expect(countNotices(text)).toBe(1);
    expect(countNotices(welcomeMessage(fresh))).toBe(0);
    expect(welcomeMessage(fresh)).toBe(welcomeMessage(fresh));
  });
});

describe('acknowledgements', () => {
  const withNews = (thisTurn: CoachContext['thisTurn'], progress = ctx.progress) => ({ ...ctx, thisTurn, progress });

  it('opens with the decision, naming the one it replaced, instead of "can’t answer"', () => {
    const text = reply(
      'weekly live Q&A',
      withNews({
        decisions: [{ category: 'content', summary: 'Q&A once a week', replaces: 'monthly AMA' }],
        tasks: [],
      }),
    );
    expect(text.startsWith('Noted: Q&A once a week, replacing monthly AMA.')).toBe(true);
    expect(text).not.toContain('can’t answer');
    expect(text).toContain('Next up in your plan: **Run a founding-member waitlist**');
  });

  it('writes a decided day in words', () => {
    const text = reply(
      'We launch six weeks from today',
      withNews({
        decisions: [{ category: 'timeline', summary: 'Launch on 2027-01-18', replaces: 'Launch on 2027-02-08' }],
        tasks: [],
      }),
    );
    expect(text.startsWith('Noted: Launch on January 18, 2027, replacing Launch on February 8, 2027.')).toBe(true);
  });

  it('marks finished tasks with the progress after this turn and the next task', () => {
    const text = reply(
      'I finished the sales page',
      withNews({ decisions: [], tasks: [{ title: 'Write your sales page' }] }, { ...ctx.progress, completedTasks: 5 }),
    );
    expect(text.startsWith('Marked “Write your sales page” done: 5 of 12. Next: Run a founding-member waitlist.')).toBe(
      true,
    );
    const last = reply(
      'done with the last one',
      withNews(
        { decisions: [], tasks: [{ title: 'Collect testimonials' }] },
        { overallPercent: 100, completedTasks: 12, totalTasks: 12 },
      ),
    );
    expect(last).toContain('Marked “Collect testimonials” done: 12 of 12. That was the last task of your plan.');
  });

  it('still answers the question the message asks after acknowledging', () => {
    const text = reply(
      "Let's go with $39 a month. What should I do next?",
      withNews({ decisions: [{ category: 'pricing', summary: '$39/month', replaces: '$49/month' }], tasks: [] }),
    );
    expect(text.startsWith('Noted: $39/month, replacing $49/month.')).toBe(true);
    expect(text).toContain('**At $39/month:');
    expect(text).toContain('**Next task: Run a founding-member waitlist**');
  });
});
