/**
 * Module boundaries, checked by `npm run lint` (so CI runs it): a repository (`*.repo.ts`, a module's SQL) is
 * imported only from its own folder (its service, its atomic-list helpers, its tests). Another module asks that
 * module's service, which exports what others need of its storage. There are no exceptions: any crossing fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

const importPattern = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/g;
const problems: string[] = [];
for (const file of sourceFiles(src)) {
  for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
    const target = resolve(dirname(file), (match[1] as string).replace(/\.js$/, '.ts'));
    if (!target.endsWith('.repo.ts') || dirname(target) === dirname(file)) continue;
    problems.push(
      `${relative(root, file)} -> ${relative(root, target)}: a repository is imported only by its own module's files`,
    );
  }
}
if (problems.length > 0) {
  process.stderr.write(`Module boundaries:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
