import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTemplateDir, getTemplate, loadTemplates, parseTemplate, TemplateError } from './load-templates.js';
import { decisionCategories, type PlanTemplate } from './template.schema.js';

const file = join(defaultTemplateDir(), 'premium-community.json');
const raw = () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & PlanTemplate;

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('premium-community template', () => {
  const template = getTemplate(loadTemplates(), 'premium-community');
  const tasks = template.phases.flatMap((p) => p.tasks);

  it('has 4 phases and 22 tasks with unique, readable ids', () => {
    expect(template.phases).toHaveLength(4);
    expect(tasks).toHaveLength(22);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(22);
    for (const phase of template.phases) expect(phase.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    for (const task of tasks) expect(task.id).toMatch(/^[a-z]+(-[a-z]+)+$/);
    expect(tasks.map((t) => t.id)).toEqual(
      expect.arrayContaining(['define-member-transformation', 'build-waitlist-page', 'launch-founding-members']),
    );
  });

  it('gives every task the full guidance: steps, why, time, cost, deliverable and completion signals', () => {
    for (const task of tasks) {
      expect(task.steps.length, task.id).toBeGreaterThanOrEqual(3);
      expect(task.whyItMatters.length, task.id).toBeGreaterThan(80);
      expect(task.timeEstimate.minHours).toBeLessThanOrEqual(task.timeEstimate.maxHours);
      expect(task.costEstimate.currency).toBe('USD');
      expect(task.deliverable.length, task.id).toBeGreaterThan(20);
      expect(task.completionSignals.length, task.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('maps decision points of all five categories to real tasks', () => {
    const ids = new Set(tasks.map((t) => t.id));
    expect(new Set(template.decisionPoints.map((d) => d.category))).toEqual(new Set(decisionCategories));
    for (const point of template.decisionPoints) {
      expect(point.taskIds.length).toBeGreaterThan(0);
      for (const id of point.taskIds) expect(ids.has(id), `${point.id} -> ${id}`).toBe(true);
    }
  });

  it('has metadata, pro tips, pitfalls, platform options and a launch task', () => {
    expect(template.opportunity).toMatchObject({ id: 'premium-community', title: 'Premium Community' });
    expect(template.opportunity.revenueRange.min).toBeLessThan(template.opportunity.revenueRange.max);
    expect(tasks.some((t) => t.id === template.opportunity.timeline.launchTaskId)).toBe(true);
    expect(template.proTips.length).toBeGreaterThanOrEqual(5);
    expect(template.commonPitfalls.length).toBeGreaterThanOrEqual(5);
    expect(template.whyThisWorks.length).toBeGreaterThanOrEqual(5);
    expect(template.platformOptions?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Skool', 'Circle', 'Discord', 'Patreon', 'Kajabi', 'Mighty Networks']),
    );
  });

  it('never gives two tasks the same completion signal', () => {
    const owner = new Map<string, string>();
    for (const task of tasks) {
      for (const signal of task.completionSignals) {
        expect(owner.get(signal) ?? task.id, signal).toBe(task.id);
        owner.set(signal, task.id);
      }
    }
  });
});

describe('template validation', () => {
  it('names the file and the field of a schema error', () => {
    const bad = raw();
    (bad.phases[1]!.tasks[2] as unknown as Record<string, unknown>).timeEstimate = { minHours: 'two', maxHours: 3 };
    const error = errorOf(() => parseTemplate(bad, 'content/coach/premium-community.json'));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('content/coach/premium-community.json');
    expect(error.problems[0]).toContain('phases[1 presell].tasks[2 set-up-payments].timeEstimate.minHours');
  });

  it('rejects a decision point that references a missing task', () => {
    const bad = raw();
    bad.decisionPoints[0]!.taskIds.push('write-a-book');
    const error = errorOf(() => parseTemplate(bad, 'x.json'));
    expect(error.message).toMatch(/decisionPoints\[0 price\]\.taskIds\[3\]: unknown task id "write-a-book"/);
  });

  it('rejects duplicate task ids, shared completion signals and unknown placeholders', () => {
    const bad = raw();
    bad.phases[3]!.tasks[0]!.id = 'build-waitlist-page';
    bad.phases[0]!.tasks[0]!.completionSignals.push('sales page');
    bad.whyThisWorks[0]!.text = 'Hello {{followerCount}}';
    const problems = errorOf(() => parseTemplate(bad, 'x.json')).problems.join('\n');
    expect(problems).toContain('duplicate task id "build-waitlist-page"');
    expect(problems).toContain(
      'phases[1 presell].tasks[3 write-sales-page].completionSignals[0]: completion signal "sales page" is also used by task "define-member-transformation"',
    );
    expect(problems).toContain('unknown placeholder');
  });

  it('rejects unknown fields and a file name that differs from the opportunity id', () => {
    const extra = { ...raw(), surprise: true };
    expect(errorOf(() => parseTemplate(extra, 'x.json')).message).toMatch(/surprise|Unrecognized/i);
    expect(errorOf(() => parseTemplate(raw(), 'digital-course.json', 'digital-course')).message).toContain(
      'must match the file name "digital-course.json"',
    );
  });

  it('loads every file of a directory by id and reports invalid JSON with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-templates-'));
    const second = raw();
    second.opportunity.id = 'paid-newsletter';
    second.opportunity.title = 'Paid Newsletter';
    writeFileSync(join(dir, 'premium-community.json'), JSON.stringify(raw()));
    writeFileSync(join(dir, 'paid-newsletter.json'), JSON.stringify(second));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const templates = loadTemplates(dir);
    expect([...templates.keys()]).toEqual(['paid-newsletter', 'premium-community']);
    expect(() => getTemplate(templates, 'nope')).toThrow(/unknown opportunity "nope"; known: paid-newsletter/);

    const broken = join(mkdtempSync(join(tmpdir(), 'coach-templates-')), 'sub');
    mkdirSync(broken);
    writeFileSync(join(broken, 'broken.json'), '{"schemaVersion": 1,');
    expect(errorOf(() => loadTemplates(broken)).problems[0]).toMatch(/broken\.json: not valid JSON/);
  });
});
