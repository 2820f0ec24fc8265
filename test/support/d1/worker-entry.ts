import type { ExecutionContext } from 'hono';
import type { Env } from '../../../src/config.js';
import type { Clock } from '../../../src/platform/clock.js';
import { seededRandom } from '../../../src/platform/ids.js';
import { createWorkerRuntime, misconfigured, type WorkerEnv, type WorkerRuntime } from '../../../src/worker.js';
import { TEST_APP_HEADER, TEST_CONFIG_HEADER, TEST_NOW_HEADER } from './protocol.js';

/**
 * The worker the D1 test target runs (test/support/d1/worker.ts): production's runtime (createWorkerRuntime) with what
 * createTestApp gives the Node app — the test's configuration, its ManualClock and seeded randomness — carried on
 * each request in headers this entry removes before the app sees the request. Production's src/worker.ts reads none
 * of them.
 */

// The test process owns the clock: each request brings its time. Requests a test sends together carry the same time.
let testNow = Date.now();
const testClock: Clock = { now: () => new Date(testNow) };

// One runtime per createTestApp (its configuration and its random sequence), as on Node.
const runtimes = new Map<string, WorkerRuntime>();

function runtimeFor(request: Request, env: WorkerEnv): WorkerRuntime {
  const appId = request.headers.get(TEST_APP_HEADER) ?? 'default';
  let runtime = runtimes.get(appId);
  if (!runtime) {
    const sent = request.headers.get(TEST_CONFIG_HEADER);
    const config = sent ? (JSON.parse(decodeURIComponent(sent)) as Env) : undefined;
    runtime = createWorkerRuntime(env, {
      clock: testClock,
      random: seededRandom(42),
      ...(config ? { config: () => config } : {}),
    });
    runtimes.set(appId, runtime);
  }
  return runtime;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const now = request.headers.get(TEST_NOW_HEADER);
    if (now) testNow = Date.parse(now);
    let runtime: WorkerRuntime;
    try {
      runtime = runtimeFor(request, env);
    } catch (error) {
      return misconfigured(error);
    }
    const headers = new Headers(request.headers);
    for (const name of [TEST_APP_HEADER, TEST_CONFIG_HEADER, TEST_NOW_HEADER]) headers.delete(name);
    return runtime.app.fetch(new Request(request, { headers }), env, ctx);
  },
};
