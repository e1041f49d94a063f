import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one 'N passed, N failed' line for the whole suite.
    reporters: ['default', 'json'],
    outputFile: { json: `.test-results/${process.env.KODBOK_SUITE ?? 'vitest'}.json` },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/{core,io,db,cli,state,workers,ui,server,sync}/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/setup-unit.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
