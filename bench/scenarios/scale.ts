import type { Request } from 'autocannon';
import { sql } from 'kysely';
import type { DialectName } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { cachedAnalysis } from '../../src/exam/analysis/analysis.service.js';
import { courseDataVersion } from '../../src/exam/courses/courses.service.js';
import { systemClock } from '../../src/platform/clock.js';
import type { ServiceDeps } from '../../src/platform/deps.js';
import { compareTargets, type Target } from '../lib/compare.js';
import { type BenchDatabase, dropDatabase, freshDatabase, insertUsers, withHandle } from '../lib/db.js';
import type { ServerProcess } from '../lib/proc.js';
import { SCALE_COURSE, scaleQuestionId, seedScaleCourse } from '../lib/scale-seed.js';
import { startApp } from '../lib/servers.js';
import { median, percentiles, round, timeCalls } from '../lib/stats.js';
import type { BenchSettings, Contender, ScenarioResult } from '../lib/types.js';

const SIZES = [1_000, 100_000, 1_000_000];
const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`) + ' questions';

/**
 * Scenario 4: the same routes on banks of 1k, 100k and 1M generated questions (one database and server per size,
 * measured in alternating order), one request at a time: browse (first and a deep page), midterm generation, and the
 * analysis computed cold and served from its cache (timed in-process: server time without HTTP).
 */
export async function runScale(settings: BenchSettings): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  // PostgreSQL generates 1M rows in ~20 s: full runs only.
  const dialects = settings.quick ? (['sqlite'] as DialectName[]) : settings.dialects;
  for (const dialect of dialects) results.push(...(await scaleOn(settings, dialect)));
  return results;
}

async function scaleOn(settings: BenchSettings, dialect: DialectName): Promise<ScenarioResult[]> {
  const { log } = settings;
  const dbs: Array<BenchDatabase & { size: number; token: string }> = [];
  const servers: ServerProcess[] = [];
  try {
    // A quick run compares the ends: 1k and 1M.
    for (const size of settings.quick ? [SIZES[0]!, SIZES.at(-1)!] : SIZES) {
      const url = await freshDatabase(settings.place, dialect, `scale_${size}_${dialect}`);
      const started = performance.now();
      const users = await withHandle(url, async (handle) => {
        await migrateToLatest(handle.db);
        await seedScaleCourse(handle, size);
        return insertUsers(handle, {
          count: 2,
          prefix: `scale${size}`,
          passwordHash: settings.passwordHash,
          credits: 0,
          plan: 'unlimited',
        });
      });
      log(`[scale ${dialect}] ${label(size)} generated in ${round((performance.now() - started) / 1000)} s`);
      dbs.push({ dialect, url, users, size, token: users[0]!.token });
    }
    const place = { core: settings.serverCore, logDir: settings.logDir };
    const targets: Array<Target & { size: number; token: string }> = [];
    for (const db of dbs) {
      const server = await startApp(place, `scale-${db.size}-${dialect}`, db.url);
      servers.push(server);
      targets.push({
        name: label(db.size),
        url: server.url,
        pid: server.pid,
        baseline: db.size === SIZES[0],
        size: db.size,
        token: db.token,
      });
    }
    const sized = (t: Target) => targets.find((x) => x.name === t.name)!;
    const auth = (t: Target) => ({ authorization: `Bearer ${sized(t).token}` });
    const results: ScenarioResult[] = [];

    let firstMidterm = new Map<string, number>();
    const measureOne = async (what: string, spec: Parameters<typeof compareTargets>[2], target: string) => {
      log(`[scale ${dialect}] ${what}`);
      const contenders = latencyRatios(await compareTargets(settings, targets, spec));
      if (what.startsWith('midterm')) for (const c of contenders) c.firstRequestMs = firstMidterm.get(c.name);
      const last = contenders.at(-1)!;
      results.push({
        name: `scale: ${what} [${dialect}]`,
        scenario: 'scale',
        dialect,
        contenders,
        target,
        met: (last.latencyRatio as number) <= 2,
        notes: ["one connection (sequential requests); latencyRatio is p50 over the 1k bank's p50"],
      });
    };

    await measureOne(
      'browse, first page (GET /api/questions?courseId=scale&limit=20)',
      (t) => ({
        path: `/api/questions?courseId=${SCALE_COURSE}&limit=20`,
        headers: auth(t),
        connections: 1,
        durationS: settings.durationS,
      }),
      '1M bank no more than 2x the 1k p50',
    );
    if (!settings.quick)
      await measureOne(
        'browse, deep page (cursor at 90% of the bank)',
        (t) => {
          const cursor = Buffer.from(JSON.stringify({ id: scaleQuestionId(Math.floor(sized(t).size * 0.9)) })).toString(
            'base64url',
          );
          return {
            path: `/api/questions?courseId=${SCALE_COURSE}&limit=20&cursor=${cursor}`,
            headers: auth(t),
            connections: 1,
            durationS: settings.durationS,
          };
        },
        '1M bank no more than 2x the 1k p50',
      );
    // The first midterm after a start (or a change of the bank) computes where sampling windows start: time it apart.
    firstMidterm = new Map<string, number>();
    for (const t of targets) {
      const started = performance.now();
      const res = await fetch(`${t.url}/api/midterm/generate`, {
        method: 'POST',
        headers: { ...auth(t), 'content-type': 'application/json' },
        body: JSON.stringify({ courseId: SCALE_COURSE, seed: 'first' }),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`midterm on ${t.name}: ${res.status}`);
      firstMidterm.set(t.name, round(performance.now() - started));
    }
    let seed = 0;
    await measureOne(
      'midterm generation (POST /api/midterm/generate, a new seed each time)',
      (t) => ({
        path: '/api/midterm/generate',
        method: 'POST',
        headers: { ...auth(t), 'content-type': 'application/json' },
        setupRequest: (request: Request) => ({
          ...request,
          body: JSON.stringify({ courseId: SCALE_COURSE, seed: `s${seed++}` }),
        }),
        connections: 1,
        durationS: settings.durationS,
      }),
      '1M bank no more than 2x the 1k p50',
    );

    log(`[scale ${dialect}] analysis, cold and cached (in-process)`);
    const analysis: Contender[] = [];
    for (const db of dbs) {
      await withHandle(db.url, async (handle) => {
        const deps = { db: handle.db, clock: systemClock } as ServiceDeps;
        // As a request does: the course row (its data version) first, then the analysis.
        const analysisNow = async () =>
          cachedAnalysis(deps, {
            id: SCALE_COURSE,
            data_version: (await courseDataVersion(handle.db, SCALE_COURSE)) ?? 0,
          });
        const cold: number[] = [];
        for (let i = 0; i < (settings.quick ? 3 : 5); i++) {
          // As when the bank changes: a new data version, so neither the stored nor the parsed analysis holds.
          await handle.db
            .updateTable('courses')
            .set({ data_version: sql`data_version + 1` })
            .where('id', '=', SCALE_COURSE)
            .execute();
          cold.push(...(await timeCalls(1, analysisNow)));
        }
        const cached = await timeCalls(settings.quick ? 200 : 1000, analysisNow);
        const [c50 = 0, c99 = 0] = percentiles(cached, [50, 99]);
        analysis.push({
          name: `${label(db.size)}, cold`,
          p50Ms: round(median(cold)),
          ...(db.size === SIZES[0] ? { baseline: true } : {}),
        });
        analysis.push({ name: `${label(db.size)}, cached`, p50Ms: round(c50), p99Ms: round(c99) });
      });
    }
    const base = analysis[0]!.p50Ms!;
    for (const c of analysis.slice(1)) c.latencyRatio = round(c.p50Ms! / base);
    const cachedOk = analysis.filter((c) => c.name.endsWith('cached')).every((c) => (c.p50Ms ?? 99) < 1);
    results.push({
      name: `scale: course analysis, computed cold and served from cache (server time) [${dialect}]`,
      scenario: 'scale',
      dialect,
      contenders: analysis,
      target: 'cached analysis < 1 ms server time (p50)',
      met: cachedOk,
      notes: ['cachedAnalysis() timed in-process on the same database; cold = after a new data version of the course'],
    });
    return results;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const db of dbs) await dropDatabase(settings.place, db);
  }
}

/** Adds latencyRatio: each contender's p50 over the baseline's (a latency-only scenario: higher is slower). */
function latencyRatios(contenders: Contender[]): Contender[] {
  const base = contenders.find((c) => c.baseline);
  for (const c of contenders) {
    if (base && c !== base && c.p50Ms && base.p50Ms) c.latencyRatio = round(c.p50Ms / base.p50Ms);
  }
  return contenders;
}
