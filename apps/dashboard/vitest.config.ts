import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    // The CLI tests run native training in child processes: one file at a time keeps them fast.
    fileParallelism: false,
  },
});
