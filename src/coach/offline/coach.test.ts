import { describe, expect, it } from 'vitest';
import { parsePrices, projectRevenue } from '../economics.js';
import { analyseMessage, composeReply, OFFLINE_NOTICE, welcomeMessage } from './coach.js';
import type { CoachContext } from './context.js';

const ctx: CoachContext = {
  creator: {
    niche: 'home fitness',
    totalFollowers: 12_000,
    mainPlatform: 'Instagram',
    engagementRate: 4.5,
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
  suggestedPrice: { min: 29, max: 59, currency: 'USD' },
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

  it('turns a stated price into monthly and annual revenue at 1%, 2% and 5% of the audience', () => {
    const text = reply('Is $49 a month too much?');
    expect(text).toContain('What $49/month could mean with 12,000 followers');
    expect(text).toContain('1% conversion: 120 members → $5,880/month, about $70,560/year');
    expect(text).toContain('2% conversion: 240 members → $11,760/month, about $141,120/year');
    expect(text).toContain('5% conversion: 600 members → $29,400/month, about $352,800/year');
    // Engagement 4.5% is above average, so 2% is the typical figure, with the reason.
    expect(text).toContain('**The typical figure is 2% (240 members).**');
    expect(text).toMatch(/convert 1–5% of an engaged audience/);
    expect(text).toContain('To reach your goal of $3,000/month at $49/month you need about 62 members');
    expect(text).toContain("inside your plan's suggested range of $29–$59/month");
    expect(text).toContain('You already decided: Start at $39/month for founding members.');
    // "too much" about a price is not "overwhelmed".
    expect(text).not.toContain('smallest next step');
  });

  it('uses 1% as the typical figure for an average audience, and handles "49 a month" and yearly prices', () => {
    const average = { ...ctx, creator: { ...ctx.creator, engagementRate: 2 } };
    const monthly = reply('thinking about 49 a month', average);
    expect(monthly).toContain('**The typical figure is 1% (120 members).**');
    expect(monthly).toContain('$5,880/month');
    const yearly = reply('What about $480 a year?', average);
    expect(yearly).toContain('What $480/year could mean');
    expect(yearly).toContain('1% conversion: 120 members → $4,800/month, about $57,600/year');
  });

  it('works out a price range from the plan when no price is given', () => {
    const text = reply('What price should I charge?');
    expect(text).toContain('Your plan suggests **$29–$59/month**');
    expect(text).toContain('1% conversion: 120 members → $3,480–$7,080/month');
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
    expect(none).toContain('100 members: $4,900/month');
    expect(countNotices(none)).toBe(1);
  });
});

describe('price parsing', () => {
  it('recognises prices with a currency or a billing period', () => {
    const one = (m: string) => parsePrices(m)[0];
    expect(one('$49')).toMatchObject({ amount: 49, currency: 'USD', period: 'month', periodStated: false });
    expect(one('49 a month')).toMatchObject({ amount: 49, currency: 'USD', period: 'month', periodStated: true });
    expect(one('€29/mo')).toMatchObject({ amount: 29, currency: 'EUR', period: 'month' });
    expect(one('£9.99 per month')).toMatchObject({ amount: 9.99, currency: 'GBP' });
    expect(one('$490 a year')).toMatchObject({ amount: 490, period: 'year' });
    expect(one('$1,200/year')).toMatchObject({ amount: 1200, period: 'year' });
    expect(one('$199 one-time')).toMatchObject({ amount: 199, period: 'once' });
    expect(one('49 dollars monthly')).toMatchObject({ amount: 49, period: 'month' });
    expect(one('I want to charge 39')).toMatchObject({ amount: 39 });
    expect(one('$1.5k launch')).toMatchObject({ amount: 1500 });
    expect(parsePrices('$29 or $49 a month').map((p) => p.amount)).toEqual([29, 49]);
  });

  it('ignores numbers that are not prices', () => {
    for (const m of ['I have 10k followers', 'I work 5 hours a week', 'my engagement is 4%', 'charge 20 members']) {
      expect(parsePrices(m), m).toEqual([]);
    }
  });

  it('projects one-time prices as one-off revenue', () => {
    const [price] = parsePrices('$199 one-time');
    expect(price && projectRevenue(price, 10_000)[0]).toEqual({
      rate: 0.01,
      members: 100,
      monthly: 19_900,
      annual: 19_900,
    });
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
