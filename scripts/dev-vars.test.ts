import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { varArgs } from './dev-vars.ts';
import { offlineEnv, root } from './wrangler.ts';

describe('passing shell variables to the local worker', () => {
  it('passes only the variables that are set, values intact', () => {
    expect(varArgs({ OPENAI_API_KEY: 'sk-1', OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1', PATH: '/bin', HEYGEN_API_KEY: '' })).toEqual({
      args: ['--var', 'OPENAI_API_KEY:sk-1', '--var', 'OPENAI_BASE_URL:http://127.0.0.1:9999/v1'],
      names: ['OPENAI_API_KEY', 'OPENAI_BASE_URL'],
    });
  });

  it('reaches the worker: wrangler dev with those --var flags reports the LLM and video paths', async () => {
    const persist = mkdtempSync(path.join(tmpdir(), 'sightline-vars-'));
    const port = 18_000 + Math.floor(Math.random() * 2000);
    const { args } = varArgs({ OPENAI_API_KEY: 'sk-test', HEYGEN_API_KEY: 'hg-test', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' });
    await promisify(execFile)(path.join(root, 'node_modules/.bin/wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], {
      cwd: root,
      env: { ...process.env, ...offlineEnv },
    });
    const child = spawn(path.join(root, 'node_modules/.bin/wrangler'), ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--show-interactive-dev-session=false', ...args], {
      cwd: root,
      env: { ...process.env, ...offlineEnv },
      stdio: 'ignore',
    });
    try {
      let health: unknown = null;
      for (let i = 0; i < 120 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (r.ok ? r.json() : null), () => null);
        if (!health) await new Promise((r) => setTimeout(r, 500));
      }
      expect(health).toMatchObject({ llm: 'openai-compatible', video: 'heygen' });
    } finally {
      child.kill('SIGTERM');
      rmSync(persist, { recursive: true, force: true });
    }
  }, 90_000);
});
