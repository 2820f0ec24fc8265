import { describe, expect, it } from 'vitest';
import { detectDecisions } from './decisions.js';
import { type CurrentDecision, explainSupersession, planSupersession, sameDecisionValue } from './supersede.js';

const price = (amount: number, interval = 'month') => ({ amount, currency: 'USD', interval });
const current = (
  id: string,
  category: CurrentDecision['category'],
  value: unknown,
  confidence: CurrentDecision['confidence'],
): CurrentDecision => ({ id, category, value, confidence });

describe('planSupersession', () => {
  it('inserts a first decision without superseding anything', () => {
    const plan = planSupersession([], [{ category: 'platform', value: 'Skool', confidence: 'high' }]);
    expect(plan).toEqual([
      { decision: { category: 'platform', value: 'Skool', confidence: 'high' }, supersedes: null },
    ]);
  });

  it('supersedes the current decision of the same category with a new value', () => {
    const plan = planSupersession(
      [current('d1', 'pricing', price(39), 'high'), current('d2', 'platform', 'Skool', 'high')],
      [{ category: 'pricing', value: price(49), confidence: 'high' }],
    );
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ supersedes: 'd1', decision: { value: price(49) } });
  });

  it('keeps prices per interval and tier side by side: annual beside monthly, a premium tier beside the base price', () => {
    const now = new Date('2025-02-10T15:00:00Z');
    const monthly = current('m', 'pricing', { amount: 25, currency: 'EUR', interval: 'month' }, 'high');
    const [annual] = detectDecisions("We're adding an annual plan: $490/year.", now);
    expect(planSupersession([monthly], [annual!])).toEqual([{ decision: annual, supersedes: null }]);
    const [premium] = detectDecisions("I'll add a $10 premium tier.", now);
    expect(premium?.value).toMatchObject({ amount: 10, tier: 'premium' });
    expect(planSupersession([monthly], [premium!])[0]?.supersedes).toBeNull();
    // A new monthly price still replaces the monthly one, and a price with no interval counts as monthly.
    const [cheaper] = detectDecisions("Let's go with €19 a month instead.", now);
    expect(
      planSupersession([monthly, current('y', 'pricing', price(490, 'year'), 'high')], [cheaper!])[0]?.supersedes,
    ).toBe('m');
    const [bare] = detectDecisions("I'm charging $30.", now);
    expect(planSupersession([monthly], [bare!])[0]?.supersedes).toBe('m');
  });

  it('keeps a membership cap beside the community shape', () => {
    const shape = current('s', 'structure', { access: 'cohort' }, 'high');
    const plan = planSupersession([shape], [{ category: 'structure', value: { cap: 100 }, confidence: 'medium' }]);
    expect(plan[0]?.supersedes).toBeNull();
    const tighter = planSupersession(
      [shape, current('c', 'structure', { cap: 100 }, 'medium')],
      [{ category: 'structure', value: { cap: 50 }, confidence: 'high' }],
    );
    expect(tighter[0]?.supersedes).toBe('c');
  });

  it('lets a medium decision replace a high one (a plainly stated change of mind)', () => {
    const plan = planSupersession(
      [current('d1', 'platform', 'Skool', 'high')],
      [{ category: 'platform', value: 'Circle', confidence: 'medium' }],
    );
    expect(plan[0]?.supersedes).toBe('d1');
  });

  it('never lets a low-confidence detection supersede a medium or high one', () => {
    for (const held of ['high', 'medium'] as const) {
      const explained = explainSupersession(
        [current('d1', 'platform', 'Skool', held)],
        [{ category: 'platform', value: 'Discord', confidence: 'low' }],
      );
      expect(explained.insert).toEqual([]);
      expect(explained.skipped).toEqual([
        { decision: expect.objectContaining({ value: 'Discord' }), reason: 'weaker-than-current', currentId: 'd1' },
      ]);
    }
    // Low replaces low.
    const plan = planSupersession(
      [current('d1', 'platform', 'Skool', 'low')],
      [{ category: 'platform', value: 'Discord', confidence: 'low' }],
    );
    expect(plan[0]?.supersedes).toBe('d1');
  });

  it('skips a repeat of the current value, but records it when it firms up', () => {
    const repeat = explainSupersession(
      [current('d1', 'pricing', price(49), 'high')],
      [{ category: 'pricing', value: { ...price(49), also: [price(490, 'year')] }, confidence: 'medium' }],
    );
    expect(repeat.insert).toEqual([]);
    expect(repeat.skipped[0]?.reason).toBe('same-as-current');

    const firmer = planSupersession(
      [current('d1', 'platform', 'skool', 'low')],
      [{ category: 'platform', value: 'Skool', confidence: 'high' }],
    );
    expect(firmer[0]?.supersedes).toBe('d1');
  });

  it('keeps only the strongest detection per category (the later one among equals)', () => {
    const explained = explainSupersession(
      [],
      [
        { category: 'pricing', value: price(29), confidence: 'high' },
        { category: 'pricing', value: price(39), confidence: 'low' },
        { category: 'pricing', value: price(49), confidence: 'high' },
      ],
    );
    expect(explained.insert.map((i) => i.decision.value)).toEqual([price(49)]);
    expect(explained.skipped.map((s) => s.reason)).toEqual(['weaker-in-same-message', 'weaker-in-same-message']);
  });

  it('works on detector output end to end', () => {
    const now = new Date('2025-02-10T12:00:00Z');
    const first = detectDecisions("We're going with Skool at $39/month.", now);
    const stored = planSupersession([], first).map((item, i) => ({ ...item.decision, id: `d${i}` }));
    expect(stored.map((d) => d.category)).toEqual(['pricing', 'platform']);
    const second = detectDecisions("Changed my mind: I'll charge $49 a month. Maybe Discord though?", now);
    const plan = planSupersession(stored, second);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ supersedes: 'd0', decision: { category: 'pricing', value: price(49) } });
  });
});

describe('sameDecisionValue', () => {
  it('compares what matters per category', () => {
    expect(sameDecisionValue('pricing', price(49), { ...price(49), founding: true })).toBe(true);
    expect(sameDecisionValue('pricing', price(49), price(49, 'year'))).toBe(false);
    expect(sameDecisionValue('platform', 'Skool', ' skool ')).toBe(true);
    expect(
      sameDecisionValue(
        'timeline',
        { event: 'launch', date: '2025-03-03', expression: 'March 3' },
        {
          event: 'launch',
          date: '2025-03-03',
          expression: 'on the 3rd',
        },
      ),
    ).toBe(true);
    expect(sameDecisionValue('structure', { access: 'cohort' }, { access: 'cohort', tiers: 2 })).toBe(false);
    expect(
      sameDecisionValue(
        'content',
        { activity: 'live call', count: 1, period: 'week' },
        {
          activity: 'live call',
          count: 1,
          period: 'week',
          also: [{ activity: 'AMA', count: 1, period: 'month' }],
        },
      ),
    ).toBe(true);
  });
});
