import type { PlanTemplate } from './templates/template.schema.js';

// The coach's part of the app's dependencies (see ProductDeps in src/platform/deps.ts).
declare module '../platform/deps.js' {
  interface ProductDeps {
    /** Creator Coach plan templates by opportunity id (read from content/coach at start). */
    templates: ReadonlyMap<string, PlanTemplate>;
  }
}
