#!/usr/bin/env node
// The `pathwise` command. In a checkout (src/ present) it runs the TypeScript source through tsx, so a stale dist/
// never runs; in a deployment without src/ (the Docker image) it runs the built CLI from dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (existsSync(source) || !existsSync(built)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(built).href);
}
