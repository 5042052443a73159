import { RollingSorted } from '../series/rolling.ts';

/**
 * Early-warning burst detector over a trend's volume series: streaming and strictly
 * causal (the decision at a point uses only that point and earlier ones).
 *
 * Per point:
 * 1. Variance-stabilise: volume series are counts, and the Anscombe transform
 *    2·sqrt(v + 3/8) gives Poisson noise unit variance at any level, so one scale floor
 *    works for 1 mention per 5 minutes (CVS) and 1,000 (AAPL).
 * 2. Remove time of day: subtract the median of the same UTC hour over the last
 *    `seasonDays` days, so the morning rise is not a burst.
 * 3. Level: the mean of the last `short` residuals (one 5-minute blip is noise, three
 *    in a row is a rise).
 * 4. Robust z-score of that level against the median/MAD of the previous `baseline`
 *    levels, the scale floored at `minScale` (noise cannot be smaller than counting noise).
 * 5. Self-normalising threshold: alarm when z ≥ max(`threshold`, the `historyQuantile`
 *    quantile of this series' own z over the last `history` points). A heavy-tailed,
 *    newsy series (AAPL) thus needs a bigger surprise than a quiet one (CRM), with no
 *    per-series constant.
 * 6. Persistence: z must clear the threshold on `confirm` consecutive points (10
 *    minutes by default), which drops one-point flukes at almost no cost in lead time.
 * 7. Refractory: no new alarm within `refractory` points of the last, so one burst
 *    raises one alarm, unless a new burst (z fell below the threshold in between)
 *    reaches `escalation` × the highest z since that alarm: a false alarm just before
 *    a real, much larger burst must not mute it.
 *
 * Sizes are in points; the defaults are chosen for 5-minute sampling (288 points = 1 day,
 * history 4032 = 14 days).
 */

export interface BurstConfig {
  /** Points of level history for the robust median/MAD. */
  baseline: number;
  /** Points averaged into the current level. */
  short: number;
  /** Minimum z-score for an alarm. */
  threshold: number;
  /** Points after an alarm during which no new alarm is raised. */
  refractory: number;
  /** Points seen before any alarm is allowed. */
  warmup: number;
  /** Floor of the robust scale, in Anscombe units (Poisson noise has sd 1). */
  minScale: number;
  /** Days of same-hour history in the time-of-day baseline; 0 turns it off. */
  seasonDays: number;
  /** Points of z history for the self-normalising threshold; 0 turns it off. */
  history: number;
  /** Quantile of the z history that an alarm must reach. */
  historyQuantile: number;
  /** Consecutive points at or above the threshold needed for an alarm. */
  confirm: number;
  /** Inside the refractory span, z needed relative to the highest z since the last alarm; 0 = never. */
  escalation: number;
  /** Points per hour, for the size of the time-of-day bins. */
  pointsPerHour: number;
}

export const defaultBurstConfig: Readonly<BurstConfig> = {
  baseline: 576,
  short: 3,
  threshold: 3.25,
  refractory: 288,
  warmup: 288,
  minScale: 1.5,
  seasonDays: 7,
  history: 4032,
  historyQuantile: 0.995,
  confirm: 2,
  escalation: 1.5,
  pointsPerHour: 12,
};

/**
 * The same detector for another sampling step: sizes kept in days where the series has
 * enough points for that, with floors so a daily series still gets a four-week baseline.
 * Coarser than hourly drops the time-of-day baseline; coarser than 1 point per hour also
 * drops the tail-quantile threshold (too few points for a 0.5% tail).
 */
export function burstConfigForStep(stepMs: number): BurstConfig {
  const fiveMin = 300_000;
  if (!(stepMs > 0) || Math.abs(stepMs - fiveMin) < 1000) return { ...defaultBurstConfig };
  const perDay = 86_400_000 / stepMs;
  const scale = (points: number, floor: number) => Math.max(floor, Math.round((points * fiveMin) / stepMs));
  return {
    ...defaultBurstConfig,
    baseline: scale(defaultBurstConfig.baseline, 28),
    short: scale(defaultBurstConfig.short, 1),
    confirm: scale(defaultBurstConfig.confirm, 1),
    refractory: scale(defaultBurstConfig.refractory, 7),
    warmup: scale(defaultBurstConfig.warmup, 14),
    seasonDays: perDay >= 24 ? defaultBurstConfig.seasonDays : 0,
    history: perDay >= 24 ? scale(defaultBurstConfig.history, 240) : 0,
    pointsPerHour: Math.max(1, Math.round(perDay / 24)),
  };
}

/** Median spacing of the first `n` steps: the sampling step a stream settles into. */
export function typicalStep(times: readonly number[], n = 300): number {
  const d: number[] = [];
  for (let i = 1; i < times.length && d.length < n; i++) {
    const dt = (times[i] as number) - (times[i - 1] as number);
    if (dt > 0) d.push(dt);
  }
  if (d.length === 0) return 300_000;
  d.sort((a, b) => a - b);
  return d[d.length >> 1] as number;
}

export interface BurstStep {
  alarm: boolean;
  /** Robust z-score of the current level. */
  z: number;
  /** The z an alarm needed at this point. */
  threshold: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function anscombe(v: number): number {
  return 2 * Math.sign(v) * Math.sqrt(Math.abs(v) + 0.375);
}

export class BurstDetector {
  private readonly cfg: BurstConfig;
  private readonly hours: (RollingSorted | undefined)[] = [];
  private readonly recent: number[] = [];
  private recentSum = 0;
  private readonly levels: RollingSorted;
  private readonly zs: RollingSorted | undefined;
  private seen = 0;
  private sinceAlarm = Number.POSITIVE_INFINITY;
  private above = 0;
  private maxSinceAlarm = 0;
  private subsided = true;

  constructor(config: Partial<BurstConfig> = {}) {
    this.cfg = { ...defaultBurstConfig, ...config };
    this.levels = new RollingSorted(this.cfg.baseline);
    this.zs = this.cfg.history > 0 ? new RollingSorted(this.cfg.history) : undefined;
  }

  /** Feeds the next point (epoch ms, value); returns this point's decision. */
  push(time: number, value: number): BurstStep {
    const cfg = this.cfg;
    const x = anscombe(Number.isFinite(value) ? value : 0);
    const residual = this.deseasonalise(time, x);

    this.recent.push(residual);
    this.recentSum += residual;
    if (this.recent.length > cfg.short) this.recentSum -= this.recent.shift() as number;
    const level = this.recentSum / this.recent.length;

    let z = 0;
    if (this.levels.count >= Math.min(cfg.warmup, cfg.baseline)) {
      const med = this.levels.median();
      z = (level - med) / Math.max(1.4826 * this.levels.mad(med), cfg.minScale);
    }
    this.levels.push(level);

    this.seen++;
    this.sinceAlarm++;
    const warm = this.seen > cfg.warmup;
    let threshold = cfg.threshold;
    if (this.zs) {
      if (this.zs.count > 0) threshold = Math.max(threshold, this.zs.quantile(cfg.historyQuantile));
      if (warm) this.zs.push(z);
    }
    this.above = z >= threshold ? this.above + 1 : 0;
    const confirmed = warm && this.above >= cfg.confirm;
    const rested = this.sinceAlarm > cfg.refractory;
    // Escalation needs a new burst: z must have dropped below the threshold since the
    // last alarm, or a steep ramp would re-alarm at every step.
    if (z < threshold) this.subsided = true;
    const escalated = cfg.escalation > 0 && this.subsided && z >= cfg.escalation * this.maxSinceAlarm;
    const alarm = confirmed && (rested || escalated);
    this.maxSinceAlarm = alarm ? z : Math.max(this.maxSinceAlarm, z);
    if (alarm) {
      this.sinceAlarm = 0;
      this.subsided = false;
    }
    return { alarm, z, threshold };
  }

  private deseasonalise(time: number, x: number): number {
    if (this.cfg.seasonDays <= 0 || !Number.isFinite(time)) return x;
    const hour = Math.floor((((time % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
    let bin = this.hours[hour];
    if (!bin) {
      bin = new RollingSorted(this.cfg.seasonDays * this.cfg.pointsPerHour);
      this.hours[hour] = bin;
    }
    const residual = bin.count > 0 ? x - bin.median() : 0;
    bin.push(x);
    return residual;
  }
}

/** Runs the detector over a whole series; returns the alarm row indices. */
export function detectBursts(times: readonly number[], values: readonly number[], config: Partial<BurstConfig> = {}): number[] {
  const d = new BurstDetector(config);
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (d.push(times[i] as number, values[i] as number).alarm) out.push(i);
  }
  return out;
}
