import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineProject } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');
const migrations = await readD1Migrations(path.join(root, 'd1-migrations'));

// Worker tests run inside workerd against the real wrangler.toml, with every
// migration applied to a fresh D1 before the tests (worker/test/apply-migrations.ts).
export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: path.join(root, 'wrangler.toml') },
      miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
    }),
  ],
  test: {
    name: 'worker',
    root,
    include: ['worker/**/*.test.ts'],
    setupFiles: ['worker/test/apply-migrations.ts'],
  },
});
