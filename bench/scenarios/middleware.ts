import { compareTargets, type Target } from '../lib/compare.js';
import {
  type BenchDatabase,
  cloneDatabase,
  dropDatabase,
  freshDatabase,
  insertUsers,
  migrateAndSeed,
  withHandle,
} from '../lib/db.js';
import { type ServerProcess, startServer } from '../lib/proc.js';
import { appEnv, startApp } from '../lib/servers.js';
import { round } from '../lib/stats.js';
import type { BenchSettings, ScenarioResult } from '../lib/types.js';

const PATH = '/api/courses/calc2/topics';

/**
 * What each middleware costs on the read path: the routes behind the caller lookup, then the app's middlewares
 * added one at a time (bench/baseline/stack-server.ts), then the real server. Server CPU time per request is the
 * figure that counts here (req/s moves with the machine's other load).
 */
export async function runMiddlewareCost(settings: BenchSettings): Promise<ScenarioResult[]> {
  const { log } = settings;
  const base = await freshDatabase(settings.place, 'sqlite', 'mw_base');
  const [reader] = await withHandle(base, async (handle) => {
    await migrateAndSeed(handle);
    return insertUsers(handle, { count: 1, prefix: 'mw', passwordHash: settings.passwordHash, credits: 0 });
  });
  const baseDb: BenchDatabase = { dialect: 'sqlite', url: base, users: [] };
  const place = { core: settings.serverCore, logDir: settings.logDir };
  const servers: ServerProcess[] = [];
  const dbs = [baseDb];
  try {
    const probe = await startStack(settings, baseDb.url, 0);
    servers.push(probe);
    const { layers } = (await (await fetch(`${probe.url}/layers`)).json()) as { layers: string[] };
    const targets: Target[] = [{ name: 'routes + caller lookup', url: probe.url, pid: probe.pid, baseline: true }];
    for (let n = 1; n <= layers.length; n++) {
      const db = await cloneDatabase(settings.place, baseDb, `mw_${n}`);
      dbs.push(db);
      const server = await startStack(settings, db.url, n);
      servers.push(server);
      targets.push({ name: `+ ${layers[n - 1]}`, url: server.url, pid: server.pid });
    }
    const appDb = await cloneDatabase(settings.place, baseDb, 'mw_app');
    dbs.push(appDb);
    const app = await startApp(place, 'pathwise-mw', appDb.url);
    servers.push(app);
    targets.push({ name: 'pathwise (the real server)', url: app.url, pid: app.pid });

    log(`[middleware] GET ${PATH}: ${targets.length} stacks`);
    const contenders = await compareTargets({ ...settings, rounds: Math.min(settings.rounds, 2) }, targets, {
      path: PATH,
      headers: { authorization: `Bearer ${reader!.token}` },
      connections: 50,
      durationS: settings.durationS,
    });
    // The cost of each layer: its CPU time per request over the stack without it.
    contenders.forEach((c, i) => {
      const previous = contenders[i - 1];
      if (
        i > 0 &&
        i <= layers.length &&
        previous &&
        typeof c.cpuUsPerRequest === 'number' &&
        typeof previous.cpuUsPerRequest === 'number'
      ) {
        c.addedCpuUs = round(c.cpuUsPerRequest - previous.cpuUsPerRequest);
      }
    });
    return [
      {
        name: `middleware cost: GET ${PATH} [sqlite]`,
        scenario: 'read',
        dialect: 'sqlite',
        contenders,
        notes: [
          "Each row adds one of the app's middlewares (in src/app.ts order) to the one above; addedCpuUs is its server CPU time per request. The last row is the real server (all middlewares, every route mounted).",
        ],
      },
    ];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const db of dbs) await dropDatabase(settings.place, db);
  }

  function startStack(s: BenchSettings, url: string, layers: number) {
    return startServer({
      name: `stack-${layers}`,
      args: ['--import', 'tsx', 'bench/baseline/stack-server.ts'],
      env: { ...appEnv(url), STACK: String(layers) },
      core: s.serverCore,
      logDir: s.logDir,
    });
  }
}
