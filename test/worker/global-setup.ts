import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWorker } from '../../scripts/worker/bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The worker bundle built once for the run, exactly as `npm run build:worker` builds it (Node-only check included). */
    workerBundle: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-worker-'));
  const built = await buildWorker({ outfile: join(dir, 'worker.js') });
  project.provide('workerBundle', built.outfile);
  return () => rmSync(dir, { recursive: true, force: true });
}
