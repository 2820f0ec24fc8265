import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { inject } from 'vitest';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { repoRoot } from '../../../scripts/worker/bundle.js';
import { migrationFiles, type SqlFile } from '../../../scripts/worker/d1-sql.js';
import { connectD1 } from '../../../src/db/d1/connect-d1.js';
import type { D1Database } from '../../../src/db/d1/d1-dialect.js';

/**
 * A worker bundle running in miniflare (the workerd that `wrangler dev` uses) with wrangler.toml's settings, a fresh
 * in-memory D1 with the migrations applied from the same SQL files `wrangler d1 migrations apply` reads, reached over
 * a real socket. `handle` reaches the same D1 from the test process through our D1 dialect.
 */

/** Per-IP and per-user limits out of the way (every test request comes from one address). */
export const TEST_BINDINGS: Record<string, string> = {
  LOG_LEVEL: 'warn',
  AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_EXPENSIVE_PER_MINUTE: '100000',
};

let migrations: Promise<SqlFile[]> | undefined;

export async function applyStatements(d1: D1Database, statements: string[]): Promise<void> {
  if (statements.length > 0) await d1.batch(statements.map((s) => d1.prepare(s)));
}

export interface StartWorkerOptions {
  /** `production`: src/worker.ts as deployed (default); `test`: the D1 test target's entry (d1/worker-entry.ts). */
  bundle?: 'production' | 'test';
  /** Bindings over wrangler.toml's [vars] and TEST_BINDINGS. */
  bindings?: Record<string, string>;
  /** Apply the migrations (default true). */
  migrate?: boolean;
  /** Serve this directory as static assets with wrangler.toml's [assets] rules (default: no assets). */
  assets?: string;
}

/**
 * miniflare's synchronous proxy (every `d1.prepare` from this process) now and then finds no reply after its
 * `Atomics.wait` on a loaded machine and fails an internal assertion (`message?.id === id` in SynchronousFetcher),
 * most often while the migrations' hundreds of statements are prepared. That is the harness, not the code under test:
 * a worker whose start meets it is started again, at most three times.
 */
export async function startWorker(options: StartWorkerOptions = {}): Promise<RunningWorker> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorkerOnce(options);
    } catch (error) {
      const proxyRace =
        error instanceof Error && error.name === 'AssertionError' && /SynchronousFetcher/.test(error.stack ?? '');
      if (!proxyRace || attempt === 3) throw error;
    }
  }
}

async function startWorkerOnce(options: StartWorkerOptions) {
  // wrangler insists [assets]' directory (dist/web) exists, which a test run need not have built: without assets
  // any existing directory does, since the assets are then not passed to miniflare.
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(repoRoot, 'wrangler.toml'), undefined, {
    overrides: { assets: { directory: options.assets ?? import.meta.dirname } },
  });
  const bundle = inject(options.bundle === 'test' ? 'd1TestBundle' : 'workerBundle');
  const mf = new Miniflare({
    compatibilityDate: workerOptions.compatibilityDate,
    compatibilityFlags: workerOptions.compatibilityFlags,
    // The bundle is one module: listing it saves miniflare from parsing 2.5 MB to discover imports (seconds).
    modules: [{ type: 'ESModule', path: bundle, contents: readFileSync(bundle, 'utf8') }],
    modulesRoot: dirname(bundle),
    bindings: { ...(workerOptions.bindings as Record<string, string>), ...TEST_BINDINGS, ...options.bindings },
    // Only the binding name comes from wrangler.toml; the database is a new in-memory one for each worker.
    d1Databases: Object.fromEntries(Object.keys(workerOptions.d1Databases ?? {}).map((b) => [b, crypto.randomUUID()])),
    ...(options.assets && workerOptions.assets ? { assets: workerOptions.assets } : {}),
    // What workerd reports of its own (an uncaught error, a crash) reaches the test output.
    log: new Log(LogLevel.WARN),
    host: '127.0.0.1',
    port: 0,
  });
  try {
    const url = (await mf.ready).toString().replace(/\/$/, '');
    const d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
    if (options.migrate ?? true) {
      migrations ??= migrationFiles();
      // One batch for every file: each batch is a round trip to workerd.
      await applyStatements(
        d1,
        (await migrations).flatMap((file) => file.statements),
      );
    }
    return { url, mf, d1, handle: connectD1(d1), close: () => mf.dispose() };
  } catch (error) {
    await mf.dispose();
    throw error;
  }
}

export type RunningWorker = Awaited<ReturnType<typeof startWorkerOnce>>;
