import { defineConfig } from 'vitest/config';

/**
 * The Workers suite (npm run test:worker): builds the worker bundle once, then each test file runs it in miniflare's
 * workerd with a fresh local D1 and drives it over HTTP. Kept out of `npm test` so the default run stays fast.
 */
export default defineConfig({
  test: {
    include: ['test/worker/**/*.test.ts'],
    globalSetup: ['test/worker/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
