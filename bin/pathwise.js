#!/usr/bin/env node
// The `pathwise` command. In a checkout (src/ present) it runs the TypeScript source through tsx, so a stale dist/
// never runs; in a deployment without src/ (the Docker image) it runs the built CLI from dist/. `pathwise grade` runs
// from one bundled file instead (scripts/bundle-grade-cli.mjs): a single answer is graded in well under a second.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const inCheckout = existsSync(source) || !existsSync(built);

if (process.argv[2] === 'grade') {
  const bundle = inCheckout
    ? fileURLToPath(new URL('../node_modules/.cache/pathwise/grade.mjs', import.meta.url))
    : fileURLToPath(new URL('../dist/cli/grade.mjs', import.meta.url));
  if (inCheckout) {
    const { bundleGradeCli, isStale } = await import('../scripts/bundle-grade-cli.mjs');
    if (isStale(bundle)) await bundleGradeCli(bundle);
  }
  const { runGradeCommand } = await import(pathToFileURL(bundle).href);
  process.exitCode = await runGradeCommand(process.argv.slice(3), (line) => console.log(line));
} else if (inCheckout) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(built).href);
}
