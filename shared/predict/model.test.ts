import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postTime } from '../posts/canonical.ts';
import { importHackerNews } from '../posts/importers.ts';
import { quantile, rocAuc } from './metrics.ts';
import { chooseEngagementModel, engagementScorer, parseEngagementModel, trainEngagementModel } from './model.ts';
import { nbScorer, trainNaiveBayes } from './naive-bayes.ts';
import { syntheticPosts } from './synthetic.ts';

describe('engagement model on planted signals', () => {
  const all = syntheticPosts(1200, 3);
  const train = all.slice(0, 900);
  const test = all.slice(900);
  const model = trainEngagementModel(train);
  const scorer = engagementScorer(model);
  const threshold = model.thresholds.hackernews!;
  const labels = test.map((p) => (p.likes! >= threshold ? 1 : 0) as 0 | 1);

  it('ranks later posts well above chance', () => {
    expect(rocAuc(test.map((p) => scorer.score(p)), labels)).toBeGreaterThan(0.75);
  });

  it('gives probabilities in [0, 1] with a sensible range', () => {
    for (const p of test) {
      const r = scorer.predict(p);
      expect(r.probability).toBeGreaterThanOrEqual(0);
      expect(r.probability).toBeLessThanOrEqual(1);
      expect(r.expected!.low).toBeLessThanOrEqual(r.expected!.median);
      expect(r.expected!.median).toBeLessThanOrEqual(r.expected!.high);
    }
  });

  it('names the planted word and domain among the reasons', () => {
    const r = scorer.predict({ text: 'rust code guide', url: 'https://github.com/x/y' });
    const text = r.reasons.map((x) => x.text).join(' | ');
    expect(text).toMatch(/"rust"/);
    expect(text).toMatch(/github\.com/);
    const plain = scorer.predict({ text: 'code guide', url: 'https://example.com/x' });
    expect(r.probability).toBeGreaterThan(plain.probability);
  });

  it('words no reason after a function word ("what", "would"): the writer cannot act on those', () => {
    // One account whose questions do well: "What would you automate first? …" draws ten times the likes.
    const history = Array.from({ length: 90 }, (_, i) => {
      const question = i % 3 === 0;
      return {
        id: String(i), platform: 'x', author: 'me', url: '', views: null, shares: 1, comments: i % 5,
        text: question ? `What would you automate first? Post ${i}` : `Release notes for week ${i}`,
        publishedAt: new Date(Date.UTC(2026, 8, 1 + Math.floor(i / 2), 9 + (i % 2) * 6)).toISOString(),
        likes: question ? 200 + i : 20 + (i % 7),
      };
    });
    const r = engagementScorer(trainEngagementModel(history, { scope: 'account' })).predict({ text: 'What would you automate first in your release process?' }, 5);
    const words = r.reasons.map((x) => x.text);
    expect(r.probability).toBeGreaterThan(0.5);
    expect(words.join(' | ')).toMatch(/"automate"|questions/);
    for (const w of words) expect(w).not.toMatch(/"(what|would|you|what would|would you)"/);
  });

  it('scores identically after JSON serialise → parse', () => {
    const again = engagementScorer(parseEngagementModel(JSON.stringify(model)));
    expect(test.map((p) => again.score(p))).toEqual(test.map((p) => scorer.score(p)));
  });

  it('scores with boosted trees when there is enough history, and still reads a logistic-only model', () => {
    expect(model.gbdt?.trees.length).toBeGreaterThan(0);
    const { gbdt: _trees, ...older } = model;
    const legacy = engagementScorer(parseEngagementModel(JSON.stringify(older)));
    const p = legacy.predict(test[0]!);
    expect(p.probability).toBeGreaterThan(0);
    expect(p.probability).toBeLessThan(1);
    expect(rocAuc(test.map((x) => legacy.score(x)), labels)).toBeGreaterThan(0.7);
  });

  it('keeps to the logistic when asked, or when history is too thin for trees', () => {
    expect(trainEngagementModel(train, { tuning: { stacker: 'logistic' } }).gbdt).toBeUndefined();
    expect(trainEngagementModel(train.slice(0, 300)).gbdt).toBeUndefined();
  });

  it('is deterministic', () => {
    expect(JSON.stringify(trainEngagementModel(train))).toBe(JSON.stringify(model));
  });

  it('falls back to the general model when a workspace model is thin', () => {
    const thin = trainEngagementModel(train.slice(0, 60), { scope: 'account' });
    expect(chooseEngagementModel(thin, model)).toMatchObject({ source: 'general', why: expect.stringMatching(/thin/) });
    expect(chooseEngagementModel(null, model).source).toBe('general');
    expect(chooseEngagementModel(model, thin).source).toBe('workspace');
  });

  it('trains on a young account where most posts got nothing: a hit is then any engagement at all', () => {
    const young = train.slice(0, 200).map((p, i) => ({ ...p, likes: i % 5 === 0 ? 1 + (i % 3) : 0 }));
    const m = trainEngagementModel(young);
    expect(m.thresholds).toEqual({ [young[0]!.platform]: 0 });
    expect(m.baseRate).toBeCloseTo(0.2, 2);
  });

  it('refuses thin or one-class history', () => {
    expect(() => trainEngagementModel(train.slice(0, 10))).toThrowError(/at least 30/);
    expect(() => trainEngagementModel(train.slice(0, 100).map((p) => ({ ...p, likes: 3 })))).toThrowError(RangeError);
    expect(() => parseEngagementModel('{"kind":"other"}')).toThrowError(/not a sightline engagement model/);
  });
});

const file = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'hackernews', 'posts.csv');
if (!existsSync(file)) console.log(`engagement real-data test skipped: ${file} not found`);

describe.skipIf(!existsSync(file))('engagement model on later Hacker News posts', () => {
  it('beats plain naive Bayes over title words on the latest 20 %', () => {
    const posts = importHackerNews(readFileSync(file, 'utf8')).items.sort((a, b) => postTime(a) - postTime(b));
    const cut = Math.floor(posts.length * 0.8);
    const train = posts.slice(0, cut);
    const test = posts.slice(cut);
    const thr = quantile(train.map((p) => p.likes!), 0.75);
    const y = (p: (typeof posts)[number]) => (p.likes! >= thr ? 1 : 0) as 0 | 1;
    const scorer = engagementScorer(trainEngagementModel(train, { timeZone: 'America/New_York' }));
    const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    const nb = nbScorer(trainNaiveBayes(train.map((p) => words(p.text)), train.map(y), { binary: false }));
    const auc = rocAuc(test.map((p) => scorer.score(p)), test.map(y));
    const base = rocAuc(test.map((p) => nb.logOdds(words(p.text))), test.map(y));
    console.log(`HN later-posts AUC: model ${auc.toFixed(4)}, plain NB ${base.toFixed(4)}`);
    expect(auc).toBeGreaterThan(base);
  }, 60_000);
});
