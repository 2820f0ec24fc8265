import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type PlanTemplate, templateSchema } from './template.schema.js';

export class TemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(`coach template content is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'TemplateError';
  }
}

/**
 * `phases.1.tasks.2.steps` -> `phases[1 presell].tasks[2 write-sales-page].steps`: names the element by its id
 * when the raw data has one, so an error points at a task a human can find in the file.
 */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = raw;
  let out = '';
  for (const key of path) {
    const next = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const id =
        next !== null && typeof next === 'object' && typeof (next as { id?: unknown }).id === 'string'
          ? ` ${(next as { id: string }).id}`
          : '';
      out += `[${key}${id}]`;
    } else {
      out += `${out ? '.' : ''}${String(key)}`;
    }
    node = next;
  }
  return out || '(root)';
}

/**
 * Validates one template's data. `source` names it in errors (usually the file path); `expectedId`, when given,
 * must equal `opportunity.id` (the file name rule: `<opportunityId>.json`).
 */
export function parseTemplate(raw: unknown, source: string, expectedId?: string): PlanTemplate {
  const result = templateSchema.safeParse(raw);
  if (!result.success) {
    throw new TemplateError(
      result.error.issues.map((issue) => `${source}: ${describePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  if (expectedId !== undefined && result.data.opportunity.id !== expectedId) {
    throw new TemplateError([
      `${source}: opportunity.id: "${result.data.opportunity.id}" must match the file name "${expectedId}.json"`,
    ]);
  }
  return result.data;
}

/** `content/coach` of the repository, found by walking up from this file (works from `src/` and from `dist/`). */
export function defaultTemplateDir(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'content', 'coach');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new TemplateError([`content/coach not found above ${import.meta.dirname}`]);
}

/**
 * Reads every `*.json` in `dir`, validates each, and returns them by opportunity id (sorted by file name).
 * Throws a TemplateError listing every problem in every file, each naming the file and the field.
 */
export function loadTemplates(dir: string = defaultTemplateDir()): Map<string, PlanTemplate> {
  const problems: string[] = [];
  const templates = new Map<string, PlanTemplate>();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${file}: not valid JSON: ${(error as Error).message}`);
      continue;
    }
    try {
      const template = parseTemplate(raw, file, basename(name, '.json'));
      templates.set(template.opportunity.id, template);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new TemplateError(problems);
  return templates;
}

/** One template by opportunity id; a TemplateError naming the known ids when it does not exist. */
export function getTemplate(templates: ReadonlyMap<string, PlanTemplate>, opportunityId: string): PlanTemplate {
  const template = templates.get(opportunityId);
  if (!template) {
    throw new TemplateError([
      `unknown opportunity "${opportunityId}"; known: ${[...templates.keys()].join(', ') || '(none)'}`,
    ]);
  }
  return template;
}
