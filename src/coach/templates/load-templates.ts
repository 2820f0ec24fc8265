import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseTemplate, TemplateError } from './parse-template.js';
import type { PlanTemplate } from './template.schema.js';

// Parsing is runtime-neutral (the Workers build uses it on bundled templates); this file adds reading content/coach.
export { getTemplate, parseTemplate, TemplateError } from './parse-template.js';

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
