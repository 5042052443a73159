/**
 * One local worker for the whole e2e suite: a fresh D1 in a temp dir, migrated and loaded
 * with the demo trends, served by `wrangler dev --local` on a free port. Tests get its URL
 * through `inject('workerUrl')`. `--test-scheduled` lets a test fire the cron at
 * /__scheduled (the calendar tick that makes posts due).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadDemo } from '../scripts/demo-load.ts';
import { root, wrangler, wranglerRun } from '../scripts/wrangler.ts';
import { freePort, waitFor } from './support/net.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const [dir, hint] of [
    ['.output/chrome-mv3/manifest.json', 'npm run build:extension'],
    ['dist/console/index.html', 'npm run build:console'],
  ] as const) {
    if (!existsSync(path.join(root, dir))) throw new Error(`e2e needs ${dir}: run \`${hint}\` (or \`npm run build\`) first`);
  }

  const persist = mkdtempSync(path.join(tmpdir(), 'sightline-e2e-d1-'));
  await wranglerRun(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
  // Sample trends only: the expected scores come from worker/demo/trends.json.
  await loadDemo({ persistTo: persist, recorded: false });

  const port = await freePort();
  const child: ChildProcess = wrangler(
    ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--show-interactive-dev-session=false', '--test-scheduled'],
    { stdio: 'pipe' },
  );
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d));
  child.stderr!.on('data', (d: Buffer) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const workerUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${workerUrl}/healthz`)).ok, { timeoutMs: 60_000, what: `worker at ${workerUrl}/healthz` });
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`${(err as Error).message}\nwrangler output:\n${log}`);
  }
  project.provide('workerUrl', workerUrl);

  return async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    rmSync(persist, { recursive: true, force: true });
  };
}
