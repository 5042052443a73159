import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './wrangler.ts';

describe('npm start', () => {
  it('serves the demo, and offline says once why instead of printing workerd’s DNS error for every source', async () => {
    const persist = mkdtempSync(path.join(tmpdir(), 'sightline-start-'));
    const port = 20_000 + Math.floor(Math.random() * 2000);
    // `.invalid` never resolves (RFC 2606), with or without a network: every pull fails its DNS lookup.
    const offline = { HN_BASE_URL: 'http://hn.sightline.invalid', REDDIT_BASE_URL: 'http://reddit.sightline.invalid', GITHUB_BASE_URL: 'http://github.sightline.invalid', GOOGLE_TRENDS_BASE_URL: 'http://trends.sightline.invalid' };
    const child = spawn(process.execPath, ['scripts/start.ts', '--skip-build', '--port', String(port), '--persist-to', persist], { cwd: root, env: { ...process.env, ...offline }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    const unreachable = () => (out.match(/"job":"source-fetch","source":"[\w-]+".*"status":"failed".*unreachable/g) ?? []).length;
    try {
      for (let i = 0; i < 180 && unreachable() < 4; i++) await new Promise((r) => setTimeout(r, 500));
      expect(out).toMatch(/\d+ recorded source items → \d+ computed trends/);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({ ok: true });
      // Each source's pull still says it failed, in the worker's own line…
      expect(unreachable()).toBe(4);
      // …and workerd's error blocks for the lookups are gone, explained in one line.
      expect(out).not.toMatch(/failed to lookup address information/);
      expect(out.match(/\(offline: the live sources cannot be reached/g)).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(persist, { recursive: true, force: true });
    }
  }, 120_000);
});
