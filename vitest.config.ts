import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/e2e/**/*.test.ts'],
    // The Workers suite runs the worker bundle in miniflare: `npm run test:worker` (vitest.worker.config.ts).
    exclude: [...configDefaults.exclude, 'test/worker/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Password hashing at 600k iterations is CPU-bound; more workers than cores only adds contention.
    maxWorkers: 2,
  },
});
