import type { Request } from 'autocannon';
import type { DialectName } from '../../src/db/connection.js';
import { compareTargets, type Target } from '../lib/compare.js';
import {
  type BenchDatabase,
  backendPids,
  cloneDatabase,
  dropDatabase,
  freshDatabase,
  insertUsers,
  migrateAndSeed,
  withHandle,
} from '../lib/db.js';
import type { ServerProcess } from '../lib/proc.js';
import { startApp, startBaseline } from '../lib/servers.js';
import type { BenchSettings, Contender, ScenarioResult } from '../lib/types.js';

const READ_CONNECTIONS = 50;
const WRITE_CONNECTIONS = 50;

export interface ReadWriteOutput {
  results: ScenarioResult[];
  /** The app server and its database, left running for the login scenario when asked to. */
  app?: { server: ServerProcess; database: BenchDatabase; readerToken: string };
}

/**
 * Scenarios 1 and 2 on one database dialect: the read path (topics, browse) and the write path (practice spends),
 * Pathwise against the bare node:http baseline (and bare Hono in a full run), each server on its own copy of the
 * same database.
 */
export async function runReadWrite(
  settings: BenchSettings,
  dialect: DialectName,
  options: { read?: boolean; write?: boolean; keepApp?: boolean } = {},
): Promise<ReadWriteOutput> {
  const { log } = settings;
  const writers = settings.quick ? 1500 : 4000;
  log(`[read/write ${dialect}] preparing databases (${writers} users with credits)`);
  const baseUrl = await freshDatabase(settings.place, dialect, `rw_base_${dialect}`);
  const { reader, users } = await withHandle(baseUrl, async (handle) => {
    await migrateAndSeed(handle);
    const [reader] = await insertUsers(handle, {
      count: 1,
      prefix: 'reader',
      passwordHash: settings.passwordHash,
      credits: 0,
    });
    const users = await insertUsers(handle, {
      count: writers,
      prefix: 'writer',
      passwordHash: settings.passwordHash,
      credits: 1000,
    });
    return { reader: reader!, users };
  });
  const base: BenchDatabase = { dialect, url: baseUrl, users };
  const withSibling = !settings.quick;
  const appDb = await cloneDatabase(settings.place, base, `rw_app_${dialect}`);
  const bareDb = await cloneDatabase(settings.place, base, `rw_bare_${dialect}`);
  const honoDb = withSibling ? await cloneDatabase(settings.place, base, `rw_hono_${dialect}`) : undefined;
  const beforeDb = settings.compareDist ? await cloneDatabase(settings.place, base, `rw_before_${dialect}`) : undefined;
  await dropDatabase(settings.place, base);

  const place = { core: settings.serverCore, logDir: settings.logDir };
  const servers: ServerProcess[] = [];
  const results: ScenarioResult[] = [];
  let keep: ReadWriteOutput['app'];
  try {
    const bare = await startBaseline(place, `bare-${dialect}`, bareDb.url, 'node');
    servers.push(bare);
    const hono = honoDb ? await startBaseline(place, `hono-${dialect}`, honoDb.url, 'hono') : undefined;
    if (hono) servers.push(hono);
    const app = await startApp(place, `pathwise-${dialect}`, appDb.url);
    servers.push(app);
    const before =
      settings.compareDist && beforeDb
        ? await startApp(place, `before-${dialect}`, beforeDb.url, {}, [], settings.compareDist.dir)
        : undefined;
    if (before) servers.push(before);

    const target = (name: string, server: ServerProcess, db: BenchDatabase, baseline = false): Target => ({
      name,
      url: server.url,
      pid: server.pid,
      ...(baseline ? { baseline } : {}),
      ...(backendPids(settings.place, db) ? { dbPids: backendPids(settings.place, db)! } : {}),
    });
    const bareTarget = target('bare node:http', bare, bareDb, true);
    const appTarget = target('pathwise', app, appDb);
    const beforeTarget =
      before && beforeDb && settings.compareDist ? [target(settings.compareDist.label, before, beforeDb)] : [];
    const readTargets: Target[] = [
      bareTarget,
      ...(hono && honoDb ? [target('bare Hono (sibling)', hono, honoDb)] : []),
      ...beforeTarget,
      appTarget,
    ];
    const headers = { authorization: `Bearer ${reader.token}` };
    // A quick run measures PostgreSQL's read path on one route.
    const paths = ['/api/courses/calc2/topics', '/api/questions?courseId=calc2&limit=20'];
    for (const path of options.read === false
      ? []
      : settings.quick && dialect === 'postgres'
        ? paths.slice(0, 1)
        : paths) {
      log(`[read ${dialect}] GET ${path}, ${READ_CONNECTIONS} connections`);
      const contenders = await compareTargets(settings, readTargets, {
        path,
        headers,
        connections: READ_CONNECTIONS,
        durationS: settings.durationS,
      });
      results.push(readResult(dialect, path, contenders));
    }

    // Write path: every request a different user (round-robin), each spending a credit on a question new to them.
    if (options.write !== false) await writePath();
    async function writePath() {
      log(`[write ${dialect}] POST /api/questions/practice {count: 1}, ${WRITE_CONNECTIONS} connections`);
      const writeTargets: Target[] = [bareTarget, ...beforeTarget, appTarget];
      const contenders = await compareTargets(settings, writeTargets, () => {
        let next = 0;
        return {
          path: '/api/questions/practice',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ courseId: 'calc2', count: 1 }),
          setupRequest: (request: Request) => {
            const user = users[next++ % users.length]!;
            return { ...request, headers: { ...request.headers, authorization: `Bearer ${user.token}` } };
          },
          connections: WRITE_CONNECTIONS,
          durationS: settings.durationS,
        };
      });
      results.push({
        name: `write: POST /api/questions/practice {count: 1} [${dialect}]`,
        scenario: 'write',
        dialect,
        contenders,
        notes: [
          `${WRITE_CONNECTIONS} connections, round-robin over ${users.length} users; each request unlocks a question and spends a credit (conditional update + ledger row + unlock in one transaction)`,
          'The bare baseline does the same spend without rate limiting; Pathwise also counts two rate-limit buckets per request (expensive-route limits).',
        ],
      });
    }
    if (options.keepApp) {
      keep = { server: app, database: appDb, readerToken: reader.token };
      servers.splice(servers.indexOf(app), 1);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const db of [bareDb, honoDb, beforeDb, keep ? undefined : appDb])
      if (db) await dropDatabase(settings.place, db);
  }
  return { results, ...(keep ? { app: keep } : {}) };
}

function readResult(dialect: DialectName, path: string, contenders: Contender[]): ScenarioResult {
  const app = contenders.find((c) => c.name === 'pathwise')!;
  const met = (app.ratio ?? 0) >= 0.85 && (app.p99Ratio ?? Number.POSITIVE_INFINITY) <= 1.5;
  return {
    name: `read: GET ${path} [${dialect}]`,
    scenario: 'read',
    dialect,
    contenders,
    target: `>= 0.85 of the bare node:http${dialect === 'postgres' ? ' + pg (named prepared statements)' : ' + better-sqlite3'} baseline's req/s, p99 within 1.5x`,
    met,
    notes: [`${READ_CONNECTIONS} connections, one bearer token (session lookup + query + JSON)`],
  };
}
