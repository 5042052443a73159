import { describe, expect, it } from 'vitest';
import { PeakForecaster, alarmFeatures, baselineBefore, burstOutcome, peakAccuracy, riseOnset, type Case } from './forecast.ts';
import { forecastPeaks, resolveForecast } from './forecast-series.ts';

const H = 3_600_000;

/** A gamma-shaped pulse over a flat base, hourly. */
function pulse(n: number, start: number, rise: number, height: number, base = 10): { times: number[]; values: number[] } {
  const times = Array.from({ length: n }, (_, i) => i * H);
  const values = times.map((_, i) => {
    const d = i - start;
    return base + (d <= 0 ? 0 : height * (d / rise) * Math.exp(1 - d / rise));
  });
  return { times, values };
}

describe('burst outcome', () => {
  it('finds the peak and the half-life of a pulse', () => {
    const { times, values } = pulse(100, 20, 5, 100);
    const base = baselineBefore(values, 20, 20);
    expect(base).toEqual({ level: 10, spread: 0 });
    const o = burstOutcome(times, values, 22, 100, base);
    expect(o.peakIndex).toBe(25);
    expect(o.lagHours).toBe(3);
    // excess(d) = 100·(d/5)·e^(1-d/5) halves to 50 at d/5 ≈ 2.678, i.e. ≈ 8.39 h after the peak.
    expect(o.halfLifeHours).toBeGreaterThan(8.2);
    expect(o.halfLifeHours).toBeLessThan(8.6);
  });

  it('has no half-life when the data ends before the decay', () => {
    const { times, values } = pulse(30, 20, 5, 100);
    expect(burstOutcome(times, values, 22, 30, { level: 10, spread: 0 }).halfLifeHours).toBeUndefined();
  });

  it('describes an alarm from points at or before it only', () => {
    const a = pulse(100, 20, 5, 100);
    const b = pulse(100, 20, 5, 100);
    b.values.fill(999, 23); // the future differs
    const base = baselineBefore(a.values, 20, 20);
    const onset = riseOnset(a.values, 22, base, 48);
    expect(onset).toBe(20);
    expect(alarmFeatures(a.times, a.values, 22, onset, base)).toEqual(alarmFeatures(b.times, b.values, 22, riseOnset(b.values, 22, base, 48), base));
  });
});

describe('analog forecaster', () => {
  const mk = (riseHours: number, lagHours: number): Case => ({
    features: { riseHours, growth: 1, excess: 3 },
    outcome: { lagHours, peakRatio: 2, halfLifeHours: 4 },
  });
  // Slow rises peak late, fast ones peak soon: the forecaster should pick that up.
  const cases = [...Array.from({ length: 20 }, (_, i) => mk(1 + (i % 3) * 0.1, 1)), ...Array.from({ length: 20 }, (_, i) => mk(10 + (i % 3), 8))];

  it('forecasts from the nearest cases, with an interval around the point', () => {
    const f = new PeakForecaster(cases);
    expect(f.neighbours).toBeLessThan(40);
    const fast = f.forecast(0, 40, { riseHours: 1, growth: 1, excess: 3 }, { level: 10, spread: 2 });
    const slow = f.forecast(0, 40, { riseHours: 11, growth: 1, excess: 3 }, { level: 10, spread: 2 });
    expect(fast.peakTime.point).toBe(1 * H);
    expect(slow.peakTime.point).toBe(8 * H);
    expect(slow.peakTime.low).toBeLessThanOrEqual(slow.peakTime.point);
    expect(slow.peakTime.high).toBeGreaterThanOrEqual(slow.peakTime.point);
    // Level: base + excess × median ratio = 10 + 30 × 2.
    expect(slow.peakLevel.point).toBe(70);
    expect(slow.halfLifeHours?.point).toBe(4);
  });

  it('falls back to a rule with no cases', () => {
    const f = new PeakForecaster([]).forecast(0, 40, { riseHours: 4, growth: 0.5, excess: 3 }, { level: 10, spread: 2 });
    expect(f.support).toBe(0);
    expect(f.peakTime.point).toBe(2 * H);
    const stalled = new PeakForecaster([]).forecast(0, 40, { riseHours: 4, growth: -0.1, excess: 3 }, { level: 10, spread: 2 });
    expect(stalled.peakTime.point).toBe(0);
  });

  it('scores accuracy 1 when exact and 0.5 when off by its own lead', () => {
    const f = new PeakForecaster([]).forecast(0, 40, { riseHours: 4, growth: 0.5, excess: 3 }, { level: 10, spread: 2 });
    expect(peakAccuracy(f, 2 * H)).toBe(1);
    expect(peakAccuracy(f, 4 * H)).toBeCloseTo(0.5, 12);
  });
});

describe('forecasts over a series', () => {
  // Five-minute counts with a burst every 11 days (beyond the detector's 10-day z history).
  const step = 300_000;
  const n = 288 * 60;
  const times = Array.from({ length: n }, (_, i) => i * step);
  const values = times.map((_, i) => {
    let v = 20 + ((i * 7919) % 11) - 5;
    for (let b = 4; b < 60; b += 11) {
      const d = i - b * 288;
      if (d > 0) v += 400 * (d / 24) * Math.exp(1 - d / 24);
    }
    return Math.round(v);
  });

  it('forecasts at each alarm using only earlier points', () => {
    const all = forecastPeaks(times, values);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const cut = (all[2] as { alarmIndex: number }).alarmIndex + 1;
    const prefix = forecastPeaks(times.slice(0, cut), values.slice(0, cut));
    expect(prefix).toEqual(all.slice(0, 3));
    for (const f of all) expect(f.forecast.peakTime.point).toBeGreaterThanOrEqual(f.forecast.alarmTime);
  });

  it('learns the burst shape from its own earlier bursts', () => {
    const all = forecastPeaks(times, values);
    const last = all[all.length - 1] as (typeof all)[number];
    expect(last.forecast.support).toBeGreaterThan(0);
    const resolved = resolveForecast(last, times, values);
    expect(resolved).toBeDefined();
    // Every burst has the same shape, so the forecast lands within 30 minutes.
    expect(Math.abs((resolved?.actualPeakTime ?? 0) - last.forecast.peakTime.point)).toBeLessThanOrEqual(30 * 60_000);
    expect(resolved?.accuracy).toBeGreaterThan(0.5);
  });

  it('does not resolve a forecast before the peak has passed', () => {
    const all = forecastPeaks(times, values);
    const first = all[0] as (typeof all)[number];
    const upTo = first.alarmIndex + 3;
    expect(resolveForecast(first, times.slice(0, upTo), values.slice(0, upTo))).toBeUndefined();
  });
});
