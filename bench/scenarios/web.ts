import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../../web/e2e/support/browser.js';
import { BUDGET_PAGES, BUDGETS, type FirstLoad, measureFirstLoad } from '../../web/e2e/support/budgets.js';
import { freshDatabase } from '../lib/db.js';
import { type Sample, warmAndMeasure } from '../lib/load.js';
import { repoRoot, type ServerProcess, startServer } from '../lib/proc.js';
import { startApp } from '../lib/servers.js';
import { median, round } from '../lib/stats.js';
import type { BenchSettings, Contender, ScenarioResult } from '../lib/types.js';

// A browser opens a handful of connections per origin; 10 clients fetching the entry chunk at once.
const ASSET_CONNECTIONS = 10;
const kb = (bytes: number) => round(bytes / 1024, 1);

/** What the last e2e run measured (web/e2e/budgets.test.ts writes it), to report beside this run's figures. */
function lastE2eRun(): { date: string; measured: Record<string, FirstLoad> } | undefined {
  const file = join(repoRoot, 'test-results', 'web', 'budgets.json');
  if (!existsSync(file)) return undefined;
  const { measured } = JSON.parse(readFileSync(file, 'utf8')) as { measured: Record<string, FirstLoad> };
  return { date: statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' '), measured };
}

/** The entry chunk index.html loads: the hashed asset every first visit fetches. */
function entryAsset(webRoot: string): string {
  const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  const src = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error(`no entry script in ${webRoot}/index.html: run npm run build`);
  return src;
}

/**
 * Scenario 7, the web app as `npm start` serves it (dist/web/):
 * - first load of the home and course pages in Chromium (fresh context each round): the JavaScript fetched before
 *   the network is idle, gzip-sized, and Largest Contentful Paint (median over the rounds), against the issue's
 *   budgets (150 KB, 1.0 s on localhost), with the same measurement web/e2e/budgets.test.ts makes;
 * - the entry chunk served by the app against a bare node:http server holding the same file, gzip accepted as a
 *   browser does, rounds alternating: ratio >= 0.85.
 */
export async function runWeb(settings: BenchSettings): Promise<ScenarioResult[]> {
  const place = { core: settings.serverCore, logDir: settings.logDir };
  const webRoot = join(repoRoot, 'dist', 'web');
  const asset = entryAsset(webRoot);
  const databaseUrl = await freshDatabase(settings.place, 'sqlite', 'web');
  const servers: ServerProcess[] = [];
  try {
    const app = await startApp(place, 'pathwise (web)', databaseUrl, { SEED_DEMO_CONTENT: 'true' });
    servers.push(app);

    settings.log(`[web] first load of ${BUDGET_PAGES.map((p) => p.path).join(' and ')} in Chromium`);
    const loads = new Map<string, FirstLoad[]>(BUDGET_PAGES.map((page) => [page.name, []]));
    const browser = await launchBrowser();
    try {
      for (let r = 0; r < settings.rounds; r++) {
        for (const page of BUDGET_PAGES) {
          loads.get(page.name)?.push(await measureFirstLoad(browser, app.url, page.path, page.ready));
        }
      }
    } finally {
      await browser.close();
    }
    const e2e = lastE2eRun();
    const firstLoad: ScenarioResult[] = BUDGET_PAGES.map((page) => {
      const fromE2e = e2e?.measured[page.name];
      const samples = loads.get(page.name) ?? [];
      const jsGzipBytes = Math.max(...samples.map((s) => s.jsGzipBytes));
      const lcpMs = round(median(samples.map((s) => s.lcpMs)), 1);
      const contender: Contender = {
        name: `Chromium, fresh context, ${samples.length} loads`,
        jsGzipKB: kb(jsGzipBytes),
        jsFiles: samples[0]?.scripts.length ?? 0,
        lcpMs,
        lcpMaxMs: Math.max(...samples.map((s) => s.lcpMs)),
        lcpElement: samples.at(-1)?.lcpElement ?? '',
      };
      return {
        name: `web: first load of ${page.path} (${page.name})`,
        scenario: 'web',
        contenders: [contender],
        target: `JavaScript <= ${kb(BUDGETS.firstLoadJsGzipBytes)} KB gzip and Largest Contentful Paint <= ${BUDGETS.largestContentfulPaintMs} ms (median)`,
        met: jsGzipBytes <= BUDGETS.firstLoadJsGzipBytes && lcpMs <= BUDGETS.largestContentfulPaintMs,
        notes: [
          'the server on its core, Chromium on the load core; LCP is the last candidate once the network is idle',
          ...(fromE2e
            ? [
                `last e2e run (${e2e?.date} UTC, Chromium unpinned): ${kb(fromE2e.jsGzipBytes)} KB gzip, ` +
                  `LCP ${fromE2e.lcpMs} ms (${fromE2e.lcpElement})`,
              ]
            : []),
        ],
      };
    });

    settings.log(`[web] GET ${asset} (gzip), ${ASSET_CONNECTIONS} connections: app against node:http`);
    const baseline = await startServer({
      name: 'node:http static',
      args: ['--import', 'tsx', 'bench/baseline/static-server.ts'],
      env: { ASSET_FILE: join(webRoot, asset), ASSET_PATH: asset, NODE_ENV: 'production' },
      core: settings.serverCore,
      logDir: settings.logDir,
    });
    servers.push(baseline);
    const spec = {
      path: asset,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
      connections: ASSET_CONNECTIONS,
      durationS: settings.durationS,
      expectStatus: 200,
    };
    const rounds: { base: Sample; app: Sample }[] = [];
    for (let r = 0; r < settings.rounds; r++) {
      // A B, B A, ...: neither contender always runs second on a machine whose load drifts.
      if (r % 2 === 0) {
        const base = await warmAndMeasure(baseline.url, spec, settings.warmupS);
        rounds.push({ base, app: await warmAndMeasure(app.url, spec, settings.warmupS) });
      } else {
        const served = await warmAndMeasure(app.url, spec, settings.warmupS);
        rounds.push({ base: await warmAndMeasure(baseline.url, spec, settings.warmupS), app: served });
      }
    }
    const summary = (pick: (round: { base: Sample; app: Sample }) => Sample) => ({
      rps: round(median(rounds.map((x) => pick(x).rps))),
      p50Ms: round(median(rounds.map((x) => pick(x).p50Ms))),
      p99Ms: round(median(rounds.map((x) => pick(x).p99Ms))),
      failures: rounds.reduce((sum, x) => sum + pick(x).failures, 0),
    });
    const ratio = round(median(rounds.map((x) => x.app.rps / x.base.rps)));
    const staticAsset: ScenarioResult = {
      name: `web: GET a hashed asset (${asset}, gzip) [${ASSET_CONNECTIONS} connections]`,
      scenario: 'web',
      contenders: [
        { name: 'node:http, the file in memory', ...summary((x) => x.base), baseline: true },
        {
          name: 'pathwise',
          ...summary((x) => x.app),
          ratio,
          p99Ratio: round(median(rounds.map((x) => x.app.p99Ms / x.base.p99Ms))),
        },
      ],
      target: `>= ${BUDGETS.staticAssetRatio} of node:http's requests/s`,
      met: ratio >= BUDGETS.staticAssetRatio,
      notes: ['both hold the file and its gzip in memory; ratio = median over rounds of app rps / baseline rps'],
    };
    return [...firstLoad, staticAsset];
  } finally {
    for (const server of servers) await server.stop();
  }
}
