/**
 * Builds everything a Cloudflare Workers deployment needs, into dist/cloudflare/:
 *   worker/worker.js    the bundle (+ .map) of src/worker.ts; fails if a Node-only import reaches it (scripts/worker/bundle.ts)
 *   migrations/*.sql    our migrations as wrangler d1 migration files (wrangler.toml `migrations_dir`)
 *   seed.sql            the demo courses from content/, for `wrangler d1 execute --file`
 * Usage: npm run build:worker   (wrangler dev/deploy run it through wrangler.toml's [build] command)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAllCourses } from '../src/exam/content/load.js';
import { buildWorker, NodeOnlyImportError, repoRoot } from './worker/bundle.js';
import { migrationFiles, seedFile, seedStatements } from './worker/d1-sql.js';

const out = join(repoRoot, 'dist', 'cloudflare');

async function main(): Promise<void> {
  const started = performance.now();
  // Alone in its folder: with no_bundle, wrangler uploads every module-like file beside `main`.
  const bundle = await buildWorker({ outfile: join(out, 'worker', 'worker.js') });

  const migrationsDir = join(out, 'migrations');
  rmSync(migrationsDir, { recursive: true, force: true });
  mkdirSync(migrationsDir, { recursive: true });
  const files = await migrationFiles();
  for (const file of files) writeFileSync(join(migrationsDir, file.name), file.sql);

  const courses = loadAllCourses(join(repoRoot, 'content'));
  const seed = seedFile(courses, await seedStatements(courses, new Date()));
  writeFileSync(join(out, seed.name), seed.sql);

  console.log(
    `dist/cloudflare: worker/worker.js ${(bundle.bytes / 1024).toFixed(0)} KiB from ${bundle.inputs} modules, ` +
      `${files.length} migration files, seed.sql (${courses.map((c) => c.course.id).join(', ')}) ` +
      `in ${Math.round(performance.now() - started)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof NodeOnlyImportError ? error.message : error);
  process.exit(1);
});
