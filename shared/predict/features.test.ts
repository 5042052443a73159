import { describe, expect, it } from 'vitest';
import { DENSE_FEATURES, denseFeatures, shapeFlags, type FeatureContext, type KeyStats } from './features.ts';

const ctx = (authorFeatures: boolean, known: Record<string, KeyStats> = {}): FeatureContext => ({
  timeZone: 'UTC',
  baseRate: 0.25,
  meanLog: 2,
  shrink: 5,
  authorFeatures,
  domain: (d) => known[d],
  author: (a) => known[a],
});

describe('denseFeatures', () => {
  it('names exactly the dense feature list', () => {
    const x = denseFeatures({ text: 'Show HN: a thing', url: 'https://github.com/a/b', author: 'ann', publishedAt: '2016-01-04T15:30:00Z' }, ctx(true), { nb: 1, lift: 2 });
    expect(Object.keys(x).sort()).toEqual([...DENSE_FEATURES].sort());
    expect(x).toMatchObject({ nb: 1, term_lift: 2, hour: 15, weekday: 0, words: 4, 'flag:colon': 1, 'flag:no_link': 0 });
  });

  it('leaves unknowns as NaN, not zero, and hides the author in an account model', () => {
    const x = denseFeatures({ text: 'hello' }, ctx(false), { nb: 0, lift: 0 });
    for (const k of ['dom_lift', 'dom_mean_log', 'dom_log_posts', 'author_lift', 'author_mean_log', 'author_log_posts', 'hour', 'weekday']) expect(x[k], k).toBeNaN();
    expect(x['flag:no_link']).toBe(1);
  });

  it('uses track records only through the context it is given', () => {
    const strong = { n: 20, hits: 15, sumLog: 100 };
    const a = denseFeatures({ text: 't', url: 'https://x.org/p', author: 'bob' }, ctx(true, { 'x.org': strong, bob: strong }), { nb: 0, lift: 0 });
    const b = denseFeatures({ text: 't', url: 'https://x.org/p', author: 'bob' }, ctx(true), { nb: 0, lift: 0 });
    expect(a.dom_lift).toBeGreaterThan(0.5);
    expect(a.author_lift).toBeGreaterThan(0.5);
    expect(a.author_log_posts).toBeCloseTo(Math.log(21));
    expect(b).toMatchObject({ dom_lift: 0, author_lift: 0, author_log_posts: 0, dom_log_posts: 0 });
    expect(b.author_mean_log).toBeNaN();
  });
});

describe('shapeFlags', () => {
  it('words tone with the lexicon the trends use, negation included', () => {
    expect(shapeFlags('Massive data breach exposes 10M accounts', '')).toMatchObject({ 'flag:negative': 1 });
    expect(shapeFlags('Rust 1.0 released: faster builds', '')).toMatchObject({ 'flag:positive': 1 });
    const flipped = shapeFlags('This patch did not help', '');
    expect(flipped['flag:negative']).toBe(1);
    expect(flipped['flag:positive']).toBeUndefined();
    const plain = shapeFlags('Notes on a compiler', '');
    expect(plain['flag:positive'] ?? plain['flag:negative']).toBeUndefined();
  });
});
