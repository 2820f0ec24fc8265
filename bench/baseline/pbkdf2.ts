/**
 * The login scenario's baseline: raw PBKDF2-SHA256 hashes per second at the app's cost, `CONCURRENCY` at a time
 * through Web Crypto (as the app hashes), on the core this process is pinned to. Prints one JSON line.
 */
const iterations = Number(process.env.ITERATIONS ?? 600_000);
const concurrency = Number(process.env.CONCURRENCY ?? 4);
const seconds = Number(process.env.SECONDS ?? 5);

async function hashOnce(): Promise<void> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('correct horse'), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
}

async function main() {
  await hashOnce();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await hashOnce();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      rps: latencies.length / elapsed,
      p50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0,
      p99Ms: latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0,
      cpuMsPerHash: process.cpuUsage().user / 1000 / (latencies.length + 1),
    }),
  );
}

void main();
