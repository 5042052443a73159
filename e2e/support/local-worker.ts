import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDemo } from '../../scripts/demo-load.ts';
import { wrangler, wranglerRun } from '../../scripts/wrangler.ts';
import { freePort, waitFor } from './net.ts';

export interface LocalWorker {
  url: string;
  /** The D1 state directory, for seeding what no API call can make (d1Execute). */
  persist: string;
  stop(): Promise<void>;
}

/**
 * Runs SQL on the local worker's D1 while it serves: for state only an external service
 * could produce here (LLM spend needs a paid endpoint).
 */
export async function d1Execute(persist: string, sql: string, values: Record<string, string | number> = {}): Promise<void> {
  // wrangler d1 execute binds nothing: values are spliced in, so only plain ones are taken.
  for (const [name, v] of Object.entries(values)) {
    if (typeof v === 'string' && !/^[\w.:-]*$/.test(v)) throw new Error(`d1Execute: ${name} is not a plain value: ${v}`);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`d1Execute: ${name} is not a finite number`);
    sql = sql.replaceAll(`:${name}`, typeof v === 'string' ? `'${v}'` : String(v));
  }
  await wranglerRun(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--command', sql]);
}

/**
 * A local worker on a free port: a fresh D1 in a temp dir, migrated and loaded with the
 * sample demo trends (their scores are pinned in worker/demo/trends.json), served by
 * `wrangler dev --local`. `--test-scheduled` lets a caller fire the cron at /__scheduled.
 */
export async function startLocalWorker(): Promise<LocalWorker> {
  const persist = mkdtempSync(path.join(tmpdir(), 'sightline-e2e-d1-'));
  await wranglerRun(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
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

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 60_000, what: `worker at ${url}/healthz` });
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`${(err as Error).message}\nwrangler output:\n${log}`);
  }
  return {
    url,
    persist,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(persist, { recursive: true, force: true });
    },
  };
}
