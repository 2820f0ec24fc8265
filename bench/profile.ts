/**
 * `tsx bench/profile.ts [sqlite|postgres] [path|practice] [--seconds=8] [--checkout=<dir>] [--baseline=node|hono]`:
 * starts the built server (this checkout's dist/, another built checkout's, or a bare baseline server) with --cpu-prof,
 * drives one GET route (or `practice`: the write path, POST /api/questions/practice round-robin over 2,000 users) with
 * 50 connections, and prints where the server's CPU time went (self time by function, and by package). The
 * .cpuprofile stays in the printed directory for Chrome DevTools or speedscope.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../src/platform/auth/password.js';
import { BENCH_PASSWORD, freshDatabase, insertUsers, migrateAndSeed, withHandle } from './lib/db.js';
import { type LoadSpec, runLoad } from './lib/load.js';
import { cpuCores, pinSelf } from './lib/proc.js';
import { startApp, startBaseline } from './lib/servers.js';
import { round } from './lib/stats.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

/**
 * Self time per function and per package (node_modules/<name>, node internals, our src/), as a share of the
 * profile and, given the requests served while profiling, in microseconds per request (comparable across servers).
 */
export function summarize(
  file: string,
  top = Number(process.env.PROFILE_TOP ?? 25),
  window?: { requests: number; lastSeconds: number },
): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
    endTime: number;
  };
  // Only the samples of the measured load (the profile's last seconds), so start-up does not count per request.
  const hits = new Map<number, number>();
  let at = profile.endTime - profile.timeDeltas.reduce((sum, d) => sum + d, 0);
  const from = window ? profile.endTime - window.lastSeconds * 1e6 : -Infinity;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from) return;
    hits.set(id, (hits.get(id) ?? 0) + 1);
    total++;
  });
  const usPerSample = window ? (window.lastSeconds * 1e6) / total : 0;
  const requests = window?.requests;
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const node of profile.nodes) {
    const hitCount = hits.get(node.id) ?? 0;
    if (hitCount === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/');
    const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + hitCount);
    const pkg =
      /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.includes('/dist/')
        ? 'pathwise (dist)'
        : url.startsWith('node:')
          ? 'node internals'
          : url
            ? url
            : functionName);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + hitCount);
  }
  const pct = (n: number) =>
    `${round((100 * n) / total)}%`.padStart(7) +
    (requests ? `${round((n * usPerSample) / requests, 2)} us/req`.padStart(15) : '');
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${pct(v)}  ${k}`);
  return ['by package:', ...rows(byPkg, 15), '', 'by function (self time):', ...rows(byFn, top)].join('\n');
}

async function main() {
  const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
  const path = process.argv[3] ?? '/api/courses/calc2/topics';
  const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 8);
  const checkout = process.argv.find((a) => a.startsWith('--checkout='))?.slice('--checkout='.length);
  const baseline = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
  const [serverCore = 0, loadCore = 1] = cpuCores();
  pinSelf(loadCore);
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-profile-'));
  const place = { dir, pgAdminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' };
  const url = await freshDatabase(place, dialect, `profile_${dialect}`);
  const hash = await hashPassword(BENCH_PASSWORD, 100_000);
  const write = path === 'practice';
  const users = await withHandle(url, async (h) => {
    await migrateAndSeed(h);
    return insertUsers(h, { count: write ? 2000 : 1, prefix: 'profile', passwordHash: hash, credits: 1000 });
  });
  // PROFILE_NODE_FLAGS: more flags for the server (`--trace-gc`: its GC events go to the log in the printed directory).
  const flags = ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...(process.env.PROFILE_NODE_FLAGS?.split(' ') ?? [])];
  const serverPlace = { core: serverCore, logDir: dir };
  const app =
    baseline === 'node' || baseline === 'hono'
      ? await startBaseline(serverPlace, 'profile', url, baseline, flags)
      : await startApp(serverPlace, 'profile', url, {}, flags, checkout);
  let next = 0;
  const load: LoadSpec = write
    ? {
        path: '/api/questions/practice',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ courseId: 'calc2', count: 1 }),
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, authorization: `Bearer ${users[next++ % users.length]!.token}` },
        }),
        connections: 50,
        durationS: seconds,
      }
    : { path, headers: { authorization: `Bearer ${users[0]!.token}` }, connections: 50, durationS: seconds };
  await runLoad(app.url, { ...load, durationS: 2 });
  const s = await runLoad(app.url, load);
  await app.stop();
  console.log(
    `${path} [${dialect}]: ${round(s.rps)} req/s, p50 ${round(s.p50Ms)} ms, p99 ${round(s.p99Ms)} ms (profiling on)`,
  );
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  console.log(`${join(dir, file)}\n`);
  // The server stops right after the load; its last `seconds` (less a margin for the shutdown) are the load's.
  const lastSeconds = seconds - 0.5;
  console.log(summarize(join(dir, file), undefined, { requests: s.rps * lastSeconds, lastSeconds }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
