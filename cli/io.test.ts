import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPostsCsv, POST_COLUMNS } from '../shared/posts/canonical.ts';
import { syntheticPosts } from '../shared/predict/synthetic.ts';
import { runCli } from './testing.ts';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'sightline-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const HN_HEADER = 'id,title,url,num_points,num_comments,author,created_at\n';
const hnRow = (i: number) => `${i},Title number ${i},http://example.com/${i},${i % 50},${i % 7},user${i % 13},1/${(i % 28) + 1}/2016 ${i % 24}:${String(i % 60).padStart(2, '0')}\n`;

describe('--out', () => {
  it('a failed posts import leaves an existing --out file as it was', async () => {
    const out = file('keep.csv', 'PRECIOUS\n');
    const src = file('allbad.csv', `${HN_HEADER}4,NaN,http://c.com,NaN,2,bob,1/26/2016 19:30\n`);
    const r = await run('posts', 'import', '--format', 'hackernews', src, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no row could be imported/);
    expect(r.stderr).toMatch(/line 2, field 'num_points'/);
    expect(readFileSync(out, 'utf8')).toBe('PRECIOUS\n');
  });

  it('a successful import replaces --out whole and leaves no temporary file beside it', async () => {
    const sub = path.join(dir, 'replace');
    mkdirSync(sub);
    const out = path.join(sub, 'posts.csv');
    writeFileSync(out, 'old contents that are longer than the new ones will be, surely, yes\n'.repeat(50));
    const r = await run('posts', 'import', '--format', 'hackernews', file('one.csv', HN_HEADER + hnRow(1)), '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`${POST_COLUMNS.join(',')}\n1,hackernews,user1,Title number 1,http://example.com/1,2016-01-02T06:01:00.000Z,1,1,,\n`);
    expect(readdirSync(sub)).toEqual(['posts.csv']);
  });

  it('into a missing directory or onto a directory is an error naming --out, not a stack trace', async () => {
    const src = file('ok.csv', HN_HEADER + hnRow(1));
    const missing = await run('posts', 'import', '--format', 'hackernews', src, '--out', path.join(dir, 'nope', 'x.csv'));
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/cannot write --out .*nope\/x\.csv: directory .*nope does not exist/);
    expect(missing.stderr).not.toMatch(/unexpected error|    at /);
    const onDir = await run('posts', 'import', '--format', 'hackernews', src, '--out', dir);
    expect(onDir.code).toBe(1);
    expect(onDir.stderr).toMatch(/cannot write --out .*: it is a directory/);
    expect(onDir.stderr).not.toMatch(/unexpected error|    at /);

    const posts = file('train.csv', formatPostsCsv(syntheticPosts(120, 3)));
    const train = await run('model', 'train', '--posts', posts, '--out', path.join(dir, 'nope', 'model.json'));
    expect(train.code).toBe(1);
    expect(train.stderr).toMatch(/cannot write --out .*model\.json: directory .*nope does not exist/);
    expect(train.stderr).not.toMatch(/unexpected error/);
  });
});

describe('flags', () => {
  it('an empty value is refused for every flag that takes one, naming the flag', async () => {
    const src = file('ok2.csv', HN_HEADER + hnRow(1));
    expect(await run('posts', 'import', '--format', 'hackernews', src, '--tz', '')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--tz needs a value, got an empty one/) });
    expect(await run('posts', 'import', '--format', 'hackernews', src, '--out=')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--out needs a value/) });
    expect(await run('repurpose', '--platforms', 'x', '--input', src, '--threshold', '')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--threshold needs a value/) });
    expect(await run('best-times', '--posts', src, '--platform', '')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--platform needs a value/) });
    expect(await run('model', 'predict', '--model', src, '--text', 'hi', '--at', ' ')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--at needs a value/) });
  });
});

describe('a closed stdout pipe', () => {
  it('ends the run quietly with exit 0 (`… | head -1`)', async () => {
    const big = file('big.csv', HN_HEADER + Array.from({ length: 30_000 }, (_, i) => hnRow(i + 1)).join(''));
    const child = spawn(process.execPath, [path.join(root, 'cli', 'bin.js'), 'posts', 'import', '--format', 'hackernews', big], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like head: read the first chunk, then close the pipe while the CLI is still writing.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|    at /);
    expect(code).toBe(0);
  });
});
