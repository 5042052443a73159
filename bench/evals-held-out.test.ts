import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The evals' `--held-out <file>` mode: fit on everything in ../shared/data, then score later
// posts in the same export format (the fixtures here are hand-made, with one bad row each).
const root = path.resolve(import.meta.dirname, '..');
const data = path.resolve(root, '..', 'shared', 'data');
const run = (script: string, fixture: string) => execFileSync(process.execPath, [`bench/${script}`, '--held-out', `bench/fixtures/${fixture}`], { cwd: root, encoding: 'utf8' });

describe.skipIf(!existsSync(path.join(data, 'hackernews', 'posts.csv')))('npm run eval:engagement -- --held-out', () => {
  it('trains on all of the shared posts and scores the later file beside the same baselines, reporting bad rows', () => {
    const out = run('eval-engagement.ts', 'hn-held-out.csv');
    expect(out).toMatch(/held-out file: 1 bad rows skipped \(first: line 25, created_at: /);
    expect(out).toMatch(/train: 15756 posts 2015-09-06 \.\. 2016-07-01; test: 23 posts 2016-07-01 \.\. 2016-07-12/);
    const aucs = [...out.matchAll(/^ {2}(sightline engagement model|baseline: naive Bayes, title words|baseline: NB, words\+hour\+day\+domain) +(\d\.\d{4})$/gm)];
    expect(aucs.map((m) => m[1])).toEqual(['sightline engagement model', 'baseline: naive Bayes, title words', 'baseline: NB, words+hour+day+domain']);
    for (const m of aucs) expect(Number(m[2])).toBeGreaterThan(0.5);
  }, 60_000);
});

describe.skipIf(!existsSync(path.join(data, 'x-account-history', 'tweets.csv')))('npm run eval:best-time -- --held-out', () => {
  it('fits on the whole account history and compares slots on the later tweets, retweets and bad rows left out', () => {
    const out = run('eval-best-time.ts', 'x-held-out.csv');
    expect(out).toMatch(/held-out file: 1 bad rows skipped \(first: line 16, created_at: /);
    expect(out).toMatch(/fit: 3054 posts 2022-06-07 \.\. 2022-12-18; test: 14 posts 2022-12-19 \.\. 2022-12-30/);
    expect(out).toMatch(/top 12 of 168 hour-of-week slots; held-out posts, engagement in recommended slots vs the rest:\n {2}sightline \(account, shrunk\) +n +\d+ vs +\d+; mean ratio/);
    expect(out).toMatch(/promised vs realised lift on the held-out posts/);
    expect(out).toMatch(/recommended now \(fit on all of the history\): \w{3} \d\d:00 [+-]\d+%/);
  }, 60_000);
});
