import { postTime, type Post } from '../posts/canonical.ts';
import { fromZonedTime, hourOfWeek, slotLabel, zonedParts } from '../posts/time.ts';
import { metricValue, type Metric } from '../predict/model.ts';
import { priorLogLifts } from './priors.ts';

/**
 * Best time to post, per account and platform.
 *
 * Each post's outcome is y = log(1 + engagement) minus the account's mean for that kind of
 * post (reply or broadcast), so a slot's value is its lift over the account's typical post. Slots are the 168 hours of the week in
 * the account's time zone. Shrinkage is normal–normal empirical Bayes: a slot's true lift
 * θ ~ N(prior lift from the platform table, τ²), its posts y ~ N(θ, σ²); σ² is the pooled
 * within-slot variance and τ² the spread of true slot lifts, estimated by default from how
 * well the earlier and later halves of the history agree (floored so the prior never
 * becomes absolute). The posterior mean moves from the
 * prior toward the slot's own mean by n/(n + σ²/τ²): one post barely moves it, fifty
 * move it most of the way. Refit whenever history grows; it is cheap.
 *
 * Two more hyperparameters are estimated from the history (still empirical Bayes): β, how
 * much of the platform prior's shape the account's slot means support (the prior used is
 * β × platform prior), and k, how far the posterior sd must be widened for its confidences
 * to hold up out of time. `confidence` = Φ(posterior mean / (k · posterior sd)): the
 * probability that the slot's true lift is above 0, calibrated by fitting on the earlier
 * 70 % of the history and checking slot by slot on the later 30 % (`outOfTimeCheck`).
 * On pure noise k goes to its cap and confidences sit near 0.5.
 *
 * The same check sizes the promise: `expectedLift` is the posterior lift times ρ, the share
 * of the earlier fit's slot lifts that the later weeks reproduced (a regression slope
 * clipped to [0, 1]). A history whose good hours did not stay good promises ~0 %, instead
 * of a confident-looking "+30 %" next to a coin-flip confidence.
 */

export interface BestTimeOptions {
  platform?: string;
  timeZone?: string;
  metric?: Metric;
  /** How many slots to return. */
  top?: number;
  /** Below this many posts the answer is the platform defaults. */
  minPosts?: number;
  /** Start of "the coming week" (default: now). */
  now?: number;
  /**
   * How the spread of true slot lifts (τ²) is estimated: 'split-half' (default) from the
   * agreement between the earlier and later half of the history; 'moments' from all posts
   * at once, which also counts one-off spikes as signal.
   */
  tau?: 'split-half' | 'moments';
  /**
   * Pooling of neighbouring hours before shrinkage: 'none' (each hour on its own),
   * 'kernel' (circular kernel over the hour of the week, weights 1, ½, ¼ for 0, ±1, ±2 h),
   * 'block3' (each hour takes its 3-hour block). Chosen on a validation split inside the
   * training history (bench/eval-best-time.ts prints it).
   */
  smooth?: Smoothing;
  /** Fit β, the weight of the platform prior's shape, on the history (default true; false = β 1). */
  fitPriorWeight?: boolean;
  /** Fit the confidence scale on a time split of the history (default true). */
  calibrate?: boolean;
}

export type Smoothing = 'none' | 'kernel' | 'block3';

export interface Slot {
  hourOfWeek: number;
  /** e.g. "Tue 14:00" in the account's zone. */
  label: string;
  /** Next start of this slot after `now`, ISO 8601 UTC. */
  next: string;
  /**
   * Expected engagement relative to the account's typical post (0.12 = 12 % more): the
   * posterior lift scaled by how much of it held up out of time (`BestTimes.liftPersistence`).
   */
  expectedLift: number;
  /**
   * Calibrated probability that this slot's true lift is above 0 (it beats the account's
   * typical post): Φ(posterior mean / (k · posterior sd)), with k ≥ 1 fitted on a time
   * split of the history (see `outOfTimeCheck`). 0.5 means the evidence does not say.
   */
  confidence: number;
  /** Posts in this slot behind the estimate. */
  posts: number;
  /** Share of the estimate that comes from the account's own posts (0 = all prior). */
  evidenceWeight: number;
}

export interface BestTimes {
  platform: string;
  timeZone: string;
  usingDefaults: boolean;
  message: string;
  postsUsed: number;
  slots: Slot[];
  /** Posterior lift (log scale) for all 168 slots, for heat maps and evaluation. */
  logLift: number[];
  /** Estimated variance of true slot lifts (log scale); null when using platform defaults. */
  tau2: number | null;
  /**
   * Factor k by which the posterior sd was widened so that confidences held up out of
   * time on this account's own history (1 = model taken at its word); null with defaults.
   */
  confidenceScale: number | null;
  /** β: how much of the platform prior's shape this account's history supports (0..1); null with defaults. */
  priorWeight: number | null;
  /**
   * ρ: the share of the slot lifts fitted on the earlier 70 % of the history that the later
   * 30 % reproduced (0..1), which scales `expectedLift`; null with defaults.
   */
  liftPersistence: number | null;
}

export const DEFAULT_MIN_POSTS = 30;
/** Floor on τ²: lifts of about ±10 % stay plausible a priori even if slot means look flat. */
const MIN_TAU2 = 0.01;
const DEFAULTS_VARIANCE = 0.05;
/** Chosen on the validation split printed by bench/eval-best-time.ts. */
export const DEFAULT_SMOOTHING: Smoothing = 'none';

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 via erf; plenty for a displayed confidence.
  const t = 1 / (1 + 0.3275911 * Math.abs(z / Math.SQRT2));
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The next instant after `now` at which the zone's clock shows the slot's weekday and hour, :00. */
function nextStart(how: number, now: number, timeZone: string): number {
  const p = zonedParts(now, timeZone);
  const ahead = (Math.floor(how / 24) - p.weekday + 7) % 7;
  let t = now;
  // This week's, else next week's; a slot in an hour DST skips exists a week later.
  for (const weeks of [0, 1, 2]) {
    t = fromZonedTime(p.year, p.month, p.day + ahead + 7 * weeks, how % 24, 0, timeZone);
    if (t > now && hourOfWeek(t, timeZone) === how) return t;
  }
  return t;
}

/** Replies (text opening with @handle) are a different kind of post from broadcasts. */
export function postKind(p: Pick<Post, 'text'>): 'reply' | 'post' {
  return /^@\w/.test(p.text.trimStart()) ? 'reply' : 'post';
}

export interface SlotStats {
  n: number[];
  mean: number[];
  sigma2: number;
}

export function slotStats(posts: readonly Post[], timeZone: string, metric: Metric): SlotStats & { used: number } {
  const ys: { how: number; y: number; kind: string }[] = [];
  for (const p of posts) {
    const v = metricValue(p, metric);
    const t = postTime(p);
    if (v === null || !Number.isFinite(t)) continue;
    ys.push({ how: hourOfWeek(t, timeZone), y: Math.log1p(v), kind: postKind(p) });
  }
  // Centre per kind: replies draw far less than posts, and a slot full of replies is not
  // a bad hour for posts.
  const kindMean = new Map<string, { s: number; n: number }>();
  for (const r of ys) {
    const k = kindMean.get(r.kind) ?? { s: 0, n: 0 };
    k.s += r.y;
    k.n++;
    kindMean.set(r.kind, k);
  }
  const resid = ys.map((r) => {
    const k = kindMean.get(r.kind)!;
    return r.y - k.s / k.n;
  });
  const n = new Array<number>(168).fill(0);
  const sum = new Array<number>(168).fill(0);
  ys.forEach((r, i) => {
    n[r.how]!++;
    sum[r.how]! += resid[i]!;
  });
  const mean = sum.map((s, i) => (n[i]! ? s / n[i]! : 0));
  let ss = 0;
  ys.forEach((r, i) => (ss += (resid[i]! - mean[r.how]!) ** 2));
  const occupied = n.filter((c) => c > 0).length;
  const sigma2 = ys.length > occupied ? ss / (ys.length - occupied) : 1;
  return { n, mean, sigma2: Math.max(sigma2, 1e-6), used: ys.length };
}

/** Posterior (mean, variance) per slot, given stats and prior means. Exposed for tests. */
export function shrink(stats: SlotStats, prior: readonly number[], halves?: readonly [SlotStats, SlotStats]): { mean: number[]; variance: number[]; weight: number[]; tau2: number } {
  const { n, mean, sigma2 } = stats;
  let tau2: number;
  if (halves) {
    // Split-half estimate: noise in the earlier and the later half is independent, so the
    // covariance of their slot deviations measures only the part of each slot's lift that
    // persists over time, which is the part worth acting on next week.
    const [a, b] = halves;
    let cov = 0;
    let k = 0;
    for (let s = 0; s < 168; s++) {
      if (!a.n[s] || !b.n[s]) continue;
      cov += (a.mean[s]! - prior[s]!) * (b.mean[s]! - prior[s]!);
      k++;
    }
    tau2 = Math.max(MIN_TAU2, k ? cov / k : MIN_TAU2);
  } else {
    // Method of moments: spread of slot means around their priors minus their sampling noise.
    let dev = 0;
    let noise = 0;
    let k = 0;
    for (let s = 0; s < 168; s++) {
      if (!n[s]) continue;
      dev += (mean[s]! - prior[s]!) ** 2;
      noise += sigma2 / n[s]!;
      k++;
    }
    tau2 = Math.max(MIN_TAU2, k ? (dev - noise) / k : MIN_TAU2);
  }
  const out = { mean: [] as number[], variance: [] as number[], weight: [] as number[], tau2 };
  for (let s = 0; s < 168; s++) {
    const w = n[s]! / (n[s]! + sigma2 / tau2);
    out.weight.push(w);
    out.mean.push(prior[s]! + w * ((n[s] ? mean[s]! : prior[s]!) - prior[s]!));
    out.variance.push(1 / (1 / tau2 + n[s]! / sigma2));
  }
  return out;
}

/**
 * Pool neighbouring hours: an hour with few posts borrows from the hours next to it, on
 * the view that audiences shift gradually through the day. Counts become effective counts.
 */
export function smoothStats(stats: SlotStats, how: Smoothing): SlotStats {
  if (how === 'none') return stats;
  const n: number[] = [];
  const mean: number[] = [];
  for (let s = 0; s < 168; s++) {
    let w = 0;
    let sum = 0;
    const add = (j: number, k: number) => {
      const jj = (j + 168) % 168;
      w += k * stats.n[jj]!;
      sum += k * stats.n[jj]! * stats.mean[jj]!;
    };
    if (how === 'kernel') {
      add(s, 1);
      add(s - 1, 0.5);
      add(s + 1, 0.5);
      add(s - 2, 0.25);
      add(s + 2, 0.25);
    } else {
      const start = s - (s % 3);
      for (let j = start; j < start + 3; j++) add(j, 1);
    }
    n.push(w);
    mean.push(w ? sum / w : 0);
  }
  return { n, mean, sigma2: stats.sigma2 };
}

interface Fit {
  stats: SlotStats & { used: number };
  mean: number[];
  variance: number[];
  weight: number[];
  tau2: number;
  beta: number;
}

/**
 * How far the platform prior's shape fits this account: the least-squares slope of the
 * account's slot means on the prior lifts (weighted by posts), clipped to [0, 1]. The slot
 * lifts are then shrunk toward β × prior, so a prior the account's history contradicts
 * stops pulling slots up (one more empirical-Bayes hyperparameter beside τ² and σ²).
 */
export function priorScale(stats: SlotStats, prior: readonly number[]): number {
  // A slope needs spread: history in one or two slots says nothing about the prior's shape
  // (one slot's centred mean is 0, which would read as "the prior is wrong" and erase it).
  if (stats.n.filter((n) => n > 0).length < 3) return 1;
  let num = 0;
  let den = 0;
  for (let s = 0; s < 168; s++) {
    num += stats.n[s]! * stats.mean[s]! * prior[s]!;
    den += stats.n[s]! * prior[s]! ** 2;
  }
  return den > 0 ? Math.min(1, Math.max(0, num / den)) : 1;
}

function fitHistory(mine: readonly Post[], platformPrior: readonly number[], timeZone: string, metric: Metric, tau: 'split-half' | 'moments', smooth: Smoothing, fitBeta: boolean): Fit {
  const stats = slotStats(mine, timeZone, metric);
  const beta = fitBeta ? priorScale(stats, platformPrior) : 1;
  const prior = platformPrior.map((v) => v * beta);
  let halves: [SlotStats, SlotStats] | undefined;
  if (tau === 'split-half') {
    const sorted = [...mine].sort((x, y) => postTime(x) - postTime(y));
    const mid = Math.floor(sorted.length / 2);
    halves = [smoothStats(slotStats(sorted.slice(0, mid), timeZone, metric), smooth), smoothStats(slotStats(sorted.slice(mid), timeZone, metric), smooth)];
  }
  return { stats, beta, ...shrink(smoothStats(stats, smooth), prior, halves) };
}

/** Widening factors tried for the posterior sd; geometric, up to "the model knows nothing". */
const SCALES = Array.from({ length: 31 }, (_, i) => Math.pow(30, i / 30));
/** Widening used when the history is too short to check itself. */
const UNCHECKED_SCALE = 3;
/** Share of the lift promised when the history is too short to check itself: half, on the same caution as the widening. */
const UNCHECKED_PERSISTENCE = 0.5;
/** From this widening on, the history's own slot pattern has not held up over time. */
const WEAK_SCALE = 10;

/**
 * The model's own posterior sd ignores that τ², σ² and the account mean are estimates, that
 * the platform prior may not fit the account, and that audiences drift. Rather than model
 * each, check the model against time: fit on the earlier 70 % of the history, and on the
 * later 30 % ask, slot by slot, whether the slot's mean lift there (over that period's
 * typical post) came out above 0. The predicted probability of that is
 * Φ(μ / √(k²v + σ²/n_later)), the second term being the later sample's own noise; k (the
 * `scale`) is the maximum-likelihood widening over a grid from 1 to 30. Pure noise drives k
 * to the top of the grid (confidences near 0.5); lifts that persist keep k near 1.
 *
 * `persistence` (ρ) asks how big, not only which sign: the slope of the later slot lifts
 * on the earlier posterior lifts (each later slot mean weighted by its posts, i.e. by its
 * precision n/σ²), as a posterior mean under a N(0, 1) prior, clipped to [0, 1]. Noise in
 * the later means does not bias a slope on the earlier fit, so ρ estimates how much of a
 * fitted lift to expect next time.
 */
function outOfTimeCheck(mine: readonly Post[], prior: readonly number[], timeZone: string, metric: Metric, tau: 'split-half' | 'moments', smooth: Smoothing, fitBeta: boolean, minPosts: number): { scale: number; persistence: number } {
  const sorted = [...mine].sort((x, y) => postTime(x) - postTime(y));
  const cut = Math.floor(sorted.length * 0.7);
  const later = slotStats(sorted.slice(cut), timeZone, metric);
  if (cut < minPosts || later.used < 10) return { scale: UNCHECKED_SCALE, persistence: UNCHECKED_PERSISTENCE };
  const fit = fitHistory(sorted.slice(0, cut), prior, timeZone, metric, tau, smooth, fitBeta);
  let best = UNCHECKED_SCALE;
  let bestLl = -Infinity;
  for (const k of SCALES) {
    let ll = 0;
    for (let s = 0; s < 168; s++) {
      if (!later.n[s]) continue;
      const p = normalCdf(fit.mean[s]! / Math.sqrt(k * k * fit.variance[s]! + later.sigma2 / later.n[s]!));
      const q = Math.min(1 - 1e-9, Math.max(1e-9, later.mean[s]! > 0 ? p : 1 - p));
      ll += later.n[s]! * Math.log(q);
    }
    if (ll > bestLl + 1e-12) {
      bestLl = ll;
      best = k;
    }
  }
  let num = 0;
  let den = 0;
  for (let s = 0; s < 168; s++) {
    num += later.n[s]! * fit.mean[s]! * later.mean[s]!;
    den += later.n[s]! * fit.mean[s]! ** 2;
  }
  // A N(0, 1) prior on the slope: when the earlier fit's lifts are all tiny the raw slope is
  // mostly noise, and a promise should need evidence rather than the lack of it.
  return { scale: best, persistence: Math.min(1, Math.max(0, num / (den + later.sigma2))) };
}

const liftOf = (logLift: number, persistence: number | null) => Math.expm1((persistence ?? 1) * logLift);

/** The expected lift of any hour of the week (not only the returned top slots), on the same terms as `Slot.expectedLift`. */
export function expectedLiftAt(b: Pick<BestTimes, 'logLift' | 'liftPersistence'>, hourOfWeek: number): number {
  return liftOf(b.logLift[hourOfWeek] ?? 0, b.liftPersistence);
}

/** All 168 expected log lifts (`logLift` × ρ), for schedulers that weigh hours against other factors. */
export function expectedLogLifts(b: Pick<BestTimes, 'logLift' | 'liftPersistence'>): number[] {
  return b.logLift.map((v) => v * (b.liftPersistence ?? 1));
}

export function bestTimes(posts: readonly Post[], opts: BestTimeOptions = {}): BestTimes {
  const platform = opts.platform ?? posts[0]?.platform ?? 'x';
  const timeZone = opts.timeZone ?? 'UTC';
  const metric = opts.metric ?? 'total';
  const top = opts.top ?? 5;
  const minPosts = opts.minPosts ?? DEFAULT_MIN_POSTS;
  const now = opts.now ?? Date.now();
  const tau = opts.tau ?? 'split-half';
  const smooth = opts.smooth ?? DEFAULT_SMOOTHING;
  const prior = priorLogLifts(platform);
  const mine = posts.filter((p) => p.platform === platform);
  const stats = slotStats(mine, timeZone, metric);
  const usingDefaults = stats.used < minPosts;
  let logLift: number[];
  let variance: number[];
  let weight: number[];
  let tau2: number | null = null;
  let scale: number | null = null;
  let beta: number | null = null;
  let persistence: number | null = null;
  if (usingDefaults) {
    logLift = prior;
    // Generic advice may simply not fit this account: a wide spread (sd ≈ 0.22 on the log
    // scale) keeps the confidence of default slots modest.
    variance = prior.map(() => DEFAULTS_VARIANCE);
    weight = prior.map(() => 0);
  } else {
    const fitBeta = opts.fitPriorWeight ?? true;
    const post = fitHistory(mine, prior, timeZone, metric, tau, smooth, fitBeta);
    logLift = post.mean;
    const check = opts.calibrate === false ? { scale: 1, persistence: 1 } : outOfTimeCheck(mine, prior, timeZone, metric, tau, smooth, fitBeta, minPosts);
    scale = check.scale;
    persistence = check.persistence;
    variance = post.variance.map((v) => v * scale! * scale!);
    weight = post.weight;
    tau2 = post.tau2;
    beta = post.beta;
  }
  const order = logLift.map((_, i) => i).sort((a, b) => logLift[b]! - logLift[a]!);
  const slots = order.slice(0, top).map((s) => ({
    hourOfWeek: s,
    label: slotLabel(s),
    next: new Date(nextStart(s, now, timeZone)).toISOString(),
    expectedLift: liftOf(logLift[s]!, persistence),
    confidence: normalCdf(logLift[s]! / Math.sqrt(variance[s]!)),
    posts: stats.n[s]!,
    evidenceWeight: weight[s]!,
  }));
  const message = usingDefaults
    ? `not enough history (${stats.used} ${platform} posts with ${metric} counts; ${minPosts} needed), using platform defaults`
    : `from ${stats.used} ${platform} posts, each hour of the week shrunk toward platform defaults by how many posts back it` +
      (scale !== null && scale >= WEAK_SCALE ? '; earlier weeks of this history did not predict its later weeks, so confidences stay near 0.5' : '') +
      (persistence !== null && persistence < 1 ? `; expected lifts count ${Math.round(persistence * 100)} % of the fitted ones, the share that held up in later weeks` : '');
  return { platform, timeZone, usingDefaults, message, postsUsed: stats.used, slots, logLift, tau2, confidenceScale: scale, priorWeight: beta, liftPersistence: persistence };
}
