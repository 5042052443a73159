import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// One `vitest run` runs every project: pure units (Node), the worker inside workerd,
// the extension against fake IndexedDB, and the browser end-to-end suite.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'extension/sites/**/*.test.ts', 'worker/console/src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      './worker/vitest.config.ts',
      {
        // WxtVitest gives the extension code its build-time globals and a fake `browser`.
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          include: ['extension/**/*.test.{ts,tsx}'],
          exclude: ['extension/sites/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          // One browser and one worker for the whole suite; CI has 2 cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
