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
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          // Jobs that reach the real queue in tests must never call the real internet:
          // point every source at a closed local port. Tests that fetch pass the replay
          // server's URL explicitly.
          HN_BASE_URL: 'http://127.0.0.1:9',
          REDDIT_BASE_URL: 'http://127.0.0.1:9',
          GITHUB_BASE_URL: 'http://127.0.0.1:9',
          GITHUB_TRENDING_BASE_URL: 'http://127.0.0.1:9',
          GOOGLE_TRENDS_BASE_URL: 'http://127.0.0.1:9',
        },
      },
    }),
  ],
  test: {
    name: 'worker',
    root,
    include: ['worker/**/*.test.ts'],
    setupFiles: ['worker/test/apply-migrations.ts'],
    globalSetup: ['worker/test/global-setup.ts'],
  },
});
