import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { loadTemplates } from '../../src/coach/templates/load-templates.js';

/**
 * Bundles the Cloudflare Workers entry with esbuild, the way Workers resolve packages (`workerd`/`worker`/`browser`
 * export conditions, no Node built-ins), and fails when a Node-only import reaches the bundle: a Node built-in
 * (`node:*`, `fs`, ...; we do not enable `nodejs_compat`) or a package that only works on Node (listed below), with
 * the import chain from the entry to it. `wrangler dev`/`deploy` run this build (wrangler.toml `[build]`), so nothing
 * ships without the check.
 */

export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Packages that must stay behind main.ts: they run on Node (or pretend to elsewhere, like pino's browser build). */
export const NODE_ONLY_PACKAGES = [
  'better-sqlite3',
  'pg',
  'pg-pool',
  'pino',
  'pino-pretty',
  'ioredis',
  'prom-client',
  '@hono/node-server',
  'dotenv',
];

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const TEMPLATES_MODULE = 'pathwise:coach-templates';

export class NodeOnlyImportError extends Error {
  constructor(readonly offenses: Array<{ path: string; chain: string[] }>) {
    super(
      `Node-only imports reach the worker bundle (Workers run without nodejs_compat):\n${offenses
        .map((o) => `  - ${o.path}, imported through ${o.chain.join(' -> ')}`)
        .join('\n')}`,
    );
    this.name = 'NodeOnlyImportError';
  }
}

function packageOf(path: string): string | undefined {
  if (path.startsWith('.') || path.startsWith('/')) return undefined;
  const parts = path.split('/');
  return path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The coach templates as a module: validated with the same loader the Node server uses, then inlined. */
function templatesPlugin(contentDir: string): esbuild.Plugin {
  return {
    name: 'pathwise-coach-templates',
    setup(build) {
      build.onResolve({ filter: /^pathwise:coach-templates$/ }, (args) => ({ path: args.path, namespace: 'pathwise' }));
      build.onLoad({ filter: /.*/, namespace: 'pathwise' }, () => {
        loadTemplates(contentDir); // throws a TemplateError naming every problem
        const templates = readdirSync(contentDir)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((name) => ({
            file: relative(repoRoot, join(contentDir, name)),
            id: basename(name, '.json'),
            data: JSON.parse(readFileSync(join(contentDir, name), 'utf8')),
          }));
        return { contents: `export const templates = ${JSON.stringify(templates)};`, loader: 'js', watchFiles: [] };
      });
    },
  };
}

/** Records every Node-only import (kept external so the build finishes and the metafile shows who imports it). */
function nodeOnlyGuard(found: Array<{ path: string; importer: string }>): esbuild.Plugin {
  return {
    name: 'node-only-guard',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.guarded || args.path === TEMPLATES_MODULE) return undefined;
        const pkg = packageOf(args.path);
        if (pkg && NODE_ONLY_PACKAGES.includes(pkg)) {
          found.push({ path: args.path, importer: args.importer });
          return { path: args.path, external: true };
        }
        if (args.path.startsWith('node:') || BUILTINS.has(args.path)) {
          // A package may map a built-in away for browsers ("browser": {"crypto": false}): then esbuild resolves it.
          const resolved = await build.resolve(args.path, {
            kind: args.kind,
            importer: args.importer,
            resolveDir: args.resolveDir,
            pluginData: { guarded: true },
          });
          if (resolved.errors.length === 0 && !resolved.external) return undefined;
          found.push({ path: args.path, importer: args.importer });
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

/** The shortest chain of imports from the entry to `target` (metafile paths, relative to the repository). */
function importChain(metafile: esbuild.Metafile, entry: string, target: string): string[] {
  const previous = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === target) break;
    for (const imported of metafile.inputs[current]?.imports ?? []) {
      if (imported.external || previous.has(imported.path)) continue;
      previous.set(imported.path, current);
      queue.push(imported.path);
    }
  }
  const chain: string[] = [];
  for (let node: string | null | undefined = target; node; node = previous.get(node)) chain.unshift(node);
  return chain;
}

export interface BuildWorkerOptions {
  /** Default: src/worker.ts */
  entry?: string;
  /** Default: dist/cloudflare/worker/worker.js */
  outfile?: string;
  /** Default: content/coach */
  templatesDir?: string;
  minify?: boolean;
}

export interface BuiltWorker {
  outfile: string;
  bytes: number;
  inputs: number;
}

export async function buildWorker(options: BuildWorkerOptions = {}): Promise<BuiltWorker> {
  const entry = resolve(repoRoot, options.entry ?? 'src/worker.ts');
  const outfile = resolve(repoRoot, options.outfile ?? 'dist/cloudflare/worker/worker.js');
  const found: Array<{ path: string; importer: string }> = [];
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2023',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [templatesPlugin(options.templatesDir ?? join(repoRoot, 'content', 'coach')), nodeOnlyGuard(found)],
  });
  if (found.length > 0) {
    rmSync(outfile, { force: true });
    const entryKey = relative(repoRoot, entry);
    const offenses = found.map(({ path, importer }) => ({
      path,
      chain: importChain(result.metafile, entryKey, relative(repoRoot, importer)),
    }));
    throw new NodeOnlyImportError(offenses);
  }
  // Written only once the check passed, so a refused build leaves no bundle behind to deploy by mistake.
  mkdirSync(dirname(outfile), { recursive: true });
  for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
  return {
    outfile,
    bytes: result.outputFiles.find((f) => f.path === outfile)?.contents.byteLength ?? 0,
    inputs: Object.keys(result.metafile.inputs).length,
  };
}
