/**
 * Runs wrangler with the settings that keep it fully offline (no metrics, no banner,
 * no cf-fetch lookups), so `npm start` and the tests behave the same with or without
 * a network. Usage: node scripts/wrangler.ts <wrangler args…>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

export const offlineEnv = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

export function wrangler(args: string[], opts: { stdio?: 'inherit' | 'pipe'; env?: Record<string, string> } = {}): ChildProcess {
  return spawn(path.join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    stdio: opts.stdio ?? 'inherit',
    env: { ...process.env, ...offlineEnv, ...opts.env },
  });
}

/** Runs wrangler to completion; rejects with its output on failure. */
export function wranglerRun(args: string[], env?: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = wrangler(args, { stdio: 'pipe', ...(env ? { env } : {}) });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d));
    child.stderr!.on('data', (d: Buffer) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

if (import.meta.main) {
  const child = wrangler(process.argv.slice(2));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
