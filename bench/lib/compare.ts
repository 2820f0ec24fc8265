import { type LoadSpec, runLoad, type Sample } from './load.js';
import { cpuTimeMs } from './proc.js';
import { median, round } from './stats.js';
import type { BenchSettings, Contender } from './types.js';

export interface Target {
  name: string;
  url: string;
  baseline?: boolean;
  /** The server process, for its CPU time per request. */
  pid?: number;
  /** The database server processes serving it (PostgreSQL backends), for their CPU time per request. */
  dbPids?: () => Promise<number[]>;
}

interface Measured extends Sample {
  /** Server CPU time per request, in microseconds: steadier than req/s on a shared machine. */
  cpuUs?: number;
  dbCpuUs?: number;
}

const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuTimeMs(pid), 0);

async function measure(settings: BenchSettings, target: Target, load: LoadSpec): Promise<Measured> {
  if (settings.warmupS > 0) await runLoad(target.url, { ...load, durationS: settings.warmupS });
  const dbPids = (await target.dbPids?.()) ?? [];
  const before = { server: target.pid ? cpuTimeMs(target.pid) : 0, db: cpuOf(dbPids) };
  const sample: Measured = await runLoad(target.url, { ...load, durationS: settings.durationS });
  if (target.pid && sample.requests > 0)
    sample.cpuUs = ((cpuTimeMs(target.pid) - before.server) * 1000) / sample.requests;
  if (dbPids.length > 0 && sample.requests > 0) sample.dbCpuUs = ((cpuOf(dbPids) - before.db) * 1000) / sample.requests;
  return sample;
}

/**
 * Measures each target under the same load, `settings.rounds` times, alternating the order every round (A B, B A,
 * ...) with a warm-up before each measurement. Reports medians; ratios are the median of each round's ratio to the
 * baseline measured next to it, so slow drift on a busy machine cancels out.
 */
export async function compareTargets(
  settings: BenchSettings,
  targets: Target[],
  spec: LoadSpec | ((target: Target) => LoadSpec),
): Promise<Contender[]> {
  const samples = new Map<string, Measured[]>(targets.map((t) => [t.name, []]));
  for (let r = 0; r < settings.rounds; r++) {
    const order = r % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const load = typeof spec === 'function' ? spec(target) : spec;
      const sample = await measure(settings, target, load);
      if (sample.failures > 0) {
        settings.log(
          `  ! ${target.name}: ${sample.failures} failed requests (statuses ${JSON.stringify(sample.statuses)})`,
        );
      }
      samples.get(target.name)!.push(sample);
      settings.log(
        `  round ${r + 1} ${target.name}: ${round(sample.rps)} req/s, p50 ${round(sample.p50Ms)} ms, p99 ${round(sample.p99Ms)} ms` +
          (sample.cpuUs !== undefined ? `, ${round(sample.cpuUs)} us CPU/req` : '') +
          (sample.dbCpuUs !== undefined ? ` (+ ${round(sample.dbCpuUs)} us in PostgreSQL)` : ''),
      );
    }
  }
  const base = targets.find((t) => t.baseline);
  const baseSamples = base ? samples.get(base.name)! : undefined;
  return targets.map((t) => {
    const mine = samples.get(t.name)!;
    const contender: Contender = {
      name: t.name,
      rps: round(median(mine.map((s) => s.rps))),
      p50Ms: round(median(mine.map((s) => s.p50Ms))),
      p99Ms: round(median(mine.map((s) => s.p99Ms))),
      failures: mine.reduce((n, s) => n + s.failures, 0),
      rounds: mine.map((s) => ({
        rps: round(s.rps),
        p50Ms: round(s.p50Ms),
        p99Ms: round(s.p99Ms),
        ...(s.cpuUs !== undefined ? { cpuUsPerRequest: round(s.cpuUs) } : {}),
        ...(s.dbCpuUs !== undefined ? { dbCpuUsPerRequest: round(s.dbCpuUs) } : {}),
      })),
    };
    if (mine.every((s) => s.cpuUs !== undefined)) contender.cpuUsPerRequest = round(median(mine.map((s) => s.cpuUs!)));
    if (mine.every((s) => s.dbCpuUs !== undefined)) {
      contender.dbCpuUsPerRequest = round(median(mine.map((s) => s.dbCpuUs!)));
    }
    if (t.baseline) contender.baseline = true;
    if (baseSamples && !t.baseline) {
      contender.ratio = round(median(mine.map((s, i) => s.rps / baseSamples[i]!.rps)));
      contender.p99Ratio = round(median(mine.map((s, i) => s.p99Ms / baseSamples[i]!.p99Ms)));
      // Throughput the CPU time allows, over the baseline's: what req/s would be on a core of its own.
      if (mine.every((s, i) => s.cpuUs && baseSamples[i]!.cpuUs)) {
        contender.cpuRatio = round(median(mine.map((s, i) => baseSamples[i]!.cpuUs! / s.cpuUs!)));
      }
    }
    return contender;
  });
}
