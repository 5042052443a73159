import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The evals run as CI runs them, reading ../shared/data (skipped, by describe.skipIf, when it
// is absent). `--held-out <file>` fits on everything there, then scores later posts in the same
// export format (the fixtures here are hand-made, with one bad row each).
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

describe.skipIf(!existsSync(path.join(data, 'hackernews', 'posts.csv')) || !existsSync(path.join(data, 'x-account-history', 'tweets.csv')))('npm run eval:engagement', () => {
  it('prints both models beside their baselines, and each beats them', () => {
    const out = execFileSync(process.execPath, ['bench/eval-engagement.ts'], { cwd: root, encoding: 'utf8' });
    const auc = (label: string) => Number(new RegExp(`^ {2}${label.replace(/[+"]/g, '\\$&')} +(\\d\\.\\d{4})$`, 'm').exec(out)?.[1]);
    const hn = auc('sightline engagement model');
    expect(hn).toBeGreaterThan(auc('baseline: naive Bayes, title words'));
    expect(hn).toBeGreaterThan(auc('baseline: NB, words+hour+day+domain'));
    const x = auc('sightline account model');
    expect(x).toBeGreaterThan(auc('baseline: naive Bayes, words'));
    expect(x).toBeGreaterThan(auc('baseline: "not a reply"'));
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

describe('npm run eval:bursts -- --held-out', () => {
  it('scores another folder of series with its windows under the same configuration', () => {
    // Twelve quiet days of 5-minute counts with a daily rhythm, then a burst on day 10.
    const dir = mkdtempSync(path.join(tmpdir(), 'nab-held-out-'));
    const start = Date.UTC(2015, 2, 1);
    const lines = ['timestamp,value'];
    let seed = 3;
    const noise = () => ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5) * 6;
    for (let i = 0; i < 12 * 288; i++) {
      const t = start + i * 300_000;
      const day = 20 + 8 * Math.sin((2 * Math.PI * (i % 288)) / 288);
      const burst = i >= 10 * 288 && i < 10 * 288 + 36 ? 120 : 0;
      lines.push(`${new Date(t).toISOString().replace('T', ' ').slice(0, 19)},${Math.max(0, Math.round(day + noise() + burst))}`);
    }
    writeFileSync(path.join(dir, 'Twitter_volume_TEST.csv'), lines.join('\n') + '\n');
    const w = (i: number) => new Date(start + i * 300_000).toISOString().replace('T', ' ').replace('Z', '000');
    writeFileSync(path.join(dir, 'windows.json'), JSON.stringify({ 'Twitter_volume_TEST.csv': [[w(10 * 288 - 60), w(10 * 288 + 120)]] }));
    const out = execFileSync(process.execPath, ['bench/eval-bursts.ts', '--held-out', dir], { cwd: root, encoding: 'utf8' });
    const row = /Twitter_volume_TEST\.csv +(-?\d\.\d{4}) +1 +(\d+) +(\d+) +(\d+)/.exec(out);
    expect(row, out).not.toBeNull();
    expect(Number(row![2])).toBe(1); // the burst is caught
    expect(Number(row![4])).toBe(0);
    expect(out).toMatch(/normalised standard-profile score: -?\d+\.\d/);
  });
});
