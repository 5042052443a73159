import { describe, expect, it } from 'vitest';
import { confidenceOf, correlate, headline, trendIdFor, velocityOf, type CorrelatedTrend } from './correlate.ts';
import { fixture, item, now, oneOffs, postgres, rustForLinux, webgpu } from './correlate.fixture.ts';
import type { Observation } from './types.ts';

const all = (obs: Observation[], extra: Parameters<typeof correlate>[1] = { now }) => correlate(obs, { minItems: 1, ...extra });

function trendWith(trends: CorrelatedTrend[], source: string, externalId: string): CorrelatedTrend {
  const t = trends.find((t) => Object.entries(t.memberIds).some(([s, ids]) => s === source && ids!.includes(externalId)));
  if (!t) throw new Error(`no trend holds ${source}:${externalId}`);
  return t;
}

describe('correlate: grouping', () => {
  const trends = all(fixture);

  it('merges one topic told differently on three sources', () => {
    const rfl = trendWith(trends, 'hackernews', '41000001');
    expect(rfl.memberIds).toEqual({
      github: ['Rust-for-Linux/linux'],
      hackernews: ['41000001', '41000002'],
      reddit: ['t3_rfl001', 't3_rfl002'],
    });
    expect(rfl.platforms).toEqual(['github', 'hackernews', 'reddit']);
    expect(rfl.keywords.map((k) => k.toLowerCase())).toEqual(expect.arrayContaining(['rust', 'linux']));
    expect(rfl.items).toBe(5);
  });

  it('keeps different topics apart', () => {
    const rfl = trendWith(trends, 'hackernews', '41000001');
    const gpu = trendWith(trends, 'reddit', 't3_wgp001');
    const pg = trendWith(trends, 'hackernews', '41000020');
    expect(new Set([rfl.id, gpu.id, pg.id]).size).toBe(3);
    expect(gpu.memberIds.hackernews).toEqual(['41000010', '41000011']);
    expect(pg.memberIds).toEqual({ hackernews: ['41000020', '41000021'] });
    // A post about another Rust thing shares a word with the Rust for Linux topic, but is not it.
    expect(trendWith(trends, 'hackernews', '41000034').id).not.toBe(rfl.id);
    for (const o of oneOffs) {
      const t = trendWith(trends, o.source, o.externalId);
      if (o.externalId !== '41000034') expect(t.items).toBe(1);
    }
  });

  it('names a trend by a phrase its members share, in their spelling', () => {
    expect(trendWith(trends, 'hackernews', '41000020').name).toBe('PostgreSQL 18');
    expect(trendWith(trends, 'hackernews', '41000033').name).toMatch(/SQLite browser/);
    expect(trendWith(trends, 'reddit', 't3_wgp001').keywords).toEqual(expect.arrayContaining(['WebGPU', 'Firefox']));
  });

  it('relates trends that share a keyphrase without merging them', () => {
    const rfl = trendWith(trends, 'hackernews', '41000001');
    const rustWeb = trendWith(trends, 'hackernews', '41000034');
    expect(rfl.relatedTrendIds).toContain(rustWeb.id);
    expect(rustWeb.relatedTrendIds).toContain(rfl.id);
    expect(trendWith(trends, 'reddit', 't3_cat001').relatedTrendIds).toEqual([]);
  });

  it('fills the record the trends table needs', () => {
    const rfl = trendWith(trends, 'hackernews', '41000001');
    expect(rfl.firstDetectedAt).toBe(now - 40 * 3_600_000);
    expect(rfl.peakPredictedAt).toBeNull();
    expect(rfl.score).toBeGreaterThan(0);
    expect(rfl.series.items.reduce((a, b) => a + b, 0)).toBe(5);
    expect(rfl.series.items).toHaveLength(72);
    expect(rfl.series.activity).toHaveLength(72);
    expect(rfl.series.start + 71 * 3_600_000).toBe(Math.floor(now / 3_600_000) * 3_600_000);
    for (const t of trends) {
      expect(t.confidence).toBeGreaterThanOrEqual(0);
      expect(t.confidence).toBeLessThanOrEqual(1);
      expect(t.velocity).toBeGreaterThanOrEqual(0);
      expect(t.velocity).toBeLessThanOrEqual(1);
      if (t.sentiment !== null) expect(Math.abs(t.sentiment)).toBeLessThanOrEqual(1);
    }
  });

  it('drops groups below minItems (2 by default)', () => {
    const defaults = correlate(fixture, { now });
    expect(defaults.every((t) => t.items >= 2)).toBe(true);
    expect(defaults.map((t) => t.id).sort()).toEqual(trends.filter((t) => t.items >= 2).map((t) => t.id).sort());
  });
});

describe('correlate: stability', () => {
  it('gives the same topic the same id across runs with different company', () => {
    const a = trendWith(all(fixture), 'hackernews', '41000001');
    const b = trendWith(all([...rustForLinux, ...oneOffs.slice(0, 3)]), 'hackernews', '41000001');
    expect(b.id).toBe(a.id);
    expect(a.id).toMatch(/^tr_[0-9a-z]{14}$/);
    // The id comes from the top two keyphrases, in any order.
    expect(trendIdFor(['linux', 'rust'])).toBe(trendIdFor(['rust', 'linux']));
    expect(trendIdFor(['linux', 'rust'])).not.toBe(trendIdFor(['linux', 'kernel']));
  });

  it('is idempotent and does not depend on input order', () => {
    const first = all(fixture);
    expect(all(fixture)).toEqual(first);
    const shuffled = [...fixture].reverse();
    expect(all(shuffled)).toEqual(first);
  });

  it('counts an item seen many times once: exact duplicate rows change nothing', () => {
    const doubled = [...fixture, ...fixture.slice(0, 10)];
    expect(all(doubled)).toEqual(all(fixture));
  });

  it('turns repeated sightings into activity, not into more items', () => {
    const once = item('reddit', 't3_x', 'Estonia legalizes same-sex marriage', 3, [[0, 900, 100]]);
    const many = item('reddit', 't3_x', 'Estonia legalizes same-sex marriage', 3, [[2, 100, 10], [1, 400, 50], [0, 900, 100]]);
    const [a] = all(once);
    const [b] = all(many);
    expect(a!.items).toBe(1);
    expect(b!.items).toBe(1);
    expect(b!.platforms).toEqual(['reddit']);
    // Same item count and sources: confidence differs only through velocity, never through the count.
    const total = (t: CorrelatedTrend) => t.series.activity.reduce((x, y) => x + y, 0);
    expect(total(b!)).toBeCloseTo(total(a!), 6);
    expect(b!.series.activity.slice(-3).filter((x) => x > 0).length).toBeGreaterThan(1);
  });

  it('ignores observations after now', () => {
    const later = item('hackernews', '41999999', 'Rust for Linux drivers land in the kernel', -5, [[-4, 100, 10]]);
    expect(all([...fixture, ...later])).toEqual(all(fixture));
  });
});

describe('confidence', () => {
  const rising = (id: string, source: Observation['source'], title: string) =>
    item(source, id, title, 3, [[2, 50, 5], [1, 400, 60], [0, 1500, 200]]);

  it('scores a topic rising on three sources above one seen once on one source', () => {
    const three = [
      ...rising('h1', 'hackernews', 'Quantum error correction milestone at Caltech'),
      ...rising('t3_r1', 'reddit', 'Caltech reaches a quantum error correction milestone'),
      ...rising('caltech/qec', 'github', 'caltech/quantum-error-correction'),
    ];
    const lone = item('hackernews', 'h9', 'Solar powered desalination unit tested in Chile', 30, [[29, 12, 2]]);
    const trends = all([...three, ...lone]);
    const multi = trendWith(trends, 'hackernews', 'h1');
    const single = trendWith(trends, 'hackernews', 'h9');
    expect(multi.platforms).toHaveLength(3);
    expect(multi.confidence).toBeGreaterThan(single.confidence);
    expect(multi.score).toBeGreaterThan(single.score);
  });

  it('orders evidence sensibly', () => {
    // Independent sources corroborate more than repeats on one source.
    expect(confidenceOf([1, 1, 1], 0.5, 0.8)).toBeGreaterThan(confidenceOf([3], 0.5, 0.8));
    expect(confidenceOf([2, 2, 2], 0.5, 0.8)).toBeGreaterThan(confidenceOf([6], 0.5, 0.8));
    // More items on the same sources, rising activity and a tighter group each add confidence.
    expect(confidenceOf([3, 2], 0.5, 0.8)).toBeGreaterThan(confidenceOf([1, 1], 0.5, 0.8));
    expect(confidenceOf([2, 2], 0.9, 0.8)).toBeGreaterThan(confidenceOf([2, 2], 0.1, 0.8));
    expect(confidenceOf([2, 2], 0.5, 0.9)).toBeGreaterThan(confidenceOf([2, 2], 0.5, 0.3));
    // Saturates below 1, never above.
    expect(confidenceOf([100, 100, 100, 100], 1, 1)).toBeLessThan(1);
    expect(confidenceOf([], 1, 1)).toBe(0);
  });

  it('ranks the fixture\'s three-source topic first and a stale two-item topic below it', () => {
    const trends = all(fixture);
    const rfl = trendWith(trends, 'hackernews', '41000001');
    const pg = trendWith(trends, 'hackernews', '41000020');
    expect(trends[0]!.id).toBe(rfl.id);
    expect(rfl.confidence).toBeGreaterThan(pg.confidence);
    expect(pg.velocity).toBe(0);
  });
});

describe('velocity', () => {
  it('is 0 for flat or falling activity and high for a surge from nothing', () => {
    expect(velocityOf([...Array(24).fill(2), ...Array(6).fill(2)], 6, 24)).toBe(0);
    expect(velocityOf([...Array(24).fill(3), ...Array(6).fill(1)], 6, 24)).toBe(0);
    expect(velocityOf([...Array(24).fill(0), ...Array(6).fill(1)], 6, 24)).toBeGreaterThan(0.9);
    const mild = velocityOf([...Array(24).fill(1), ...Array(6).fill(1.5)], 6, 24);
    expect(mild).toBeGreaterThan(0);
    expect(mild).toBeLessThan(velocityOf([...Array(24).fill(1), ...Array(6).fill(4)], 6, 24));
  });
});

describe('sentiment', () => {
  it('averages member titles and stays null without sentiment words', () => {
    const trends = all([
      ...item('hackernews', 'b1', 'Massive data breach at Acmecorp, millions of passwords leaked', 2, [[0, 300, 100]]),
      ...item('reddit', 't3_b2', 'Acmecorp data breach: passwords leaked, lawsuit filed', 2, [[0, 900, 300]]),
      ...item('hackernews', 'p1', 'Pelican migration routes mapped over the Sahara', 2, [[0, 30, 5]]),
    ]);
    expect(trendWith(trends, 'hackernews', 'b1').sentiment).toBeLessThan(-0.3);
    expect(trendWith(trends, 'hackernews', 'p1').sentiment).toBeNull();
  });
});

describe('embeddings (optional)', () => {
  it('can split a pair the words alone would merge', () => {
    const obs = [
      ...item('hackernews', 'j1', 'Jaguar unveils a new electric sports car', 2, [[0, 100, 10]]),
      ...item('reddit', 't3_j2', 'Rangers film a Jaguar with new cubs in the Amazon', 2, [[0, 900, 50]]),
    ];
    const plain = all(obs, { now, threshold: 0.2 });
    expect(trendWith(plain, 'hackernews', 'j1').items).toBe(2);
    const embeddings = new Map([
      ['hackernews:j1', [1, 0, 0]],
      ['reddit:t3_j2', [0, 1, 0]],
    ]);
    const split = all(obs, { now, threshold: 0.2, embeddings, embeddingWeight: 0.8 });
    expect(trendWith(split, 'hackernews', 'j1').items).toBe(1);
  });
});

describe('edge cases', () => {
  it('handles an empty window, null counts and titles without words', () => {
    expect(correlate([], { now })).toEqual([]);
    const odd = [
      ...item('reddit', 't3_e1', '🔥🔥🔥', 2, [[1, 10, 1]]),
      ...item('reddit', 't3_e2', '🔥🔥🔥', 2, [[1, 12, 1]]),
      { ...item('hackernews', 'n1', 'Zig 1.0 released', 2, [[1, 0, 0]])[0]!, score: null, comments: null },
      { ...item('reddit', 't3_n2', 'Zig 1.0 is out', 2, [[1, 0, 0]])[0]!, score: null, comments: null },
    ];
    const trends = all(odd);
    const zig = trendWith(trends, 'hackernews', 'n1');
    expect(zig.memberIds.reddit).toEqual(['t3_n2']);
    expect(Number.isFinite(zig.confidence) && Number.isFinite(zig.velocity)).toBe(true);
    // Items with no keyphrase cannot be about a topic.
    expect(trends.some((t) => t.memberIds.reddit?.includes('t3_e1'))).toBe(false);
  });
});

describe('keyphrase cache', () => {
  it('reuses extraction across runs without changing the result', () => {
    const cache = new Map();
    const a = all(fixture, { now, cache });
    const size = cache.size;
    const b = all([...fixture, ...webgpu, ...postgres], { now, cache });
    expect(cache.size).toBe(size);
    expect(b).toEqual(a);
  });
});

describe('headline', () => {
  it.each([
    ['passkeys', 'Passkeys'],
    ['work week', 'Work week'],
    ['AI agents', 'AI agents'],
    ['iPhone 18', 'iPhone 18'],
    ['npm', 'npm'],
    ['rust GPU driver', 'Rust GPU driver'],
    ['eBPF tracing', 'eBPF tracing'],
  ])('%j reads %j', (name, shown) => {
    expect(headline(name)).toBe(shown);
  });
});

describe('correlate: keywords', () => {
  it('leaves everyday nouns out of the keywords people read', () => {
    const obs = [
      ...item('hackernews', 'w1', 'A four-day work week trial: results after a year', 5, [[1, 40, 10]]),
      ...item('reddit', 'w2', 'We tried the four-day work week for a year', 4, [[1, 30, 12]]),
      ...item('google-trends', 'w3', 'four day work week', 3, [[1, 5000, 0]], 'Four-day work week trial results published'),
    ];
    const [trend] = correlate(obs, { now });
    // "results" groups these items as much as anything, but as a keyword it says nothing.
    expect(trend!.keywords).toEqual(['work week']);
  });
});
