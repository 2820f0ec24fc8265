/**
 * `tsx bench/inprocess.ts [path] [--requests=20000] [--rounds=5] [--postgres] [--no-layers] [--only=bare,routes,the]`:
 * the CPU one request costs in the app's own code, without sockets or a load generator: @hono/node-server's request
 * listener (the one `npm start` uses) is called with in-memory requests (an IncomingMessage and the app's
 * ServerResponse, with no socket), and the process's CPU time is divided by the requests. On SQLite one request at a
 * time; with `--postgres` (BENCH_PG_URL, default the local server) ten at a time, so the pool's connections are all in
 * use as under load. The database server's own CPU is not counted. Contenders, in alternating order over rounds
 * (medians printed):
 * bare Hono answering with the bare baseline's handlers and statements (bench/baseline), the app's middleware stack
 * one layer at a time around the real routes (bench/lib/stack.ts), and the real app as main.ts builds it.
 *
 * What it leaves out (HTTP parsing, the socket writes, the kernel) costs the same for every contender, so the
 * differences here are the app's. Neither the network nor a second process is in the way, but on a shared machine a
 * row still moves by 5-10% between rounds: compare with several rounds, and keep the load test (npm run bench) for
 * the figures of record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createAiProvider } from '../src/ai/create-provider.js';
import { createApp } from '../src/app.js';
import { loadTemplates } from '../src/coach/templates/load-templates.js';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/connection.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { systemClock } from '../src/platform/clock.js';
import { serviceDeps } from '../src/platform/deps.js';
import { PresetHeadersResponse, presetOnServerResponse } from '../src/platform/http/node-preset-header.js';
import { silentLogger } from '../src/platform/logger.js';
import { createPrometheusMetrics } from '../src/platform/observability/prometheus.js';
import { browse, type Reply, topics } from './baseline/handlers.js';
import { openStore } from './baseline/store.js';
import { BENCH_PASSWORD, dropDatabase, freshDatabase, insertUsers, migrateAndSeed } from './lib/db.js';
import { appEnv } from './lib/servers.js';
import { appLayers, buildStack } from './lib/stack.js';
import { median, round } from './lib/stats.js';

type FetchApp = { fetch: (request: Request, env?: unknown) => Response | Promise<Response> };

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);

async function main() {
  const path = process.argv.slice(2).find((a) => a.startsWith('/')) ?? '/api/courses/calc2/topics';
  const requests = arg('requests', 20_000);
  const rounds = arg('rounds', 5);

  const postgres = process.argv.includes('--postgres');
  const inFlight = postgres ? 10 : 1;
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-inprocess-'));
  const place = { dir, pgAdminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' };
  const url = await freshDatabase(place, postgres ? 'postgres' : 'sqlite', 'inprocess');
  const config = loadConfig(appEnv(url));
  const database = connectDatabase(url);
  await migrateAndSeed(database);
  const passwordHash = await hashPassword(BENCH_PASSWORD, 1000);
  const [user] = await insertUsers(database, { count: 1, prefix: 'inprocess', passwordHash, credits: 10 });
  const metrics = createPrometheusMetrics();
  const appOptions = {
    database,
    config,
    clock: systemClock,
    logger: silentLogger,
    random: Math.random,
    ai: createAiProvider(config.ai),
    templates: loadTemplates(),
    metrics,
  };
  const deps = serviceDeps(appOptions);

  const store = openStore(url);
  const bare = new Hono();
  const reply = (c: { json: (body: unknown, status: never) => Response }, r: Reply) =>
    c.json(r.body, r.status as never);
  bare.get('/api/courses/:id/topics', async (c) =>
    reply(c, await topics(store, c.req.param('id'), c.req.header('authorization'))),
  );
  bare.get('/api/questions', async (c) =>
    reply(c, await browse(store, new URL(c.req.url).searchParams, c.req.header('authorization'))),
  );

  const layers = appLayers(config, silentLogger, metrics);
  const contenders: Array<[string, FetchApp]> = [['bare Hono, baseline handlers', bare]];
  // --no-layers: only the routes with the caller lookup, and the whole app.
  const counts = process.argv.includes('--no-layers') ? [0] : layers.map((_, n) => n).concat(layers.length);
  for (const n of counts) {
    contenders.push([n === 0 ? 'routes + caller lookup' : `+ ${layers[n - 1]?.[0]}`, buildStack(deps, layers, n)]);
  }
  contenders.push([
    'the app (createApp, as main.ts)',
    createApp({ ...appOptions, presetHeader: presetOnServerResponse, clientIp: () => '127.0.0.1' }),
  ]);
  // --only=bare,routes,the: the contenders whose names start with these words (to profile one at a time).
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  if (only) {
    const wanted = (name: string) => only.some((w) => name.replace(/^\+ /, '').startsWith(w));
    contenders.splice(0, contenders.length, ...contenders.filter(([name]) => wanted(name)));
  }

  const rawHeaders = ['Host', 'localhost:3000', 'Authorization', `Bearer ${user?.token}`, 'Connection', 'keep-alive'];
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
  const inMemoryRequest = () => {
    const req = new IncomingMessage(new Socket());
    req.method = 'GET';
    req.url = path;
    req.httpVersion = '1.1';
    req.headers = { ...headers };
    req.rawHeaders = rawHeaders;
    req.complete = true;
    req.push(null);
    // The ServerResponse main.ts's server makes (nodeServerOptions), so preset headers take the app's real path.
    return { req, res: new PresetHeadersResponse(req) };
  };

  async function cpuPerRequest(name: string, app: FetchApp, n: number): Promise<number> {
    const listener = getRequestListener(app.fetch);
    const started = process.cpuUsage();
    const worker = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const { req, res } = inMemoryRequest();
        await listener(req, res);
        if (res.statusCode !== 200) throw new Error(`${name}: ${path} answered ${res.statusCode}`);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, () => worker(Math.ceil(n / inFlight))));
    const used = process.cpuUsage(started);
    return (used.user + used.system) / n;
  }

  const where = postgres ? 'PostgreSQL, 10 in flight' : 'SQLite';
  console.log(`${path}: ${requests} requests per contender per round, ${rounds} rounds (${where}, in process)`);
  for (const [name, app] of contenders) await cpuPerRequest(name, app, Math.min(3000, requests)); // warm-up
  const samples = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? contenders : [...contenders].reverse();
    for (const [name, app] of order) samples.get(name)?.push(await cpuPerRequest(name, app, requests));
  }
  const base = median(samples.get(contenders[0]![0]) ?? []);
  let previous = base;
  for (const [name] of contenders) {
    const us = median(samples.get(name) ?? []);
    const added = name.startsWith('+') ? `  ${us - previous >= 0 ? '+' : ''}${round(us - previous, 1)} us` : '';
    console.log(
      `${name.padEnd(34)} ${String(round(us, 1)).padStart(7)} us CPU/request  ratio ${round(base / us, 2)}${added}`,
    );
    previous = us;
  }
  await store.close();
  await database.close();
  if (postgres) await dropDatabase(place, { dialect: 'postgres', url, users: [] });
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
