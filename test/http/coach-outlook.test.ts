import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { postSse } from '../support/sse-client.js';
import { createTestApp } from '../support/test-app.js';

/**
 * One set of numbers for a project wherever they appear (QA: the project page and the export kept the projection of
 * the day the project started, the coach used the new audience with the plan's old price range, and none used the
 * price the creator had decided): the profile as it is now, at the decided price once there is one, and the decided
 * launch day over the plan's.
 */
describe.each(targets('coach-outlook'))('A project’s outlook on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database.destroy());

  it('follows the profile, the decided price and the decided launch day in the project, the export and the coach', async () => {
    const clock = new ManualClock(new Date('2026-12-07T10:00:00Z'));
    const t = createTestApp(database, { clock });
    const server = await t.serve();
    try {
      const { token } = await t.register();
      await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
      const project = (
        await t.call('POST', '/api/v1/monetization/projects', { token, body: { opportunityId: 'premium-community' } })
      ).json.project;
      const path = `/api/v1/monetization/projects/${project.id}`;
      const view = async () => (await t.call('GET', path, { token })).json.project;
      const say = async (message: string) => {
        const res = await postSse(`${server.url}${path}/chat`, { token, body: { message } });
        expect(res.events.at(-1)?.event).toBe('done');
        return res.events
          .filter((e) => e.event === 'delta')
          .map((e) => e.data.text)
          .join('');
      };

      // At first: the plan's own projection, at its suggested price and target launch.
      const started = await view();
      const plan = started.customizedPlan.personalization;
      expect(started.outlook).toMatchObject({
        priceBasis: 'suggested',
        launchBasis: 'plan',
        targetLaunchDate: plan.timeline.targetLaunchDate,
      });
      expect(started.outlook.economics).toEqual(plan.economics);

      // The audience doubles: the outlook follows, the stored plan keeps its day-one projection.
      const doubled = sampleProfile.platforms.map((p) => ({ ...p, followers: p.followers * 2 }));
      expect(
        (await t.call('PATCH', '/api/v1/monetization/profile', { token, body: { platforms: doubled } })).status,
      ).toBe(200);
      const grown = await view();
      expect(grown.customizedPlan.personalization.economics).toEqual(plan.economics);
      expect(grown.outlook.economics.members.max).toBeGreaterThan(plan.economics.members.max);
      expect(grown.outlook.economics.price).toEqual(plan.economics.price);

      // A regular price with a founding one: the founding price is judged against the plan's founding price, and
      // the decision is acknowledged, not told back as decided already.
      const founding = plan.suggestedPrice.foundingMemberPrice;
      const priced = await say(`Let's do $45/month, with founding members at $${founding}.`);
      expect(priced).not.toMatch(/below your plan's suggested range/);
      expect(priced).not.toMatch(/You already decided/);
      expect(priced).toContain(`founding price your plan suggests`);
      const decided = await view();
      expect(decided.outlook.priceBasis).toBe('decided');
      expect(decided.outlook.economics.price).toMatchObject({ min: 45, max: 45, interval: 'month' });
      expect(decided.outlook.economics.members).toEqual(grown.outlook.economics.members);

      // The coach's numbers without a stated price: the decided one, for the audience as it is now.
      const expect45 = await say('How many members can I expect and how much could I make per month?');
      expect(expect45).toContain('$45/month, the price you decided');
      const members = decided.outlook.economics.members;
      expect(expect45).toContain(`${members.min.toLocaleString('en-US')}–${members.max.toLocaleString('en-US')}`);

      // A decided launch day replaces the plan's target.
      await say('We launch six weeks from today.');
      const launched = await view();
      expect(launched.outlook).toMatchObject({ launchBasis: 'decided', targetLaunchDate: '2027-01-18' });

      const md = (await t.call('GET', `${path}/export?format=md`, { token })).text;
      expect(md).toContain('at the price you decided, for the audience in your profile');
      expect(md).toContain(`${members.min.toLocaleString('en-US')}–${members.max.toLocaleString('en-US')} members`);
      expect(md).toContain('Launch: 2027-01-18 (your decision)');

      // The pricing table drafted from them: the regular price in the Member column, the founding one beside it, the
      // launch day as a reader writes it.
      const draft = await postSse(`${server.url}${path}/tasks/set-founding-member-price/draft`, { token, body: {} });
      expect(draft.events.at(-1)?.event).toBe('done');
      const table = draft.events
        .filter((e) => e.event === 'delta')
        .map((e) => e.data.text)
        .join('');
      expect(table).toContain(`| Price | $${founding}/month, locked in for as long as you stay | $45/month |`);
      expect(table).toContain('| Available | until January 18, 2027 | after launch |');
    } finally {
      await server.close();
    }
  });
});
