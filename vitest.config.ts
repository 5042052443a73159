import { defineConfig } from 'vitest/config';

// One `vitest run` runs every project: pure units (Node), the worker inside workerd,
// the extension against fake IndexedDB, and the browser end-to-end suite.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'extension/sites/**/*.test.ts'],
          environment: 'node',
        },
      },
      './worker/vitest.config.ts',
    ],
  },
});
