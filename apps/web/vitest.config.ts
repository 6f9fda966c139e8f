import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Native training uses both cores itself: one file at a time keeps timings honest.
    fileParallelism: false,
  },
});
