/**
 * One local worker for the whole e2e suite (support/local-worker.ts). Tests get its URL
 * through `inject('workerUrl')`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { root } from '../scripts/wrangler.ts';
import { startLocalWorker } from './support/local-worker.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    workerD1: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const [dir, hint] of [
    ['.output/chrome-mv3/manifest.json', 'npm run build:extension'],
    ['dist/console/index.html', 'npm run build:console'],
  ] as const) {
    if (!existsSync(path.join(root, dir))) throw new Error(`e2e needs ${dir}: run \`${hint}\` (or \`npm run build\`) first`);
  }
  const worker = await startLocalWorker();
  project.provide('workerUrl', worker.url);
  project.provide('workerD1', worker.persist);
  return () => worker.stop();
}
