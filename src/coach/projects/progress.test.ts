import { describe, expect, it } from 'vitest';
import { getTemplate, loadTemplates } from '../templates/load-templates.js';
import { personalizePlan } from '../templates/personalize.js';
import { computeProgress, percentOf } from './progress.js';

const template = getTemplate(loadTemplates(), 'premium-community');
const plan = personalizePlan(
  template,
  {
    niche: 'fitness',
    platforms: [{ platform: 'YouTube', followers: 10_000, engagementRate: 3 }],
    currentMonthlyIncome: 0,
    goal: 'first recurring income',
    hoursPerWeek: 8,
  },
  new Date('2025-02-10T00:00:00Z'),
);
const ids = plan.phases.flatMap((p) => p.tasks.map((t) => t.id));

describe('computeProgress', () => {
  it('starts at 0% with the first task next', () => {
    const p = computeProgress(plan, []);
    expect(p).toMatchObject({ overallPercent: 0, completedTasks: 0, totalTasks: 22 });
    expect(p.phases.map((ph) => [ph.id, ph.percent, ph.totalTasks])).toEqual([
      ['validate-offer', 0, 6],
      ['presell', 0, 6],
      ['build-community', 0, 5],
      ['launch-and-grow', 0, 5],
    ]);
    expect(p.nextTask).toEqual({
      id: 'define-member-transformation',
      title: 'Define the member transformation',
      phaseId: 'validate-offer',
    });
  });

  it('floors percentages: 1 of 22 is 4%, 21 of 22 is 95%, only all 22 is 100%', () => {
    expect(computeProgress(plan, ids.slice(0, 1)).overallPercent).toBe(4);
    expect(computeProgress(plan, ids.slice(0, 21)).overallPercent).toBe(95);
    const all = computeProgress(plan, new Set(ids));
    expect(all.overallPercent).toBe(100);
    expect(all.nextTask).toBeNull();
    expect(all.phases.every((ph) => ph.percent === 100)).toBe(true);
  });

  it('computes per-phase percent and picks the first unfinished task in plan order', () => {
    // Phase 1 complete, two of phase 2 done out of order, one task of phase 4.
    const done = [...ids.slice(0, 6), 'set-up-payments', 'promote-waitlist', 'reduce-churn'];
    const p = computeProgress(plan, done);
    expect(p.completedTasks).toBe(9);
    expect(p.overallPercent).toBe(40); // 9/22 = 40.9
    expect(p.phases.map((ph) => ph.percent)).toEqual([100, 33, 0, 20]);
    expect(p.nextTask).toEqual({ id: 'build-waitlist-page', title: 'Build the waitlist page', phaseId: 'presell' });
  });

  it('ignores unknown and duplicate ids', () => {
    const p = computeProgress(plan, ['build-waitlist-page', 'build-waitlist-page', 'retired-task']);
    expect(p.completedTasks).toBe(1);
    expect(p.overallPercent).toBe(4);
  });

  it('reports the current decision per category and the decision points still open', () => {
    const p = computeProgress(
      plan,
      [],
      [
        {
          category: 'pricing',
          value: { amount: 39 },
          confidence: 'medium',
          status: 'superseded',
          createdAt: '2025-02-01',
        },
        { category: 'pricing', value: { amount: 49 }, confidence: 'high', status: 'current', createdAt: '2025-02-03' },
        { category: 'platform', value: 'Skool', confidence: 'high', status: 'current', createdAt: '2025-02-02' },
      ],
    );
    expect(p.currentDecisions.map((d) => d.value)).toEqual([{ amount: 49 }, 'Skool']);
    expect(p.openDecisionPoints.map((d) => d.category)).toEqual(['structure', 'timeline', 'content']);
    expect(computeProgress(plan, []).openDecisionPoints).toEqual([]);
  });

  it('handles an empty plan and documents its rounding', () => {
    expect(computeProgress({ phases: [] }, [])).toMatchObject({ overallPercent: 0, totalTasks: 0, nextTask: null });
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(2, 3)).toBe(66);
  });
});
