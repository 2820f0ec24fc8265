import { describe, expect, it } from 'vitest';
import { getTemplate, loadTemplates } from '../templates/load-templates.js';
import { suggestNextSteps } from './next-steps.js';

const template = getTemplate(loadTemplates(), 'premium-community');

describe('suggestNextSteps', () => {
  it('suggests the first three unfinished tasks in plan order with a one-line why', () => {
    const steps = suggestNextSteps(template, ['define-member-transformation', 'audit-competing-communities']);
    expect(steps.map((s) => [s.taskId, s.phaseId])).toEqual([
      ['interview-audience-members', 'validate-offer'],
      ['choose-community-structure', 'validate-offer'],
      ['choose-community-platform', 'validate-offer'],
    ]);
    for (const step of steps) {
      expect(step.why.length).toBeGreaterThan(20);
      expect(step.why.length).toBeLessThanOrEqual(160);
      expect(step.why).not.toContain('\n');
    }
    expect(steps[0]?.why).toMatch(/^Ten conversations beat a 500-response poll: .+[.…]$/);
  });

  it('crosses phases, honours the limit and ends with an empty list', () => {
    const ids = template.phases.flatMap((p) => p.tasks.map((t) => t.id));
    expect(suggestNextSteps(template, ids.slice(0, 5)).map((s) => s.taskId)).toEqual([
      'set-founding-member-price',
      'build-waitlist-page',
      'promote-waitlist',
    ]);
    expect(suggestNextSteps(template, [], 1)).toHaveLength(1);
    expect(suggestNextSteps(template, new Set(ids))).toEqual([]);
  });

  it('falls back to the description or title when a plan has no "why"', () => {
    const plan = {
      phases: [{ id: 'p', title: 'P', tasks: [{ id: 't', title: 'Do the thing', description: 'Short. More.' }] }],
    };
    expect(suggestNextSteps(plan, [])[0]?.why).toBe('Short.');
  });
});
