import { describe, expect, it } from 'vitest';
import { normalisedScore, probationaryLength, scaledSigmoid, scoreNabFile, standardProfile } from './nab-score.ts';

// A hand-made file: 2000 rows one minute apart, probation = 300 rows, two windows.
const MIN = 60_000;
const times = Array.from({ length: 2000 }, (_, i) => i * MIN);
const windows: [number, number][] = [
  [500 * MIN, 599 * MIN], // rows 500..599 (width 100)
  [1200 * MIN, 1299 * MIN], // rows 1200..1299
];
const score = (alarms: number[]) => scoreNabFile(times, windows, alarms);

describe('NAB scaled sigmoid', () => {
  it('matches NAB at the window edges and beyond', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3)).toBe(-1);
  });
  it('probation is 15% of rows, at most 750', () => {
    expect(probationaryLength(2000)).toBe(300);
    expect(probationaryLength(15902)).toBe(750);
  });
});

describe('NAB file scorer (standard profile)', () => {
  it('null detector scores -windows and normalises to 0', () => {
    const s = score([]);
    expect(s).toMatchObject({ raw: -2, windows: 2, tp: 0, fp: 0, fn: 2, nullScore: -2 });
    expect(normalisedScore([s])).toBe(0);
  });

  it('alarms at every window start score +1 each and normalise to 100', () => {
    const s = score([500, 1200]);
    expect(s.raw).toBeCloseTo(2, 10);
    expect(s.perfectScore).toBeCloseTo(2, 10);
    expect(normalisedScore([s])).toBeCloseTo(100, 8);
  });

  it('only the earliest alarm in a window counts; later ones are free', () => {
    expect(score([500, 520, 590, 1200]).raw).toBeCloseTo(score([500, 1200]).raw, 12);
    // Half-way into a window: scaledSigmoid(-(599-550+1)/100) / scaledSigmoid(-1).
    const half = score([550, 1200]);
    expect(half.raw).toBeCloseTo(1 + scaledSigmoid(-0.5) / scaledSigmoid(-1), 12);
  });

  it('a false positive with no window before it costs the full 0.11', () => {
    const s = score([400, 500, 1200]);
    expect(s.fp).toBe(1);
    expect(s.raw).toBeCloseTo(2 - standardProfile.fpWeight, 12);
  });

  it('a false positive after a window costs 0.11 × sigmoid of its distance past it', () => {
    // Row 649 is 50 rows past the right edge (599) of a 100-row window: position 50/99.
    const s = score([500, 649, 1200]);
    expect(s.raw).toBeCloseTo(2 + standardProfile.fpWeight * scaledSigmoid(50 / 99), 12);
    // Far past (≥ 3 widths): the full cost.
    expect(score([500, 1000, 1200]).raw).toBeCloseTo(2 - 0.11, 12);
  });

  it('ignores alarms in the probationary period', () => {
    expect(score([10, 299]).raw).toBe(-2);
    expect(score([10, 299]).fp).toBe(0);
  });

  it('a missed window costs 1 next to a caught one', () => {
    expect(score([500]).raw).toBeCloseTo(0, 12);
    expect(score([500])).toMatchObject({ tp: 1, fn: 1 });
  });

  it("reproduces Numenta HTM's normalised 66.1 from its published per-file raw scores", () => {
    const raws = [1.2639, -0.744, 0.7236, 2.3095, 1.6105];
    const wins = [4, 4, 3, 3, 2];
    const files = raws.map((raw, i) => ({ raw, windows: wins[i] as number, tp: 0, fp: 0, fn: 0, nullScore: -(wins[i] as number), perfectScore: wins[i] as number }));
    expect(normalisedScore(files)).toBeCloseTo(66.1, 1);
  });
});
