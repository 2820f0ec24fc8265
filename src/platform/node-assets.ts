import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Reads Scalar's standalone bundle from node_modules once, for /docs without a CDN (Node only). */
export function scalarStandaloneScript(): () => Promise<string> {
  let script: Promise<string> | undefined;
  return () => {
    script ??= readFile(createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js'), 'utf8');
    return script;
  };
}
