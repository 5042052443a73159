import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const fixture = (name: string) => path.join(root, 'shared', 'draft', 'fixtures', `${name}.txt`);

const run = (...args: string[]) => runCli('repurpose', ...args);

describe('sightline repurpose', () => {
  it('prints {variants: [{platform, text, …}]} for each platform and variant', async () => {
    const r = await run('--platforms', 'x,linkedin,youtube-shorts', '--input', fixture('passkeys'), '--variants', '2');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { variants: { platform: string; variant: string; text: string; messageScore: number; generator: string; parts?: string[] }[]; threshold: number };
    expect(out.variants.map((v) => `${v.platform}:${v.variant}`)).toEqual(['x:A', 'x:B', 'linkedin:A', 'linkedin:B', 'youtube-shorts:A', 'youtube-shorts:B']);
    for (const v of out.variants) {
      expect(v.text.length).toBeGreaterThan(50);
      expect(v.generator).toBe('built-in');
      expect(v.messageScore).toBeGreaterThanOrEqual(out.threshold);
    }
    expect(out.variants[0]!.parts!.length).toBeGreaterThan(1);
  });

  it('lists rejected variants with the reason and exits 1 when none passes', async () => {
    const r = await run('--platforms', 'youtube-shorts', '--input', fixture('short'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).rejected[0].reason).toMatch(/spoken words/);
    expect(r.stderr).toMatch(/rejected youtube-shorts variant A: .*spoken words/);
    expect(r.stderr).toMatch(/no variant passed/);
  });

  it('--check judges a variant written elsewhere', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repurpose-'));
    const good = path.join(dir, 'good.txt');
    writeFileSync(good, 'Passwords are on their way out: passkeys are winning faster than security teams expected, and they cannot be phished.\n\n#Passkeys #Security #Passwords');
    const ok = await run('--platforms', 'linkedin', '--input', fixture('passkeys'), '--check', good);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ platform: 'linkedin', accepted: true });
    const off = await run('--platforms', 'linkedin', '--input', fixture('passkeys'), '--check', fixture('rust-linux'));
    expect(off.code).toBe(1);
    expect(JSON.parse(off.stdout)).toMatchObject({ accepted: false });
    expect(JSON.parse(off.stdout).messageScore).toBeLessThan(0.05);
    expect(off.stderr).toMatch(/rejected: message score 0\.0\d below 0\.5 \(missing: passkey/);
  });

  it('--check with several platforms is refused rather than judged on the first alone', async () => {
    const r = await run('--platforms', 'x,linkedin', '--input', fixture('passkeys'), '--check', fixture('passkeys'));
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/--check judges a variant for one platform; --platforms names 2 \(x, linkedin\)/);
  });

  it('names the problem on bad input', async () => {
    expect((await run('--input', fixture('short'))).stderr).toMatch(/needs --platforms <list> and --input <file.txt>/);
    const bad = await run('--platforms', 'x,myspace', '--input', fixture('short'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--platforms: unknown platform 'myspace'/);
    expect((await run('--platforms', 'x', '--input', fixture('short'), '--variants', '9')).stderr).toMatch(/--variants must be a whole number from 1 to 3, got '9'/);
    const missing = await run('--platforms', 'x', '--input', '/nonexistent/file.txt');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read --input \/nonexistent\/file.txt/);
    const dir = mkdtempSync(path.join(tmpdir(), 'repurpose-'));
    writeFileSync(path.join(dir, 'empty.txt'), '  \n');
    writeFileSync(path.join(dir, 'tiny.txt'), 'Hi there.');
    expect((await run('--platforms', 'x', '--input', path.join(dir, 'empty.txt'))).stderr).toMatch(/input is empty/);
    expect((await run('--platforms', 'x', '--input', path.join(dir, 'tiny.txt'))).stderr).toMatch(/no usable sentence/);
  });
});
