import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { version } from '../shared/version.ts';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; bin: { sightline: string } };

/** Runs the CLI the way users do: the bin file, in a child process on the project's Node. */
async function sightline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(root, pkg.bin.sightline), ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('sightline CLI', () => {
  it('--version prints only the package version', async () => {
    const r = await sightline('--version');
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists usage on stdout and nothing on stderr', async () => {
    const r = await sightline('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sightline <command>');
    expect(r.stderr).toBe('');
  });

  it('an unknown command fails on stderr with a non-zero exit', async () => {
    const r = await sightline('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('no arguments prints help but exits non-zero', async () => {
    const r = await sightline();
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage');
  });

  it('shared/version.ts matches package.json', () => {
    expect(version).toBe(pkg.version);
  });
});
