import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Built into dist/console, which wrangler.toml serves as the worker's static assets.
// `npx vite --config worker/console/vite.config.ts` serves it with hot reload and
// forwards API calls to a running `npm start`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: { outDir: '../../dist/console', emptyOutDir: true },
  server: { proxy: { '/v1': 'http://127.0.0.1:8787', '/healthz': 'http://127.0.0.1:8787' } },
});
