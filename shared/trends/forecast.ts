/**
 * Peak forecasts for a trend that has just alarmed: when will it peak, how high, and
 * how fast will it decay (half-life), each with an interval.
 *
 * The forecaster is an analog (nearest-neighbour) model: each past burst whose outcome
 * is known becomes a case (what the rise looked like at its alarm → how long until the
 * peak, the peak's size relative to the alarm level, the decay half-life). A new alarm
 * is described the same way and forecast from its k most similar cases: the median for
 * the point forecast, the 10th–90th percentiles for the interval. Features are the
 * rise's age, its last step's growth, its height over the baseline's spread and the hour
 * of day. With no cases yet it falls back to a cautious rule on the rise itself.
 *
 * Everything describing an alarm uses only points at or before the alarm.
 */

export interface AlarmFeatures {
  /** Hours from the rise's onset to the alarm. */
  riseHours: number;
  /** Log growth of the excess over baseline on the last step before the alarm. */
  growth: number;
  /** log1p of the excess over baseline at the alarm, relative to the baseline's spread. */
  excess: number;
  /** UTC hour of the alarm (0..24): audiences, and so bursts, follow the clock. */
  hourOfDay?: number;
}

export interface BurstOutcome {
  /** Hours from the alarm to the peak. */
  lagHours: number;
  /** Peak excess over baseline divided by the alarm's excess (≥ 1 when the peak is later). */
  peakRatio: number;
  /** Hours after the peak until the excess halves; undefined when the data ends first. */
  halfLifeHours: number | undefined;
}

export interface Interval {
  point: number;
  low: number;
  high: number;
}

export interface PeakForecast {
  alarmTime: number;
  peakTime: Interval;
  /** Forecast peak value (baseline + excess), same units as the input. */
  peakLevel: Interval;
  halfLifeHours: Interval | undefined;
  /** Cases the forecast was drawn from (0 = the fallback rule). */
  support: number;
}

export interface Case {
  features: AlarmFeatures;
  outcome: BurstOutcome;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Median; NaN for no values. */
function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const a = s[lo] as number;
  const b = s[Math.min(s.length - 1, lo + 1)] as number;
  return a + (b - a) * (pos - lo);
}

export interface Baseline {
  level: number;
  spread: number;
}

/**
 * The pre-burst level: median and MAD of up to `lookback` points before `end`
 * (exclusive). Points inside the rise are left out by the caller choosing `end`.
 */
export function baselineBefore(values: readonly number[], end: number, lookback: number): Baseline {
  const from = Math.max(0, end - lookback);
  const window = values.slice(from, Math.max(from, end));
  if (window.length === 0) return { level: 0, spread: 1 };
  const level = median(window);
  const spread = median(window.map((v) => Math.abs(v - level)));
  return { level, spread };
}

/**
 * Onset of the rise that ends at `alarm`: walking back from the alarm, the last point
 * still at or below the baseline level plus two spreads (and at most `maxBack` back).
 */
export function riseOnset(values: readonly number[], alarm: number, base: Baseline, maxBack: number): number {
  const limit = base.level + 2 * Math.max(base.spread, 1e-9);
  let i = alarm;
  while (i > 0 && alarm - i < maxBack && (values[i - 1] as number) > limit) i--;
  return Math.max(0, i - 1);
}

export function alarmFeatures(times: readonly number[], values: readonly number[], alarm: number, onset: number, base: Baseline): AlarmFeatures {
  // Volumes are counts: the spread cannot be below counting noise, sqrt(level), or 1.
  const unit = Math.max(base.spread, Math.sqrt(Math.max(1, base.level)));
  const excessAt = (i: number) => Math.max(0, (values[i] as number) - base.level) / unit;
  const e = excessAt(alarm);
  const prev = alarm > 0 ? excessAt(alarm - 1) : 0;
  return {
    riseHours: Math.max(0, ((times[alarm] as number) - (times[onset] as number)) / HOUR_MS),
    growth: Math.log1p(e) - Math.log1p(prev),
    excess: Math.log1p(e),
    hourOfDay: ((((times[alarm] as number) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS,
  };
}

/**
 * What actually happened after an alarm, known once the series has moved on: the peak
 * is the highest point in [alarm, end); the half-life is the time after the peak until
 * the excess first falls to half (linearly interpolated between points).
 */
export function burstOutcome(times: readonly number[], values: readonly number[], alarm: number, end: number, base: Baseline): BurstOutcome & { peakIndex: number } {
  let peak = alarm;
  for (let i = alarm; i < end; i++) if ((values[i] as number) > (values[peak] as number)) peak = i;
  const excess = (i: number) => (values[i] as number) - base.level;
  const peakExcess = excess(peak);
  const alarmExcess = Math.max(excess(alarm), 1e-9);
  let halfLifeHours: number | undefined;
  const half = peakExcess / 2;
  for (let i = peak + 1; i < end; i++) {
    const cur = excess(i);
    if (cur <= half) {
      const before = excess(i - 1);
      const frac = before === cur ? 1 : (before - half) / (before - cur);
      const t = (times[i - 1] as number) + frac * ((times[i] as number) - (times[i - 1] as number));
      halfLifeHours = (t - (times[peak] as number)) / HOUR_MS;
      break;
    }
  }
  return {
    peakIndex: peak,
    lagHours: ((times[peak] as number) - (times[alarm] as number)) / HOUR_MS,
    peakRatio: Math.max(1, peakExcess / alarmExcess),
    halfLifeHours,
  };
}

export interface ForecasterOptions {
  /**
   * Neighbours per forecast, or 'auto': the k (from 3 up to every case) whose
   * leave-one-out error of the peak time over the cases themselves is lowest. k = all
   * cases is the "median lag" forecast, so auto never does worse than it in-sample.
   */
  k: number | 'auto';
}

/** Distances over standardised features, so hours and log-ratios weigh alike. */
function scaler(cases: readonly Case[]): (f: AlarmFeatures) => number[] {
  // The hour enters as a point on a circle, so 23:00 sits next to 00:00.
  const raw = (f: AlarmFeatures) => {
    const angle = (2 * Math.PI * (f.hourOfDay ?? 0)) / 24;
    return [Math.log1p(f.riseHours), f.growth, f.excess, Math.cos(angle), Math.sin(angle)];
  };
  const rows = cases.map((c) => raw(c.features));
  const width = raw({ riseHours: 0, growth: 0, excess: 0 }).length;
  const mean: number[] = [];
  const sd: number[] = [];
  for (let j = 0; j < width; j++) {
    const col = rows.map((r) => r[j] as number);
    const m = col.length ? col.reduce((a, b) => a + b, 0) / col.length : 0;
    const v = col.length > 1 ? col.reduce((a, b) => a + (b - m) ** 2, 0) / (col.length - 1) : 1;
    mean.push(m);
    // A constant feature (every daily series alarms at 00:00) is left at zero weight.
    sd.push(Math.sqrt(v) || 1);
  }
  return (f) => raw(f).map((x, j) => (x - (mean[j] as number)) / (sd[j] as number));
}

export class PeakForecaster {
  private readonly cases: readonly Case[];
  private readonly k: number;
  private readonly scale: (f: AlarmFeatures) => number[];
  private readonly scaled: number[][];

  constructor(cases: readonly Case[], options: Partial<ForecasterOptions> = {}) {
    this.cases = cases;
    this.scale = scaler(cases);
    this.scaled = cases.map((c) => this.scale(c.features));
    const k = options.k ?? 'auto';
    this.k = k === 'auto' ? this.chooseK() : k;
  }

  /** The k chosen (fixed or by leave-one-out). */
  get neighbours(): number {
    return this.k;
  }

  private order(q: number[], skip = -1): number[] {
    return this.scaled
      .map((s, i) => ({ i, d: i === skip ? Number.POSITIVE_INFINITY : s.reduce((a, x, j) => a + (x - (q[j] as number)) ** 2, 0) }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .map((n) => n.i)
      .filter((i) => i !== skip);
  }

  private chooseK(): number {
    const n = this.cases.length;
    if (n <= 3) return Math.max(1, n);
    const candidates = [3, 5, 7, 11, 15, 21, 31, 51, 81, 131, 211, n - 1].filter((k) => k <= n - 1);
    const err = candidates.map(() => 0);
    for (let i = 0; i < n; i++) {
      const lags = this.order(this.scaled[i] as number[], i).map((j) => (this.cases[j] as Case).outcome.lagHours);
      const actual = (this.cases[i] as Case).outcome.lagHours;
      candidates.forEach((k, c) => {
        err[c] = (err[c] as number) + Math.abs(median(lags.slice(0, k)) - actual);
      });
    }
    let best = 0;
    for (let c = 1; c < candidates.length; c++) if ((err[c] as number) < (err[best] as number)) best = c;
    return candidates[best] as number;
  }

  get size(): number {
    return this.cases.length;
  }

  /** Forecast for an alarm at `alarmTime` with `features`, whose value `alarmValue` stands over `base`. */
  forecast(alarmTime: number, alarmValue: number, features: AlarmFeatures, base: Baseline): PeakForecast {
    const excessNow = Math.max(0, alarmValue - base.level);
    if (this.cases.length === 0) return fallbackForecast(alarmTime, alarmValue, features, base);
    const q = this.scale(features);
    const near = this.order(q)
      .slice(0, Math.min(this.k, this.cases.length))
      .map((i) => (this.cases[i] as Case).outcome);
    const lags = near.map((o) => o.lagHours);
    const ratios = near.map((o) => o.peakRatio);
    const halves = near.flatMap((o) => (o.halfLifeHours === undefined ? [] : [o.halfLifeHours]));
    const at = (h: number) => alarmTime + h * HOUR_MS;
    const level = (r: number) => base.level + excessNow * r;
    return {
      alarmTime,
      peakTime: { point: at(median(lags)), low: at(quantile(lags, 0.1)), high: at(quantile(lags, 0.9)) },
      peakLevel: { point: level(median(ratios)), low: level(quantile(ratios, 0.1)), high: level(quantile(ratios, 0.9)) },
      halfLifeHours: halves.length ? { point: median(halves), low: quantile(halves, 0.1), high: quantile(halves, 0.9) } : undefined,
      support: near.length,
    };
  }
}

/**
 * With no analogs: a rise whose last step still grew is assumed to keep rising for as
 * long again as half its age so far, at about today's level (a deliberately cautious
 * level: extrapolating growth from one step overshoots badly); a stalled rise peaks now.
 * It only serves until the series has bursts of its own to learn from.
 */
function fallbackForecast(alarmTime: number, alarmValue: number, f: AlarmFeatures, base: Baseline): PeakForecast {
  const excessNow = Math.max(0, alarmValue - base.level);
  const lag = f.growth > 0 ? f.riseHours / 2 : 0;
  const at = (h: number) => alarmTime + h * HOUR_MS;
  return {
    alarmTime,
    peakTime: { point: at(lag), low: at(0), high: at(Math.max(lag * 3, f.riseHours)) },
    peakLevel: { point: alarmValue, low: alarmValue, high: base.level + excessNow * 2 },
    halfLifeHours: undefined,
    support: 0,
  };
}

/** Accuracy of a peak-time forecast in 0..1: 1 when exact, 0.5 at an error equal to the forecast's own lead time. */
export function peakAccuracy(forecast: PeakForecast, actualPeakTime: number): number {
  const lead = Math.max(HOUR_MS, Math.abs(forecast.peakTime.point - forecast.alarmTime));
  const err = Math.abs(actualPeakTime - forecast.peakTime.point);
  return lead / (lead + err);
}
