import { type PlanTemplate, templateSchema } from './template.schema.js';

/** Validating and looking up plan templates, without the file system (load-templates.ts reads content/coach). */

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
