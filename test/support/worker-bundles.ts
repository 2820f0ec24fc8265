import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWorker } from '../../scripts/worker/bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The worker bundle built once for the run, exactly as `npm run build:worker` builds it (Node-only check included). */
    workerBundle: string;
    /** The D1 test target's worker (test/support/d1/worker-entry.ts): production's runtime driven by the test. */
    d1TestBundle: string;
  }
}

/** Vitest global setup: builds both worker bundles once for the run (about a second each, unminified). */
export async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-worker-'));
  const [production, test] = await Promise.all([
    buildWorker({ outfile: join(dir, 'worker.js') }),
    buildWorker({ entry: 'test/support/d1/worker-entry.ts', outfile: join(dir, 'test', 'worker.js'), minify: false }),
  ]);
  project.provide('workerBundle', production.outfile);
  project.provide('d1TestBundle', test.outfile);
  return () => rmSync(dir, { recursive: true, force: true });
}
