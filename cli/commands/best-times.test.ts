import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPostsCsv, POST_COLUMNS, type Post } from '../../shared/posts/canonical.ts';
import { hourOfWeek } from '../../shared/posts/time.ts';
import { mulberry32 } from '../../shared/predict/logistic.ts';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sightline-best-times-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

const TUE_14 = 1 * 24 + 14;
const TUE_15 = 1 * 24 + 15;

/**
 * Twelve weeks of hourly X posts by one account whose Tuesday 14:00–16:00 in Chicago draws
 * e^1.2 ≈ 3.3× its usual likes; the rest is log-normal noise. The weeks cross the March DST
 * change, so the planted hours move in UTC and only a fit in the account's zone finds them.
 */
function history(author = 'me', platform = 'x'): Post[] {
  const rand = mulberry32(7);
  const start = Date.UTC(2024, 0, 1);
  const out: Post[] = [];
  for (let h = 0; h < 12 * 168; h++) {
    const t = start + h * 3_600_000 + 600_000;
    const how = hourOfWeek(t, 'America/Chicago');
    const noise = (rand() + rand() + rand() + rand() - 2) * 1.2;
    const lift = how === TUE_14 || how === TUE_15 ? 1.2 : 0;
    out.push({ id: `${author}-${h}`, platform, author, text: 'a post', url: '', publishedAt: new Date(t).toISOString(), likes: Math.round(200 * Math.exp(noise + lift)), comments: 0, shares: 0, views: null });
  }
  return out;
}

function csv(name: string, posts: Post[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, formatPostsCsv(posts));
  return file;
}

describe('sightline best-times', () => {
  const own = csv('own.csv', history());

  it('finds the planted hours in the account zone, with their next start and how it got there', async () => {
    const r = await run('best-times', '--posts', own, '--tz', 'America/Chicago', '--top', '3', '--from', '2026-11-30T00:00:00Z');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('slot,next,expected_lift,confidence,posts,evidence_weight');
    expect(lines).toHaveLength(4);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(new Set(rows.slice(0, 2).map((c) => c[0]))).toEqual(new Set(['Tue 14:00', 'Tue 15:00']));
    const tue14 = rows.find((c) => c[0] === 'Tue 14:00')!;
    // Tuesday 1 December 2026, 14:00 CST (UTC−6).
    expect(tue14[1]).toBe('2026-12-01T20:00:00.000Z');
    expect(Number(tue14[2])).toBeGreaterThan(0.3);
    // Two planted hours in a noisy history: the confidence check widens the interval, but it still leans to yes.
    expect(Number(tue14[3])).toBeGreaterThan(0.6);
    expect(Number(tue14[4])).toBe(12);
    expect(r.stderr).toMatch(/^from 2016 x posts, each hour of the week shrunk toward platform defaults/);
    expect(r.stderr).toMatch(/\(America\/Chicago\)\n$/);
  });

  it('in UTC the same history has no single Tuesday 14:00 (the zone matters)', async () => {
    const r = await run('best-times', '--posts', own, '--top', '1', '--from', '2026-11-30T00:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).not.toMatch(/^Tue 14:00/);
  });

  it('says when it falls back to platform defaults, and still answers', async () => {
    const thin = csv('thin.csv', history().slice(0, 12));
    const r = await run('best-times', '--posts', thin, '--top', '2');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/not enough history \(12 x posts with total counts; 30 needed\), using platform defaults/);
  });

  it('--json gives the whole result with all 168 hours', async () => {
    const r = await run('best-times', '--posts', own, '--tz', 'America/Chicago', '--json');
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ platform: 'x', timeZone: 'America/Chicago', usingDefaults: false, postsUsed: 2016 });
    expect(j.logLift).toHaveLength(168);
    expect(j.slots).toHaveLength(5);
  });

  it('needs --platform for a file mixing platforms, and --author picks one account of several', async () => {
    const mixed = csv('mixed.csv', [...history(), ...history('me', 'linkedin').slice(0, 40)]);
    const r = await run('best-times', '--posts', mixed);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mixes platforms \(linkedin, x\); pick one with --platform/);
    expect((await run('best-times', '--posts', mixed, '--platform', 'youtube')).stderr).toMatch(/has no youtube posts \(platforms in it: linkedin, x\)/);

    const team = csv('team.csv', [...history('me'), ...history('rival').map((p) => ({ ...p, likes: 5 }))]);
    const pooled = await run('best-times', '--posts', team, '--tz', 'America/Chicago');
    expect(pooled.stderr).toMatch(/note: posts by 2 authors are pooled; pass --author <id> for one account/);
    const mine = await run('best-times', '--posts', team, '--tz', 'America/Chicago', '--author', 'me', '--top', '2');
    expect(mine.stderr).not.toMatch(/pooled/);
    expect(mine.stdout).toMatch(/Tue 14:00/);
    expect((await run('best-times', '--posts', team, '--author', 'nobody')).stderr).toMatch(/no posts by author 'nobody'/);
  });

  it('accepts only known platforms, in --platform (any case) and in rows', async () => {
    const r = await run('best-times', '--posts', own, '--platform', 'twiter');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/--platform 'twiter' is not one of hackernews, linkedin, reddit, x, youtube/);
    expect((await run('best-times', '--posts', own, '--platform', 'X', '--top', '1')).code).toBe(0);
    const typo = path.join(dir, 'typo.csv');
    writeFileSync(typo, `${POST_COLUMNS.join(',')}\n1,x,me,hi,,2024-01-01T00:00:00Z,3,,,\n2,twiter,me,hi,,2024-01-01T01:00:00Z,4,,,\n`);
    const t = await run('best-times', '--posts', typo);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/line 3, field 'platform': 'twiter' is not one of hackernews, linkedin, reddit, x, youtube/);
  });

  it('refuses an impossible --from date as the posts file does', async () => {
    expect(await run('best-times', '--posts', own, '--from', '2024-02-30')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--from '2024-02-30' is not an ISO 8601 time/) });
    expect(await run('best-times', '--posts', own, '--from', '5')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--from '5' is not an ISO 8601 time/) });
  });

  it('rejects a bad zone, --top and --from as usage errors, and a bad row by line and field', async () => {
    expect(await run('best-times', '--posts', own, '--tz', 'Mars/Olympus')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--tz 'Mars\/Olympus' is not an IANA time zone/) });
    expect(await run('best-times', '--posts', own, '--top', '0')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--top must be a whole number from 1 to 168/) });
    expect(await run('best-times', '--posts', own, '--from', 'next week')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--from 'next week' is not an ISO 8601 time/) });
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, `${POST_COLUMNS.join(',')}\n1,x,me,hi,,2024-01-01T00:00:00Z,3,,,\n2,x,me,hi,,2024-01-01T01:00:00Z,many,,,\n`);
    const r = await run('best-times', '--posts', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3, field 'likes'/);
  });
});

describe('sightline style', () => {
  const posts: Post[] = [
    'Shipping our new dashboard today 🚀 #buildinpublic',
    'What would you add next? #buildinpublic',
    'Huge thanks to @ana for the review 🙏',
    'Read the full story: https://example.com/story',
  ].map((text, i) => ({ id: String(i), platform: 'x', author: 'me', text, url: '', publishedAt: `2024-01-0${i + 1}T10:00:00Z`, likes: 1, comments: 0, shares: 0, views: null }));
  const other = { ...posts[0]!, id: 'li', platform: 'linkedin', text: 'A long LinkedIn post about leadership #leadership #growth' };

  it('prints the account style for one platform, rates rounded', async () => {
    const file = csv('style.csv', [...posts, other]);
    const r = await run('style', '--posts', file, '--platform', 'x');
    expect(r.code).toBe(0);
    const { platform, profile } = JSON.parse(r.stdout);
    expect(platform).toBe('x');
    expect(profile.posts).toBe(4);
    expect(profile.hashtags.top).toEqual(['#buildinpublic']);
    expect(profile.hashtags.postsWithAny).toBe(0.5);
    expect(profile.emoji.top).toEqual(expect.arrayContaining(['🚀', '🙏']));
    expect(profile.links.postsWithAny).toBe(0.25);
    expect(profile.questions.share).toBe(0.25);
    expect(r.stdout).not.toMatch(/\d\.\d{4,}/);
  });

  it('reads --platform in any case, as the file\'s platform cells are', async () => {
    const r = await run('style', '--posts', csv('style-case.csv', [...posts, other]), '--platform', 'X');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).platform).toBe('x');
  });

  it('needs --platform for a mixed file and says so', async () => {
    const r = await run('style', '--posts', csv('style-mixed.csv', [...posts, other]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mixes platforms \(linkedin, x\)/);
  });
});
