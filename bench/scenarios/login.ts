import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Request } from 'autocannon';
import { BENCH_PASSWORD, type BenchDatabase, dropDatabase } from '../lib/db.js';
import { type LoadSpec, runLoad, type Sample } from '../lib/load.js';
import { repoRoot, type ServerProcess } from '../lib/proc.js';
import { median, round } from '../lib/stats.js';
import type { BenchSettings, Contender, ScenarioResult } from '../lib/types.js';

const run = promisify(execFile);
const LOGIN_CONNECTIONS = 4;

/**
 * Scenario 3 on the read/write scenario's SQLite server (users with 600k-iteration PBKDF2 hashes): logins per second
 * against raw hashes per second on the same core, then read latency at a fixed request rate with and without a
 * stream of logins alongside.
 */
export async function runLogin(
  settings: BenchSettings,
  app: { server: ServerProcess; database: BenchDatabase; readerToken: string },
): Promise<ScenarioResult[]> {
  const { log } = settings;
  const seconds = Math.max(settings.durationS, settings.quick ? 2 : 10);
  // PBKDF2 at 600k iterations takes a while per login: a quick run measures each pattern once.
  const rounds = settings.quick ? 1 : settings.rounds;
  const users = app.database.users;
  const loginLoad = (connections: number, durationS: number): LoadSpec => {
    let next = 0;
    return {
      path: '/api/auth/login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request: Request) => ({
        ...request,
        body: JSON.stringify({ email: users[next++ % users.length]!.email, password: BENCH_PASSWORD }),
      }),
      connections,
      durationS,
    };
  };
  try {
    log(`[login] POST /api/auth/login at 600k PBKDF2 iterations, ${LOGIN_CONNECTIONS} connections`);
    const logins: Sample[] = [];
    const hashes: Array<{ rps: number; p50Ms: number; p99Ms: number }> = [];
    for (let r = 0; r < rounds; r++) {
      const pair = [
        async () => {
          await runLoad(app.server.url, loginLoad(LOGIN_CONNECTIONS, 1));
          logins.push(await runLoad(app.server.url, loginLoad(LOGIN_CONNECTIONS, seconds)));
          log(
            `  round ${r + 1} pathwise: ${round(logins.at(-1)!.rps)} logins/s, p50 ${round(logins.at(-1)!.p50Ms)} ms`,
          );
        },
        async () => {
          hashes.push(await rawHashes(settings, seconds));
          log(`  round ${r + 1} raw PBKDF2: ${round(hashes.at(-1)!.rps)} hashes/s`);
        },
      ];
      for (const step of r % 2 === 0 ? pair.reverse() : pair) await step();
    }
    const loginContenders: Contender[] = [
      {
        name: `raw PBKDF2-SHA256 (Web Crypto, ${LOGIN_CONNECTIONS} at a time, server core)`,
        baseline: true,
        rps: round(median(hashes.map((h) => h.rps))),
        p50Ms: round(median(hashes.map((h) => h.p50Ms))),
        p99Ms: round(median(hashes.map((h) => h.p99Ms))),
      },
      {
        name: 'pathwise logins',
        rps: round(median(logins.map((s) => s.rps))),
        p50Ms: round(median(logins.map((s) => s.p50Ms))),
        p99Ms: round(median(logins.map((s) => s.p99Ms))),
        ratio: round(median(logins.map((s, i) => s.rps / hashes[i]!.rps))),
      },
    ];

    // Read latency at a fixed rate (a quarter of what one core serves), alone and with logins streaming alongside.
    const rate = 400;
    const read: LoadSpec = {
      path: '/api/courses/calc2/topics',
      headers: { authorization: `Bearer ${app.readerToken}` },
      connections: 10,
      overallRate: rate,
      durationS: seconds,
    };
    log(`[login] read p99 at ${rate} req/s, alone and with ${LOGIN_CONNECTIONS} connections logging in`);
    const alone: Sample[] = [];
    const during: Sample[] = [];
    for (let r = 0; r < rounds; r++) {
      const steps = [
        async () => {
          await runLoad(app.server.url, { ...read, durationS: 1 });
          alone.push(await runLoad(app.server.url, read));
          log(
            `  round ${r + 1} reads alone: p50 ${round(alone.at(-1)!.p50Ms)} ms, p99 ${round(alone.at(-1)!.p99Ms)} ms`,
          );
        },
        async () => {
          const [sample] = await Promise.all([
            runLoad(app.server.url, read),
            runLoad(app.server.url, loginLoad(LOGIN_CONNECTIONS, seconds)),
          ]);
          during.push(sample);
          log(`  round ${r + 1} reads during logins: p50 ${round(sample.p50Ms)} ms, p99 ${round(sample.p99Ms)} ms`);
        },
      ];
      for (const step of r % 2 === 0 ? steps : steps.reverse()) await step();
    }
    const p99Ratio = round(median(during.map((s, i) => s.p99Ms / alone[i]!.p99Ms)));
    return [
      {
        name: 'login: POST /api/auth/login (PBKDF2-SHA256, 600k iterations) [sqlite]',
        scenario: 'login',
        dialect: 'sqlite',
        contenders: loginContenders,
        notes: [
          `${LOGIN_CONNECTIONS} connections; the server (hashing threads included) is pinned to one core, as is the raw-hash baseline`,
        ],
      },
      {
        name: `login: read p99 at ${rate} req/s during logins [sqlite]`,
        scenario: 'login',
        dialect: 'sqlite',
        contenders: [
          {
            name: 'reads alone',
            baseline: true,
            rps: round(median(alone.map((s) => s.rps))),
            p50Ms: round(median(alone.map((s) => s.p50Ms))),
            p99Ms: round(median(alone.map((s) => s.p99Ms))),
          },
          {
            name: `reads with ${LOGIN_CONNECTIONS} connections logging in`,
            rps: round(median(during.map((s) => s.rps))),
            p50Ms: round(median(during.map((s) => s.p50Ms))),
            p99Ms: round(median(during.map((s) => s.p99Ms))),
            p99Ratio,
          },
        ],
        target: 'read p99 during logins within 2x of read p99 without them',
        met: p99Ratio <= 2,
        notes: [
          'GET /api/courses/calc2/topics at a fixed rate over 10 connections; latencies without coordinated-omission correction',
        ],
      },
    ];
  } finally {
    await app.server.stop();
    await dropDatabase(settings.place, app.database);
  }
}

async function rawHashes(
  settings: BenchSettings,
  seconds: number,
): Promise<{ rps: number; p50Ms: number; p99Ms: number }> {
  const { stdout } = await run(
    'taskset',
    ['-c', String(settings.serverCore), process.execPath, '--import', 'tsx', 'bench/baseline/pbkdf2.ts'],
    {
      cwd: repoRoot,
      env: { ...process.env, ITERATIONS: '600000', CONCURRENCY: String(LOGIN_CONNECTIONS), SECONDS: String(seconds) },
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { rps: number; p50Ms: number; p99Ms: number };
}
