/**
 * What the D1 benches share: a fresh local D1 (wrangler's SQLite in workerd) in a temp dir,
 * migrated, removed afterwards; and the median of repeated timed runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getPlatformProxy } from 'wrangler';
import type { D1Database } from '@cloudflare/workers-types';
import { offlineEnv, root, wranglerRun } from '../scripts/wrangler.ts';

export async function withLocalD1<T>(run: (d1: D1Database) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sightline-bench-'));
  Object.assign(process.env, offlineEnv);
  await wranglerRun(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir]);
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: path.join(root, 'wrangler.toml'), persist: { path: path.join(dir, 'v3') } });
  try {
    return await run(proxy.env.DB);
  } finally {
    await proxy.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median wall time in ms of `runs` sequential calls. */
export async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
