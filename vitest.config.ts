import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'tests/**/*.e2e.ts',
      'tests/faults/**/*.fault.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep file-level parallelism modest so PGlite and Chromium don't starve each other.
    maxWorkers: 2,
    pool: 'forks',
  },
});
