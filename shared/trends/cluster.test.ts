import { describe, expect, it } from 'vitest';
import { groupByCentroid, nearestNeighbours } from './cluster.ts';
import type { SparseVector } from './tfidf.ts';

/** A normalised sparse vector from term id → weight. */
function vec(terms: Record<number, number>): SparseVector {
  const entries = Object.entries(terms).map(([k, w]) => [Number(k), w] as const).sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0));
  return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float64Array.from(entries, (e) => e[1] / norm) };
}

const opts = { threshold: 0.3, neighbours: 12, maxPostings: 400, embeddingWeight: 0.5 };
const specificAll = new Uint8Array(10).fill(1);
const none = () => undefined;

describe('nearestNeighbours', () => {
  it('finds pairs through shared terms only, both ways, strongest first', () => {
    const vs = [vec({ 0: 1, 1: 1 }), vec({ 0: 1, 1: 1, 2: 1 }), vec({ 3: 1 }), vec({ 0: 1, 4: 1, 5: 1, 6: 1 })];
    const nb = nearestNeighbours(vs, specificAll, ['a', 'b', 'c', 'd'], opts);
    expect([...nb[0]!.ids]).toEqual([1, 3]);
    // b–d: cosine 1/(2√3) ≈ 0.29, under the threshold.
    expect([...nb[1]!.ids]).toEqual([0]);
    expect([...nb[2]!.ids]).toEqual([]);
    expect(nb[0]!.sims[0]).toBeCloseTo(2 / Math.sqrt(6), 9);
  });

  it('needs two shared terms unless the one shared term is specific', () => {
    const vs = [vec({ 0: 1, 1: 0.2 }), vec({ 0: 1, 2: 0.2 })];
    const everyday = new Uint8Array(3);
    expect([...nearestNeighbours(vs, everyday, ['a', 'b'], opts)[0]!.ids]).toEqual([]);
    expect([...nearestNeighbours(vs, specificAll, ['a', 'b'], opts)[0]!.ids]).toEqual([1]);
  });
});

describe('groupByCentroid', () => {
  it('does not chain A–B–C when A and C have nothing in common', () => {
    // A and C each share half of B; a chain through B would merge all three.
    const vs = [vec({ 0: 1, 1: 1 }), vec({ 1: 1, 2: 1 }), vec({ 2: 1, 3: 1 })];
    const nb = nearestNeighbours(vs, specificAll, ['a', 'b', 'c'], { ...opts, threshold: 0.45 });
    expect(nb[1]!.ids.length).toBe(2);
    const groups = groupByCentroid(vs, nb, 0.45, none, 0);
    expect(groups.map((g) => g.length).sort()).toEqual([1, 2]);
  });

  it('merges a tight topic whatever order the edges come in', () => {
    const vs = [vec({ 0: 1, 1: 1, 2: 0.5 }), vec({ 0: 1, 1: 1, 3: 0.5 }), vec({ 0: 1, 1: 0.8, 4: 0.5 }), vec({ 7: 1, 8: 1 })];
    const nb = nearestNeighbours(vs, specificAll, ['a', 'b', 'c', 'd'], opts);
    expect(groupByCentroid(vs, nb, 0.3, none, 0)).toEqual([[0, 1, 2], [3]]);
  });
});
