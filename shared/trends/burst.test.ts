import { describe, expect, it } from 'vitest';
import { burstConfigForStep, defaultBurstConfig, detectBursts, typicalStep } from './burst.ts';

const STEP = 300_000;

/** Deterministic Poisson counts with a daily cycle, like a quiet topic's mention volume. */
function volume(days: number, seed: number, bursts: { at: number; height: number; width: number }[] = []) {
  let s = seed;
  const uniform = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
  const poisson = (lambda: number) => {
    let k = 0;
    let p = Math.exp(-lambda);
    let c = p;
    const u = uniform();
    while (u > c && k < 10_000) {
      k++;
      p *= lambda / k;
      c += p;
    }
    return k;
  };
  const n = days * 288;
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const hour = (i % 288) / 12;
    let lambda = 20 * (1 + 0.6 * Math.sin(((hour - 9) / 24) * 2 * Math.PI));
    for (const b of bursts) {
      const d = i - b.at;
      if (d >= 0) lambda += b.height * Math.exp(-d / b.width) * Math.min(1, (d + 1) / 6);
    }
    times.push(Date.UTC(2015, 1, 1) + i * STEP);
    values.push(poisson(lambda));
  }
  return { times, values };
}

describe('burst detector', () => {
  it('is causal: alarms on any prefix equal the full run restricted to that prefix', () => {
    const { times, values } = volume(20, 3, [
      { at: 9 * 288, height: 200, width: 30 },
      { at: 15 * 288 + 100, height: 120, width: 60 },
    ]);
    const full = detectBursts(times, values);
    expect(full.length).toBeGreaterThan(0);
    for (const cut of [2000, 2600, 2700, 4500, 5000]) {
      expect(detectBursts(times.slice(0, cut), values.slice(0, cut))).toEqual(full.filter((i) => i < cut));
    }
  });

  it('raises exactly one alarm per burst, early in its rise', () => {
    // Spaced beyond the 14-day z history: a burst within 14 days of a much bigger one
    // must be bigger than that one's tail to alarm (by design, see BurstConfig.history).
    const bursts = [
      { at: 8 * 288 + 40, height: 150, width: 36 },
      { at: 23 * 288 + 200, height: 300, width: 72 },
      { at: 38 * 288 + 10, height: 100, width: 24 },
    ];
    const { times, values } = volume(42, 11, bursts);
    const alarms = detectBursts(times, values);
    expect(alarms.length).toBe(3);
    alarms.forEach((a, k) => {
      const lag = a - (bursts[k] as { at: number }).at;
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(12); // within an hour of onset
    });
  });

  it('a small burst does not mute a much larger one that follows within the refractory span', () => {
    const small = { at: 10 * 288, height: 60, width: 12 };
    const big = { at: 10 * 288 + 72, height: 600, width: 36 }; // six hours later
    const { times, values } = volume(14, 4, [small, big]);
    const alarms = detectBursts(times, values);
    expect(alarms).toHaveLength(2);
    expect((alarms[1] as number) - big.at).toBeLessThan(6);
    // Without escalation the refractory span swallows the big one.
    expect(detectBursts(times, values, { escalation: 0 })).toHaveLength(1);
  });

  it('stays silent on stationary noise with a daily cycle', () => {
    for (const seed of [1, 2, 5]) {
      const { times, values } = volume(30, seed);
      expect(detectBursts(times, values)).toEqual([]);
    }
  });

  it('stays silent on a flat or nearly empty series', () => {
    const times = Array.from({ length: 5000 }, (_, i) => i * STEP);
    expect(detectBursts(times, times.map(() => 0))).toEqual([]);
    expect(detectBursts(times, times.map(() => 42))).toEqual([]);
  });

  it('rescales its sizes for other sampling steps and keeps 5-minute defaults', () => {
    expect(typicalStep([0, 300_000, 600_000, 900_000])).toBe(STEP);
    expect(burstConfigForStep(STEP)).toEqual(defaultBurstConfig);
    const daily = burstConfigForStep(86_400_000);
    expect(daily).toMatchObject({ baseline: 28, short: 1, confirm: 1, seasonDays: 0, history: 0, threshold: defaultBurstConfig.threshold });
    const hourly = burstConfigForStep(3_600_000);
    expect(hourly).toMatchObject({ baseline: 48, refractory: 24, pointsPerHour: 1, seasonDays: 7 });
  });
});
