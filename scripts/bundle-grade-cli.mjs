// One file for `pathwise grade`: the grader and the parts of its math libraries it uses, bundled by esbuild. Loading
// mathjs's thousand modules (or having tsx transpile the CLI) costs seconds per call; the bundle loads in about 0.3 s
// of CPU. `npm run build` writes dist/cli/grade.mjs; in a checkout bin/pathwise.js keeps a copy in
// node_modules/.cache/pathwise/ and rebuilds it when a file it was built from changes.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const gradeCliSource = join(root, 'src/exam/grading/cli.ts');

/** Bundles the grade CLI into `outfile`; its inputs (relative to the repository) go to `outfile.inputs.json`. */
export async function bundleGradeCli(outfile) {
  const { build } = await import('esbuild');
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [gradeCliSource],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
    // Some dependencies are CommonJS that require() Node's modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  writeFileSync(`${outfile}.inputs.json`, JSON.stringify(Object.keys(result.metafile.inputs)));
}

/** True when `outfile` is missing or older than a file it was built from. */
export function isStale(outfile) {
  try {
    const builtAt = statSync(outfile).mtimeMs;
    const inputs = JSON.parse(readFileSync(`${outfile}.inputs.json`, 'utf8'));
    return inputs.some((input) => statSync(join(root, input)).mtimeMs > builtAt);
  } catch {
    return true;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleGradeCli(resolve(process.argv[2] ?? join(root, 'dist/cli/grade.mjs')));
}
