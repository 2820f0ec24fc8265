import { parseTemplate } from '../coach/templates/parse-template.js';
import type { PlanTemplate } from '../coach/templates/template.schema.js';

/**
 * The coach templates bundled into the worker (the build reads content/coach and validates it; see
 * scripts/build-worker.ts). Parsed once per isolate, the same way loadTemplates parses the files on Node.
 */
export function templatesFrom(
  bundled: ReadonlyArray<{ file: string; id: string; data: unknown }>,
): Map<string, PlanTemplate> {
  const templates = new Map<string, PlanTemplate>();
  for (const { file, id, data } of bundled) {
    const template = parseTemplate(data, file, id);
    templates.set(template.opportunity.id, template);
  }
  return templates;
}
