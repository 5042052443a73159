import { describe, expect, it } from 'vitest';
import { dataDir, realObservations } from '../../bench/correlate-data.ts';
import { correlate } from './correlate.ts';
import { extractKeyphrases } from './keyphrases.ts';
import type { Observation } from './types.ts';
import { existsSync } from 'node:fs';

const present = existsSync(dataDir);
if (!present) console.warn(`correlate-real.test: skipped, ${dataDir} is absent (the real HN/Reddit/GitHub data lives there in CI)`);

describe.skipIf(!present)('correlate on a day of real HN + Reddit + GitHub observations', () => {
  const now = Date.UTC(2026, 10, 24, 12);
  // The describe body runs even when skipped, so nothing here may assume the data exists.
  const set = (present ? realObservations(4000, now, 24) : null) ?? { observations: [], description: '' };
  const trends = present ? correlate(set.observations, { now }) : [];
  const byKey = new Map<string, Observation>(set.observations.map((o) => [`${o.source}:${o.externalId}`, o]));

  it('finds trends, some of them on more than one source', () => {
    expect(set.observations.length).toBeGreaterThan(3500);
    expect(trends.length).toBeGreaterThan(20);
    const multi = trends.filter((t) => t.platforms.length >= 2);
    expect(multi.length).toBeGreaterThan(3);
  });

  it('keeps records consistent: unique ids, one trend per item, platforms match members', () => {
    expect(new Set(trends.map((t) => t.id)).size).toBe(trends.length);
    const seen = new Set<string>();
    for (const t of trends) {
      expect(Object.keys(t.memberIds).sort()).toEqual(t.platforms);
      let count = 0;
      for (const [source, ids] of Object.entries(t.memberIds)) {
        for (const id of ids!) {
          const key = `${source}:${id}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          expect(byKey.has(key)).toBe(true);
          count++;
        }
      }
      expect(count).toBe(t.items);
      expect(t.confidence).toBeGreaterThan(0);
      expect(t.confidence).toBeLessThan(1);
    }
  });

  it('groups items that actually share the trend\'s keyphrases', () => {
    let members = 0;
    let grounded = 0;
    for (const t of trends.filter((t) => t.platforms.length >= 2)) {
      const trendKeys = new Set(t.keywords.slice(0, 4).flatMap((k) => extractKeyphrases(k).map((p) => p.key)));
      for (const [source, ids] of Object.entries(t.memberIds)) {
        for (const id of ids!) {
          const o = byKey.get(`${source}:${id}`)!;
          members++;
          if (extractKeyphrases(o.title, o.text).some((p) => trendKeys.has(p.key))) grounded++;
        }
      }
    }
    expect(members).toBeGreaterThan(0);
    expect(grounded / members).toBeGreaterThan(0.9);
  });

  it('gives the same trends, ids included, for the same window in another order', () => {
    expect(correlate([...set.observations].reverse(), { now })).toEqual(trends);
  });

  it('ranks multi-source trends above single-item-per-source ones on average', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const multi = trends.filter((t) => t.platforms.length >= 2).map((t) => t.confidence);
    const single = trends.filter((t) => t.platforms.length === 1).map((t) => t.confidence);
    expect(mean(multi)).toBeGreaterThan(mean(single));
  });
});
