import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const webRoot = fileURLToPath(new URL('../../', import.meta.url));
const repoRoot = join(webRoot, '..');
const cacheRoot = join(repoRoot, 'node_modules', '.cache', 'pathwise-web');

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else yield path;
  }
}

/** What the build depends on: the web app's sources, its config and the locked dependency versions. */
function sourceHash(): string {
  // Bumped when how the build is made changes (here: NODE_ENV forced to production), so older outputs are not reused.
  const hash = createHash('sha256').update('production-build-2\0');
  const files = [
    ...sourceFiles(join(webRoot, 'src')),
    ...sourceFiles(join(webRoot, 'public')),
    join(webRoot, 'index.html'),
    join(webRoot, 'vite.config.ts'),
    join(repoRoot, 'package-lock.json'),
  ].sort();
  for (const file of files) hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The production build of the web app (vite build, as `npm run build` makes it), made once per version of its
 * sources and shared by the e2e files that run in parallel: each builds into its own folder and renames it into place.
 */
export async function builtWebApp(): Promise<string> {
  const dir = join(cacheRoot, sourceHash());
  if (existsSync(join(dir, 'index.html'))) return dir;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = `${dir}.${process.pid}.tmp`;
  // Vite takes the build's NODE_ENV from the environment, and vitest sets it to `test`: that would ship React's
  // development build (533 KB for the entry chunk instead of 312 KB), not what `npm run build` serves.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(webRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  try {
    renameSync(staging, dir);
  } catch {
    // another file's build got there first: same sources, same output
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}
