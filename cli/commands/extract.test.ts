import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const fixture = (site: string, file: string) => path.join(root, 'extension', 'sites', site, 'fixtures', file);

/** Runs the CLI in-process and collects both streams. */
const run = (...args: string[]) => runCli('extract', ...args);

describe('sightline extract', () => {
  it('prints {platform, kind, profile, posts, misses} for a saved page', async () => {
    const r = await run('--url', 'https://x.com/sightline_demo', '--compact', fixture('x', 'profile.html'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['platform', 'kind', 'profile', 'posts', 'misses']);
    expect(out).toMatchObject({
      platform: 'x',
      kind: 'x-profile',
      profile: { handle: 'sightline_demo', followers: 1_200_000, following: 1024 },
      misses: {},
    });
    expect((out.posts as unknown[]).length).toBe(4);
  });

  it('resolves relative times against --captured-at', async () => {
    const url = 'https://www.linkedin.com/company/sightline-demo/posts/';
    const a = JSON.parse((await run('--url', url, '--captured-at', '2025-04-09T12:00:00Z', fixture('linkedin', 'company-posts.html'))).stdout);
    const b = JSON.parse((await run('--url', url, '--captured-at', '2025-05-09T12:00:00Z', fixture('linkedin', 'company-posts.html'))).stdout);
    expect(a.posts[0].publishedAt).toBe('2025-04-06T12:00:00.000Z');
    expect(b.posts[0].publishedAt).toBe('2025-05-06T12:00:00.000Z');
    expect(a.profile.followers).toBe(1_200_000);
  });

  it('reads YouTube pages too', async () => {
    const r = await run('--url', 'https://www.youtube.com/watch?v=WWWWWWWWWWW', fixture('youtube', 'watch.html'));
    expect(JSON.parse(r.stdout)).toMatchObject({ platform: 'youtube', kind: 'yt-watch', posts: [{ views: 2_345_678, likes: 12_345 }] });
  });

  it.each([
    [['x.html'], 2, /--url <page-url> is required/],
    [['--url', 'not a url', 'x.html'], 2, /not a valid URL/],
    [['--url', 'https://example.com/', 'x.html'], 1, /unsupported site example\.com/],
    [['--url', 'https://x.com/home', '/nonexistent/page.html'], 1, /cannot read \/nonexistent\/page\.html: ENOENT/],
    [['--url', 'https://x.com/home', '--captured-at', 'yesterday', 'x.html'], 2, /--captured-at 'yesterday' is not an ISO 8601 time/],
    [['--url', 'https://x.com/home'], 2, /exactly one <file\.html>/],
    [['--url', 'https://x.com/home', '--bogus', 'x.html'], 2, /bogus/],
  ])('%j → exit %i with a message on stderr', async (args, code, message) => {
    const r = await run(...args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('refuses an impossible --captured-at date', async () => {
    const r = await run('--url', 'https://x.com/sightline_demo', '--captured-at', '2026-02-30', fixture('x', 'profile.html'));
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/--captured-at '2026-02-30' is not an ISO 8601 time/);
  });

  it('fails when the page yields nothing, or there is no extractor for the URL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sightline-extract-'));
    const plain = path.join(dir, 'plain.html');
    writeFileSync(plain, '<html><body>hi</body></html>');
    const empty = path.join(dir, 'empty.html');
    writeFileSync(empty, '');
    for (const [url, page] of [['https://x.com/someone', plain], ['https://www.youtube.com/watch?v=abc', empty], ['https://x.com/home', plain]] as const) {
      const r = await run('--url', url, page);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/nothing extracted \(read as a [\w-]+ page; not found: .*\); is it a page saved from/);
    }
    const unknown = await run('--url', 'https://www.linkedin.com/jobs/view/1', plain);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/--url: no linkedin extractor for pages like \/jobs\/view\/1/);
  });

  it('runs through the real bin on the project Node', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'cli', 'bin.js'), 'extract', '--url', 'https://www.youtube.com/@demochannel/videos', '--compact', fixture('youtube', 'channel.html')],
      { cwd: root },
    );
    expect(JSON.parse(stdout).profile).toEqual({ name: 'Demo Channel', handle: 'demochannel', subscribers: 3_680_000, videos: 1234 });
  });
});
