import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWorker } from '../../scripts/worker/bundle.js';
import { builtWebApp } from '../../web/e2e/support/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The worker bundle built once for the run, exactly as `npm run build:worker` builds it (Node-only check included). */
    workerBundle: string;
    /** The web app's production build (dist/web's content), served as the worker's static assets where asked. */
    webBuild: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-worker-'));
  const [built, webBuild] = await Promise.all([buildWorker({ outfile: join(dir, 'worker.js') }), builtWebApp()]);
  project.provide('workerBundle', built.outfile);
  project.provide('webBuild', webBuild);
  return () => rmSync(dir, { recursive: true, force: true });
}
