/**
 * `npm run bench [-- --quick] [-- --only=read,write,login,middleware,scale,chat,cpu,web] [-- --no-pg | --pg-only]
 *  [-- --pg=postgres://...] [-- --compare-dist=<another built checkout> --compare-label=<name>] [-- --no-docs]`
 *
 * Starts the real server (dist/, production settings, logs at warn) and the baselines pinned to one core, drives them
 * from this process pinned to the other core, and writes bench/results/<date>.json (a --quick or partial run writes a
 * .json.tmp file instead) and, for a full run, the summary table in docs/PERFORMANCE.md. See docs/PERFORMANCE.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { DialectName } from '../src/db/connection.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { BENCH_PASSWORD, pgAvailable } from './lib/db.js';
import { cpuCores, pinSelf, repoRoot } from './lib/proc.js';
import { renderTable, updatePerformanceDoc } from './lib/report.js';
import type { BenchSettings, ScenarioResult } from './lib/types.js';
import { readWebBudgets, renderWebBudgets } from './lib/web-budgets.js';
import { runChat } from './scenarios/chat.js';
import { runCpu } from './scenarios/cpu.js';
import { runLogin } from './scenarios/login.js';
import { runMiddlewareCost } from './scenarios/middleware.js';
import { runReadWrite } from './scenarios/read-write.js';
import { runScale } from './scenarios/scale.js';
import { runWeb } from './scenarios/web.js';

const SCENARIOS = ['read', 'write', 'login', 'middleware', 'scale', 'chat', 'cpu', 'web'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') as ScenarioName[] | undefined;
  for (const name of only ?? []) {
    if (!SCENARIOS.includes(name)) throw new Error(`--only: unknown scenario "${name}" (${SCENARIOS.join(', ')})`);
  }
  return {
    quick,
    only: new Set<ScenarioName>(only ?? SCENARIOS),
    noPg: argv.includes('--no-pg'),
    pgOnly: argv.includes('--pg-only'),
    keepDocs: argv.includes('--no-docs'),
    pgUrl: argv.find((a) => a.startsWith('--pg='))?.slice('--pg='.length),
    compareDist: argv.find((a) => a.startsWith('--compare-dist='))?.slice('--compare-dist='.length),
    compareLabel: argv.find((a) => a.startsWith('--compare-label='))?.slice('--compare-label='.length),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const cores = cpuCores();
  if (cores.length < 2)
    throw new Error(`the bench needs two cores (server and load generator); this machine has ${cores.length}`);
  const serverCore = cores[0]!;
  const loadCore = cores[1]!;
  pinSelf(loadCore);

  const pgAdminUrl = args.noPg
    ? undefined
    : (args.pgUrl ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const withPg = pgAdminUrl !== undefined && (await pgAvailable(pgAdminUrl));
  if (pgAdminUrl && !withPg) console.log(`PostgreSQL not reachable at ${pgAdminUrl}: SQLite only`);
  const dialects: DialectName[] = withPg ? ['sqlite', 'postgres'] : ['sqlite'];

  const workDir = mkdtempSync(join(tmpdir(), 'pathwise-bench-'));
  const logDir = join(workDir, 'logs');
  mkdirSync(logDir);
  const settings: BenchSettings = {
    quick: args.quick,
    rounds: args.quick ? 2 : 5,
    warmupS: args.quick ? 0.5 : 2,
    durationS: args.quick ? 1.5 : 5,
    serverCore,
    loadCore,
    dialects,
    place: { dir: workDir, pgAdminUrl: withPg ? pgAdminUrl : undefined },
    logDir,
    passwordHash: await hashPassword(BENCH_PASSWORD, 600_000),
    ...(args.compareDist
      ? {
          compareDist: { dir: resolve(args.compareDist), label: args.compareLabel ?? `pathwise (${args.compareDist})` },
        }
      : {}),
    log: (message) => console.log(`${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s ${message}`),
  };
  settings.log(
    `${args.quick ? 'quick' : 'full'} run: server on core ${serverCore}, load on core ${loadCore}, ${dialects.join(' + ')}; work dir ${workDir}`,
  );

  const results: ScenarioResult[] = [];
  let failed: unknown;
  try {
    for (const dialect of args.pgOnly ? (['postgres'] as DialectName[]) : dialects) {
      if (!args.only.has('read') && !args.only.has('write') && !args.only.has('login')) break;
      const wantLogin = args.only.has('login') && dialect === 'sqlite';
      const output = await runReadWrite(settings, dialect, {
        read: args.only.has('read'),
        write: args.only.has('write'),
        keepApp: wantLogin,
      });
      results.push(...output.results.filter((r) => args.only.has(r.scenario)));
      if (output.app) results.push(...(await runLogin(settings, output.app)));
    }
    if (args.only.has('middleware') && (!args.quick || args.only.size === 1))
      results.push(...(await runMiddlewareCost(settings)));
    if (args.only.has('scale')) results.push(...(await runScale(settings)));
    if (args.only.has('chat')) results.push(...(await runChat(settings)));
    if (args.only.has('cpu')) results.push(...(await runCpu(settings)));
    if (args.only.has('web')) results.push(...(await runWeb(settings)));
  } catch (error) {
    failed = error;
    console.error(error);
    console.error(`server logs kept in ${logDir}`);
  }

  const durationS = Math.round((Date.now() - started) / 1000);
  const report = {
    date: new Date().toISOString(),
    kind: args.quick ? 'quick' : 'full',
    durationSeconds: durationS,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      serverCore,
      loadCore,
    },
    settings: { rounds: settings.rounds, warmupS: settings.warmupS, durationS: settings.durationS, dialects },
    scenarios: results,
    web: readWebBudgets() ?? null,
  };
  const resultsDir = join(repoRoot, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = report.date.slice(0, 19).replace(/:/g, '-');
  const partial = args.quick || args.only.size < SCENARIOS.length || failed !== undefined;
  const file = join(resultsDir, partial ? `${stamp}-${report.kind}.json.tmp` : `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${renderTable(results)}\n`);
  console.log(`${renderWebBudgets(report.web ?? undefined)}\n`);
  console.log(`results: ${file} (${durationS} s)`);
  if (!partial && !args.keepDocs) {
    updatePerformanceDoc(join(repoRoot, 'docs', 'PERFORMANCE.md'), report, file);
    console.log('docs/PERFORMANCE.md: summary table updated');
  }
  if (failed === undefined) rmSync(workDir, { recursive: true, force: true });
  else process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
