import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Native kernels use every core themselves: one test file at a time keeps timings sane.
    fileParallelism: false,
  },
});
