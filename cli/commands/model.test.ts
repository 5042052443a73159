import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPostsCsv, POST_COLUMNS } from '../../shared/posts/canonical.ts';
import { rocAuc } from '../../shared/predict/metrics.ts';
import { syntheticPosts } from '../../shared/predict/synthetic.ts';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sightline-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

describe('sightline model train / score', () => {
  const all = syntheticPosts(900, 5);
  const trainCsv = path.join(dir, 'train.csv');
  const testCsv = path.join(dir, 'test.csv');
  const modelJson = path.join(dir, 'model.json');
  writeFileSync(trainCsv, formatPostsCsv(all.slice(0, 700)));
  writeFileSync(testCsv, formatPostsCsv(all.slice(700)));

  it('trains, writes a model and reports on stderr', async () => {
    const r = await run('model', 'train', '--posts', trainCsv, '--out', modelJson);
    expect(r.stderr).toMatch(/trained on 700 posts/);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(modelJson, 'utf8')).kind).toBe('sightline-engagement');
  });

  it('scores: one id,probability line per post, ranking the planted signal', async () => {
    const r = await run('model', 'score', '--model', modelJson, '--posts', testCsv);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,probability');
    expect(lines).toHaveLength(201);
    const probs = new Map(lines.slice(1).map((l) => [l.split(',')[0]!, Number(l.split(',')[1])]));
    const test = all.slice(700);
    for (const p of probs.values()) expect(p >= 0 && p <= 1).toBe(true);
    const threshold = JSON.parse(readFileSync(modelJson, 'utf8')).thresholds.hackernews as number;
    expect(rocAuc(test.map((p) => probs.get(p.id)!), test.map((p) => (p.likes! >= threshold ? 1 : 0)))).toBeGreaterThan(0.7);
  });

  it('adds the expected range and reasons with --reasons', async () => {
    const r = await run('model', 'score', '--model', modelJson, '--posts', testCsv, '--reasons');
    expect(r.stdout.split('\n')[0]).toBe('id,probability,expected_low,expected_median,expected_high,reasons');
    expect(r.stdout).toMatch(/have done (well|poorly)|do (better|worse)/);
  });

  it('predicts one draft: the planted word and domain raise the probability, with reasons in words', async () => {
    const strong = await run('model', 'predict', '--model', modelJson, '--text', 'rust build notes', '--url', 'https://github.com/a/b', '--at', '2024-03-05T14:00:00Z');
    const weak = await run('model', 'predict', '--model', modelJson, '--text', 'team design notes', '--url', 'https://example.com/x');
    expect(strong.code).toBe(0);
    const s = JSON.parse(strong.stdout);
    const w = JSON.parse(weak.stdout);
    expect(s.probability).toBeGreaterThan(w.probability + 0.2);
    expect(s.reasons.join(' ')).toMatch(/rust|github\.com/);
    expect(s).toMatchObject({ metric: 'likes', scope: 'general', trainedOn: 700, expected: { low: expect.any(Number), median: expect.any(Number), high: expect.any(Number) } });
    expect(await run('model', 'predict', '--model', modelJson, '--text', 'x', '--at', 'soon')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--at 'soon' is not an ISO 8601 time/) });
    expect((await run('model', 'predict', '--model', modelJson)).code).toBe(2);
  });

  it('fails on a bad row, naming its line and field', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, `${POST_COLUMNS.join(',')}\n1,hackernews,a,"fine, text",,2024-01-01T00:00:00Z,3,,,\n2,hackernews,a,"two\nlines",,2024-01-02T00:00:00Z,lots,,,\n`);
    const r = await run('model', 'score', '--model', modelJson, '--posts', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/line 3, field 'likes'/);
  });

  it('refuses rows on a platform the model was not trained on, naming line, field and the known platforms', async () => {
    const other = path.join(dir, 'other.csv');
    writeFileSync(other, `${POST_COLUMNS.join(',')}\n1,hackernews,a,rust build notes,,2024-01-01T00:00:00Z,,,,\n2,X,a,a tweet,,2024-01-02T00:00:00Z,,,,\n`);
    const r = await run('model', 'score', '--model', modelJson, '--posts', other, '--reasons');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/line 3, field 'platform': 'x' is not one of hackernews \(the platforms --model .*model\.json was trained on\)/);
  });

  it('refuses impossible or non-ISO --at dates as the posts file does', async () => {
    for (const at of ['2024-02-30', '5', '2024-02-30T10:00:00Z']) {
      expect(await run('model', 'predict', '--model', modelJson, '--text', 'rust build notes', '--at', at)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(new RegExp(`--at '${at}' is not an ISO 8601 time`)) });
    }
    expect((await run('model', 'predict', '--model', modelJson, '--text', 'rust build notes', '--at', '2024-02-29')).code).toBe(0);
  });

  it('rejects thin history, a missing flag and a non-model file', async () => {
    const thin = path.join(dir, 'thin.csv');
    writeFileSync(thin, formatPostsCsv(all.slice(0, 5)));
    expect((await run('model', 'train', '--posts', thin, '--out', path.join(dir, 'x.json'))).stderr).toMatch(/at least 30 posts/);
    expect((await run('model', 'train', '--posts', thin)).code).toBe(2);
    const r = await run('model', 'score', '--model', trainCsv, '--posts', testCsv);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot load --model/);
    // A model file stripped of the platforms it was trained on cannot say which rows it may score.
    const bare = path.join(dir, 'bare.json');
    writeFileSync(bare, JSON.stringify({ ...JSON.parse(readFileSync(modelJson, 'utf8')), thresholds: {} }));
    expect((await run('model', 'score', '--model', bare, '--posts', testCsv)).stderr).toMatch(/cannot load --model .*names no platform/);
  });
});

describe('sightline posts import', () => {
  it('converts a Hacker News export, skipping and reporting bad rows', async () => {
    const src = path.join(dir, 'hn.csv');
    writeFileSync(src, 'id,title,url,num_points,num_comments,author,created_at\n1,"A, title",http://a.com,5,1,me,1/2/2016 3:04\n2,Bad,,x,1,me,1/2/2016 3:04\n');
    const r = await run('posts', 'import', '--format', 'hackernews', src);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${POST_COLUMNS.join(',')}\n1,hackernews,me,"A, title",http://a.com,2016-01-02T08:04:00.000Z,5,1,,\n`);
    expect(r.stderr).toMatch(/imported 1 posts from 2 rows; skipped 1 bad row/);
    expect(r.stderr).toMatch(/line 3, field 'num_points'/);
  });

  it('names --tz on a bad zone (exit 2), and refuses --tz / --account with a format that does not read them', async () => {
    const src = path.join(dir, 'hn1.csv');
    writeFileSync(src, 'id,title,url,num_points,num_comments,author,created_at\n1,A title,http://a.com,5,1,me,1/2/2016 3:04\n');
    expect(await run('posts', 'import', '--format', 'hackernews', src, '--tz', 'Mars/Base')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--tz 'Mars\/Base' is not an IANA time zone/) });
    const x = path.join(dir, 'tweets.csv');
    writeFileSync(x, 'tweet_id,created_at,text,author_id,like_count,reply_count,retweet_count,quote_count\n1,2024-01-01T00:00:00Z,hi,111,1,0,0,0\n');
    expect(await run('posts', 'import', '--format', 'x', x, '--tz', 'UTC')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--tz applies to --format hackernews only/) });
    expect(await run('posts', 'import', '--format', 'hackernews', src, '--account', '111')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--account applies to --format x only/) });
  });

  it('--account with no posts in the file is an error naming it and the accounts there', async () => {
    const x = path.join(dir, 'tweets2.csv');
    writeFileSync(x, 'tweet_id,created_at,text,author_id,like_count,reply_count,retweet_count,quote_count\n1,2024-01-01T00:00:00Z,hi,111,1,0,0,0\n2,2024-01-01T01:00:00Z,yo,222,,,,\n');
    const out = path.join(dir, 'kept.csv');
    writeFileSync(out, 'KEEP\n');
    const r = await run('posts', 'import', '--format', 'x', x, '--account', 'nobody', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no posts by --account 'nobody' \(authors in it: 111, 222\)/);
    expect(readFileSync(out, 'utf8')).toBe('KEEP\n');
    const ok = await run('posts', 'import', '--format', 'x', x, '--account', '111');
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('rejects an unknown format', async () => {
    const r = await run('posts', 'import', '--format', 'myspace', 'x.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of hackernews, reddit, x/);
  });
});
