import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorker, NodeOnlyImportError, repoRoot } from '../../scripts/worker/bundle.js';
import { seedStatements } from '../../scripts/worker/d1-sql.js';
import { NO_INTERACTIVE_TRANSACTIONS } from '../../src/db/d1/d1-dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadAllCourses } from '../../src/exam/content/load.js';
import { applyStatements, startWorker } from './harness.js';

describe('the worker build refuses Node-only imports', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pathwise-guard-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function buildEntry(source: string) {
    const entry = join(dir, `entry-${crypto.randomUUID()}.ts`);
    writeFileSync(entry, source);
    return buildWorker({ entry, outfile: join(dir, 'out', 'worker.js'), minify: false });
  }

  it('names a Node-only package reached through our code, with the import chain', async () => {
    const error = await buildEntry(
      `import { createNodeLogger } from '${join(repoRoot, 'src/platform/node-logger.ts')}';\nexport default { createNodeLogger };\n`,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOnlyImportError);
    const offenses = (error as NodeOnlyImportError).offenses;
    expect(offenses.map((o) => o.path)).toEqual(expect.arrayContaining(['pino', 'node:module']));
    expect(offenses.find((o) => o.path === 'pino')!.chain.at(-1)).toBe('src/platform/node-logger.ts');
  });

  it('refuses Node built-ins and the Node database drivers', async () => {
    for (const [source, path] of [
      [`import { readFileSync } from 'node:fs'; export default readFileSync;`, 'node:fs'],
      [`import { join } from 'path'; export default join;`, 'path'],
      [`import Database from 'better-sqlite3'; export default Database;`, 'better-sqlite3'],
      [`import pg from 'pg'; export default pg;`, 'pg'],
    ] as const) {
      const error = await buildEntry(source).catch((e: unknown) => e);
      expect((error as NodeOnlyImportError).offenses?.map((o) => o.path)).toContain(path);
    }
  });
});

// Each test starts its own worker and migrates or seeds a whole database: slow on a busy machine.
describe('D1 through our dialect', { timeout: 60_000 }, () => {
  it('runs our migrator on D1 (the generated files and the migrator agree), then refuses interactive transactions', async () => {
    const fresh = await startWorker({ migrate: false });
    try {
      expect((await fresh.call('GET', '/ready')).status).toBe(503);
      expect((await migrateToLatest(fresh.db)).length).toBeGreaterThan(0);
      expect((await fresh.call('GET', '/ready')).json).toMatchObject({ status: 'ready' });
    } finally {
      await fresh.close();
    }
    const w = await startWorker(); // migrated by wrangler's migration files
    try {
      expect(await migrateToLatest(w.db)).toEqual([]);
      await expect(w.db.transaction().execute(async () => undefined)).rejects.toThrow(NO_INTERACTIVE_TRANSACTIONS);
    } finally {
      await w.close();
    }
  });

  it('sweeps old rate-limit windows on the Cron Trigger', async () => {
    const w = await startWorker();
    try {
      const old = Date.now() - 3 * 86_400_000;
      await w.db
        .insertInto('rate_limit_buckets')
        .values([
          { key: 'rl:old', window_start: old, count: 3 },
          { key: 'rl:new', window_start: Date.now(), count: 1 },
        ])
        .execute();
      // Typed loosely without @cloudflare/workers-types: Fetcher.scheduled runs the worker's scheduled handler.
      const worker = (await w.mf.getWorker()) as unknown as { scheduled(o: { cron: string }): Promise<unknown> };
      await worker.scheduled({ cron: '17 * * * *' });
      const left = await w.db.selectFrom('rate_limit_buckets').select('key').where('key', 'like', 'rl:%').execute();
      expect(left.map((r) => r.key)).toEqual(['rl:new']);
    } finally {
      await w.close();
    }
  });

  it('seeds the real course bank from the generated seed SQL, idempotently', async () => {
    const w = await startWorker();
    try {
      const courses = loadAllCourses(join(repoRoot, 'content'));
      const statements = await seedStatements(courses, new Date());
      await applyStatements(w.d1, statements);
      await applyStatements(w.d1, statements); // a re-seed updates in place
      const listed = (await w.call('GET', '/api/courses')).json.courses;
      expect(listed.map((c: { id: string; questionCount: number }) => [c.id, c.questionCount])).toEqual(
        courses.map((c) => [c.course.id, c.questions.length]),
      );
      const options = await w.db
        .selectFrom('question_options')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const authored = courses.flatMap((c) => c.questions).reduce((n, q) => n + (q.options?.length ?? 0), 0);
      expect(options.n).toBe(authored);
    } finally {
      await w.close();
    }
  });
});
