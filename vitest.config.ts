import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Password hashing at 600k iterations is CPU-bound; more workers than cores only adds contention.
    maxWorkers: 2,
  },
});
