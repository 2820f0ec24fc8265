/**
 * A module that exists only in the worker bundle: scripts/build-worker.ts generates it from content/coach (validated
 * with loadTemplates) at build time, so the worker needs no file system.
 */
declare module 'pathwise:coach-templates' {
  export const templates: ReadonlyArray<{ file: string; id: string; data: unknown }>;
}
