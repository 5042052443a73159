import { BurstDetector, burstConfigForStep, typicalStep, type BurstConfig } from './burst.ts';
import {
  PeakForecaster,
  alarmFeatures,
  baselineBefore,
  burstOutcome,
  peakAccuracy,
  riseOnset,
  type Baseline,
  type Case,
  type PeakForecast,
} from './forecast.ts';

/**
 * Alarms and peak forecasts over one series, as a stream: at each alarm the forecaster
 * learns only from this series' earlier bursts whose outcome window had already closed,
 * so a forecast never uses a point after its alarm.
 */

export interface SeriesForecast {
  alarmIndex: number;
  base: Baseline;
  forecast: PeakForecast;
}

export interface ForecastSeriesOptions {
  /** Detector settings; by default the defaults adapted to the series' sampling step. */
  detector?: Partial<BurstConfig>;
}

export function forecastPeaks(times: readonly number[], values: readonly number[], options: ForecastSeriesOptions = {}): SeriesForecast[] {
  const step = typicalStep(times);
  const cfg = { ...burstConfigForStep(step), ...options.detector };
  // Forecast times land on the series' own grid: a peak "at 03:15:23" in 5-minute data
  // promises a precision the data does not have.
  const snap = (alarm: number, t: number) => alarm + Math.round((t - alarm) / step) * step;
  const det = new BurstDetector(cfg);
  // A burst's outcome is read over the refractory span after its alarm: long enough to
  // see its peak and decay, and closed before the next alarm can fire.
  const horizon = cfg.refractory;
  const alarms: { index: number; base: Baseline; onset: number }[] = [];
  const out: SeriesForecast[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!det.push(times[i] as number, values[i] as number).alarm) continue;
    const cases: Case[] = [];
    for (const a of alarms) {
      // The refractory span keeps alarms at least `horizon` apart, so every earlier
      // burst's window has closed by now; `i` only caps it for safety.
      const end = Math.min(a.index + horizon, i);
      cases.push({
        features: alarmFeatures(times, values, a.index, a.onset, a.base),
        outcome: burstOutcome(times, values, a.index, end, a.base),
      });
    }
    const base = baselineBefore(values, Math.max(0, i - cfg.short), cfg.baseline);
    const onset = riseOnset(values, i, base, horizon);
    const forecaster = new PeakForecaster(cases);
    const at = times[i] as number;
    const raw = forecaster.forecast(at, values[i] as number, alarmFeatures(times, values, i, onset, base), base);
    const forecast: PeakForecast = {
      ...raw,
      peakTime: { point: snap(at, raw.peakTime.point), low: snap(at, raw.peakTime.low), high: snap(at, raw.peakTime.high) },
    };
    out.push({ alarmIndex: i, base, forecast });
    alarms.push({ index: i, base, onset });
  }
  return out;
}

export interface ResolvedForecast {
  actualPeakTime: number;
  actualPeakValue: number;
  /** peakAccuracy: 1 = exact, 0.5 = off by the forecast's own lead time. */
  accuracy: number;
}

/**
 * Backfill once the real peak has passed: the peak is settled when the series has gone
 * past the forecast interval's upper end and fallen back to half the excess of the
 * highest point since the alarm. Returns undefined while that is not yet known.
 */
export function resolveForecast(
  f: SeriesForecast,
  times: readonly number[],
  values: readonly number[],
): ResolvedForecast | undefined {
  let peak = f.alarmIndex;
  let settled = false;
  for (let i = f.alarmIndex; i < values.length; i++) {
    if ((values[i] as number) > (values[peak] as number)) peak = i;
    const half = f.base.level + ((values[peak] as number) - f.base.level) / 2;
    if ((times[i] as number) >= f.forecast.peakTime.high && i > peak && (values[i] as number) <= half) {
      settled = true;
      break;
    }
  }
  if (!settled) return undefined;
  const actualPeakTime = times[peak] as number;
  return { actualPeakTime, actualPeakValue: values[peak] as number, accuracy: peakAccuracy(f.forecast, actualPeakTime) };
}
