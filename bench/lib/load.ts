import autocannon, { type Request } from 'autocannon';
import { percentiles } from './stats.js';

/** One load pattern: what to request, how hard, how long. */
export interface LoadSpec {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Rewrites each request (e.g. a different user's token each time). */
  setupRequest?: (request: Request) => Request;
  connections: number;
  durationS: number;
  /** Requests per second over all connections; unlimited when absent. */
  overallRate?: number;
  /** Status the responses must have (default: any 2xx). */
  expectStatus?: number;
}

export interface Sample {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors and timeouts plus responses with an unexpected status. */
  failures: number;
  statuses: Record<string, number>;
}

/**
 * Drives `baseUrl` with autocannon for `spec.durationS` seconds. Latencies are taken from every response with
 * microsecond resolution (autocannon's own histogram rounds to whole milliseconds, too coarse for sub-ms servers).
 */
export function runLoad(baseUrl: string, spec: LoadSpec): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let unexpected = 0;
    const request: Request = {
      method: spec.method ?? 'GET',
      path: spec.path,
      ...(spec.headers ? { headers: spec.headers } : {}),
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      ...(spec.setupRequest ? { setupRequest: spec.setupRequest } : {}),
    };
    const instance = autocannon(
      {
        url: baseUrl,
        connections: spec.connections,
        duration: spec.durationS,
        timeout: 30,
        requests: [request],
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        const [p50 = Number.NaN, p99 = Number.NaN] = percentiles(latencies, [50, 99]);
        resolve({
          rps: latencies.length / result.duration,
          p50Ms: p50,
          p99Ms: p99,
          requests: latencies.length,
          failures: result.errors + result.timeouts + unexpected,
          statuses,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      const ok = spec.expectStatus ? statusCode === spec.expectStatus : statusCode >= 200 && statusCode < 300;
      if (ok) latencies.push(responseTime);
      else unexpected++;
    });
  });
}

/** Runs the load twice: a warm-up whose figures are dropped, then the measurement. */
export async function warmAndMeasure(baseUrl: string, spec: LoadSpec, warmupS: number): Promise<Sample> {
  if (warmupS > 0) await runLoad(baseUrl, { ...spec, durationS: warmupS });
  return runLoad(baseUrl, spec);
}
