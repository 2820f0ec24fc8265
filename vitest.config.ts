import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'web/e2e/**/*.test.ts'],
    testTimeout: 30_000,
    // A D1 test database starts workerd (miniflare) and migrates it: a minute is not always enough on a busy machine.
    hookTimeout: 120_000,
    pool: 'forks',
    // Prints the reliability suite's figures (test/reliability/) once every file has run.
    // Builds the worker bundles the D1 target (test/support/d1/) and test/worker/ run in miniflare, once per run.
    globalSetup: ['test/support/reliability-global.ts', 'test/support/worker-bundles.ts'],
    // Password hashing at 600k iterations is CPU-bound; more workers than cores only adds contention.
    maxWorkers: 2,
  },
});
