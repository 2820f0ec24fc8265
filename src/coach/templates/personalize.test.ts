import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getTemplate, loadTemplates } from './load-templates.js';
import { type CoachProfile, personalizePlan } from './personalize.js';
import { normalizePlatform } from './platform-names.js';

const template = getTemplate(loadTemplates(), 'premium-community');
const now = new Date('2025-02-10T15:00:00Z');

function profile(overrides: Partial<CoachProfile> = {}): CoachProfile {
  return {
    niche: 'home espresso',
    platforms: [{ platform: 'YouTube', followers: 20_000, engagementRate: 2 }],
    currentMonthlyIncome: 1_500,
    goal: 'Replace sponsorship income with member revenue',
    hoursPerWeek: 10,
    ...overrides,
  };
}
const audience = (followers: number, engagementRate: number, platform = 'YouTube') => ({
  platforms: [{ platform, followers, engagementRate }],
});

describe('suggested price', () => {
  const price = (p: Partial<CoachProfile>) => personalizePlan(template, profile(p), now).personalization.suggestedPrice;

  it('moves down as the audience grows (smaller audiences carry the economics with fewer members)', () => {
    const small = price(audience(3_000, 2));
    const mid = price(audience(60_000, 2));
    const huge = price(audience(900_000, 2));
    expect(small.min).toBeGreaterThan(mid.min);
    expect(mid.min).toBeGreaterThan(huge.min);
    expect(small.max).toBeGreaterThan(huge.max);
    expect(small).toMatchObject({ min: 29, max: 49, currency: 'USD', interval: 'month' });
    expect(huge).toMatchObject({ min: 9, max: 25 });
  });

  it('moves up with engagement (trust)', () => {
    const low = price(audience(20_000, 0.5));
    const typical = price(audience(20_000, 2));
    const strong = price(audience(20_000, 4.5));
    const veryStrong = price(audience(20_000, 9));
    expect(low.max).toBeLessThan(typical.max);
    expect(typical.max).toBeLessThan(strong.max);
    expect(strong.max).toBeLessThanOrEqual(veryStrong.max);
    expect(veryStrong.min).toBeGreaterThan(low.min);
  });

  it('weights engagement by followers across platforms and explains itself', () => {
    const p = price({
      platforms: [
        { platform: 'TikTok', followers: 90_000, engagementRate: 0.5 },
        { platform: 'Newsletter', followers: 10_000, engagementRate: 40 },
      ],
    });
    // (90,000 x 0.5% + 10,000 x 40%) / 100,000 = 4.45% -> strong; 100,000 followers -> the 100k-500k band.
    expect(p).toMatchObject({ min: 19, max: 35 });
    expect(p.reasoning).toContain('100,000 followers');
    expect(p.reasoning).toContain('4.5%');
    expect(p.foundingMemberPrice).toBeLessThan(p.min + (p.max - p.min) / 2);
  });

  it('stays within the template floor and ceiling with a real range for any audience', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            platform: fc.constantFrom('YouTube', 'TikTok', 'Instagram', 'X', 'Newsletter', 'Twitch', 'Pinterest'),
            followers: fc.integer({ min: 0, max: 50_000_000 }),
            engagementRate: fc.double({ min: 0, max: 100, noNaN: true }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (platforms) => {
          const p = price({ platforms });
          expect(p.min).toBeGreaterThanOrEqual(9);
          expect(p.max).toBeLessThanOrEqual(199);
          expect(p.max).toBeGreaterThan(p.min);
          expect(p.foundingMemberPrice).toBeGreaterThanOrEqual(9);
          expect(p.foundingMemberPrice).toBeLessThanOrEqual(p.max);
        },
      ),
    );
  });
});

describe('suggested platforms', () => {
  const platforms = (p: Partial<CoachProfile>) =>
    personalizePlan(template, profile(p), now).personalization.suggestedPlatforms;

  it('follow where the audience already is', () => {
    const twitch = platforms({
      platforms: [
        { platform: 'Twitch', followers: 40_000, engagementRate: 6 },
        { platform: 'YouTube', followers: 5_000, engagementRate: 2 },
      ],
    });
    expect(twitch[0]?.platform).toBe('Discord');
    expect(twitch[0]?.reason).toMatch(/Twitch/);

    const linkedin = platforms(audience(30_000, 3, 'LinkedIn'));
    expect(linkedin[0]?.platform).toBe('Circle');

    const facebook = platforms(audience(30_000, 3, 'Facebook'));
    expect(facebook.map((p) => p.platform)).toContain('Facebook Groups');

    const youtube = platforms(audience(30_000, 3, 'YouTube'));
    expect(youtube.map((p) => p.platform)).toEqual(expect.arrayContaining(['Skool', 'Patreon']));
    expect(youtube.map((p) => p.platform)).not.toContain('Discord');
  });

  it('gives at most three, with the share of the engaged audience, and falls back when nothing fits', () => {
    const mixed = platforms({
      platforms: [
        { platform: 'YouTube', followers: 50_000, engagementRate: 3 },
        { platform: 'TikTok', followers: 50_000, engagementRate: 3 },
      ],
    });
    expect(mixed.length).toBeLessThanOrEqual(3);
    expect(mixed[0]).toMatchObject({ platform: 'Skool', audienceFit: 1 });
    expect(mixed[0]?.reason).toContain('100% of your engaged audience is on YouTube and TikTok');

    const pinterest = platforms(audience(30_000, 3, 'Pinterest'));
    expect(pinterest.map((p) => p.platform)).toEqual(['Skool', 'Circle']);
    expect(pinterest[0]?.audienceFit).toBe(0);
  });

  it('normalises how creators name their platforms', () => {
    expect(
      ['YouTube Shorts', 'yt', 'X', 'Twitter/X', 'IG', 'Substack', 'beehiiv', 'Apple Podcasts', 'FB'].map(
        normalizePlatform,
      ),
    ).toEqual([
      'youtube',
      'youtube',
      'twitter',
      'twitter',
      'instagram',
      'newsletter',
      'newsletter',
      'podcast',
      'facebook',
    ]);
  });
});

describe('timeline', () => {
  const timeline = (hoursPerWeek: number) =>
    personalizePlan(template, profile({ hoursPerWeek }), now).personalization.timeline;

  it('stretches when the creator has fewer hours', () => {
    const busy = timeline(3);
    const part = timeline(10);
    const full = timeline(30);
    expect(busy.weeks).toBeGreaterThan(part.weeks);
    expect(part.weeks).toBeGreaterThan(full.weeks);
    expect(busy.targetLaunchDate > part.targetLaunchDate).toBe(true);
    expect(part.targetLaunchDate > full.targetLaunchDate).toBe(true);
  });

  it('uses task hours, phase minimums and the clock it is given', () => {
    const t = timeline(10);
    // Phase hours (task midpoints): 19, 28, 25.5, 27.5 -> ceil(h/10) = 2, 3, 3, 3; the last phase's minimum is 4.
    expect(t.phases.map((p) => p.weeks)).toEqual([2, 3, 3, 4]);
    expect(t.weeks).toBe(12);
    expect(t.totalHours).toBe(100);
    // Launch task is in phase 2: end of week 5 from Monday 2025-02-10.
    expect(t.targetLaunchDate).toBe('2025-03-17');
    expect(t.phases[0]).toMatchObject({ startDate: '2025-02-10', endDate: '2025-02-24' });
    expect(t.reasoning).toContain('10 hours a week');

    const full = timeline(80);
    // However many hours, a waitlist needs its two weeks and the first month of retention work its four.
    expect(full.phases.map((p) => p.weeks)).toEqual([1, 2, 2, 4]);
  });
});

describe('personalizePlan', () => {
  it('copies the template content with ids, adds personalization, and stays JSON', () => {
    const plan = personalizePlan(template, profile({ audienceDescription: 'busy parents who love coffee.' }), now);
    expect(plan.opportunityId).toBe('premium-community');
    expect(plan.generatedAt).toBe('2025-02-10T15:00:00.000Z');
    expect(plan.phases.flatMap((p) => p.tasks.map((t) => t.id))).toEqual(
      template.phases.flatMap((p) => p.tasks.map((t) => t.id)),
    );
    expect(plan.decisionPoints).toEqual(template.decisionPoints);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(plan).not.toHaveProperty('whyThisWorks');
  });

  it('does not share objects with the template', () => {
    const plan = personalizePlan(template, profile(), now);
    plan.phases[0]!.tasks[0]!.title = 'changed';
    expect(template.phases[0]!.tasks[0]!.title).toBe('Define the member transformation');
  });

  it('personalises "why this works" from the profile', () => {
    const reasons = (p: Partial<CoachProfile>) =>
      personalizePlan(template, profile(p), now).personalization.whyThisWorks.join('\n');
    const small = reasons({ ...audience(4_000, 7, 'Instagram'), hoursPerWeek: 4, currentMonthlyIncome: 300 });
    expect(small).toContain('Your home espresso audience already trusts you');
    expect(small).toContain('engagement rate of 7.0%');
    expect(small).toContain('4,000 followers');
    expect(small).toContain('Short-form content on Instagram');
    expect(small).toContain('With 4 hours a week');
    expect(small).toContain('roller coaster');
    expect(small).not.toContain('{{');
    expect(small).not.toContain('people you described');

    const big = reasons({ ...audience(120_000, 1.5), currentMonthlyIncome: 6_000, audienceDescription: 'new dads.' });
    expect(big).toContain('With 120,000 followers');
    expect(big).toContain('Your YouTube audience already spends');
    expect(big).toContain('You already earn $6,000 a month');
    expect(big).toContain('the people you described (new dads)');
    expect(big).not.toContain('engagement rate of');
  });
});

describe('economics in the plan', () => {
  it('projects members and revenue from the engaged audience at the suggested price, and the reasons quote it', () => {
    // 20,000 YouTube followers at 2%: 400 engaged, 0.5–2% → 2–8 members; suggested $25–$45/month.
    const plan = personalizePlan(template, profile(), now);
    const { economics, suggestedPrice, whyThisWorks, audience: summary } = plan.personalization;
    expect(suggestedPrice).toMatchObject({ min: 25, max: 45 });
    expect(economics).toMatchObject({ engaged: 400, members: { min: 2, max: 8 }, revenue: { min: 50, max: 360 } });
    expect(summary.engagedFollowers).toBe(400);
    expect(whyThisWorks.join(' ')).toContain('your audience can expect 2-8 members at launch, $50-$360 a month');
    // The old reason promised 50-100 founding members to any audience over 50,000 followers.
    const big = personalizePlan(template, profile(audience(85_000, 1.1, 'Instagram')), now).personalization;
    expect(big.whyThisWorks.join(' ')).toContain('85,000 followers, 935 of them engaged, expect 5-19 founding members');
    expect(big.whyThisWorks.join(' ')).not.toContain('50-100');
  });
});
