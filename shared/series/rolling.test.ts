import { describe, expect, it } from 'vitest';
import { RollingSorted } from './rolling.ts';

function naive(xs: number[]): { median: number; mad: number } {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? (s[n >> 1] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
  const d = s.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  return { median, mad: d[Math.floor((n - 1) / 2)] as number };
}

describe('RollingSorted', () => {
  it('median and MAD over the last n values match a from-scratch computation', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 10;
    const r = new RollingSorted(9);
    const all: number[] = [];
    for (let i = 0; i < 200; i++) {
      const x = Math.round(rand() * 4) / 4; // repeats on purpose
      r.push(x);
      all.push(x);
      const want = naive(all.slice(-9));
      expect(r.median()).toBe(want.median);
      expect(r.mad()).toBe(want.mad);
    }
    expect(r.count).toBe(9);
  });
});
