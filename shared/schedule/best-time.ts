import { postTime, type Post } from '../posts/canonical.ts';
import { hourOfWeek, slotLabel, zonedParts } from '../posts/time.ts';
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
}

export interface Slot {
  hourOfWeek: number;
  /** e.g. "Tue 14:00" in the account's zone. */
  label: string;
  /** Next start of this slot after `now`, ISO 8601 UTC. */
  next: string;
  /** Expected engagement relative to the account's typical post: 0.12 = 12 % more. */
  expectedLift: number;
  /** Posterior probability that this slot beats the account's typical post. */
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
}

export const DEFAULT_MIN_POSTS = 30;
/** Floor on τ²: lifts of about ±10 % stay plausible a priori even if slot means look flat. */
const MIN_TAU2 = 0.01;
const DEFAULTS_VARIANCE = 0.05;

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 via erf; plenty for a displayed confidence.
  const t = 1 / (1 + 0.3275911 * Math.abs(z / Math.SQRT2));
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function nextStart(how: number, now: number, timeZone: string): number {
  let t = Math.ceil(now / 3_600_000) * 3_600_000;
  for (let k = 0; k < 24 * 8; k++, t += 3_600_000) {
    if (hourOfWeek(t, timeZone) === how && zonedParts(t, timeZone).minute === 0) return t;
  }
  // Zones with a non-whole-hour offset never show :00 at a UTC hour; settle for the hour.
  for (let k = 0; k < 24 * 8; k++, t += 3_600_000) if (hourOfWeek(t, timeZone) === how) return t;
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

export function bestTimes(posts: readonly Post[], opts: BestTimeOptions = {}): BestTimes {
  const platform = opts.platform ?? posts[0]?.platform ?? 'x';
  const timeZone = opts.timeZone ?? 'UTC';
  const metric = opts.metric ?? 'total';
  const top = opts.top ?? 5;
  const minPosts = opts.minPosts ?? DEFAULT_MIN_POSTS;
  const now = opts.now ?? Date.now();
  const prior = priorLogLifts(platform);
  const mine = posts.filter((p) => p.platform === platform);
  const stats = slotStats(mine, timeZone, metric);
  const usingDefaults = stats.used < minPosts;
  let logLift: number[];
  let variance: number[];
  let weight: number[];
  let tau2: number | null = null;
  if (usingDefaults) {
    logLift = prior;
    // Generic advice may simply not fit this account: a wide spread (sd ≈ 0.22 on the log
    // scale) keeps the confidence of default slots modest.
    variance = prior.map(() => DEFAULTS_VARIANCE);
    weight = prior.map(() => 0);
  } else {
    let halves: [SlotStats, SlotStats] | undefined;
    if ((opts.tau ?? 'split-half') === 'split-half') {
      const sorted = [...mine].sort((x, y) => postTime(x) - postTime(y));
      const mid = Math.floor(sorted.length / 2);
      halves = [slotStats(sorted.slice(0, mid), timeZone, metric), slotStats(sorted.slice(mid), timeZone, metric)];
    }
    const post = shrink(stats, prior, halves);
    logLift = post.mean;
    variance = post.variance;
    weight = post.weight;
    tau2 = post.tau2;
  }
  const order = logLift.map((_, i) => i).sort((a, b) => logLift[b]! - logLift[a]!);
  const slots = order.slice(0, top).map((s) => ({
    hourOfWeek: s,
    label: slotLabel(s),
    next: new Date(nextStart(s, now, timeZone)).toISOString(),
    expectedLift: Math.exp(logLift[s]!) - 1,
    confidence: normalCdf(logLift[s]! / Math.sqrt(variance[s]!)),
    posts: stats.n[s]!,
    evidenceWeight: weight[s]!,
  }));
  const message = usingDefaults
    ? `not enough history (${stats.used} ${platform} posts with ${metric} counts; ${minPosts} needed), using platform defaults`
    : `from ${stats.used} ${platform} posts, each hour of the week shrunk toward platform defaults by how many posts back it`;
  return { platform, timeZone, usingDefaults, message, postsUsed: stats.used, slots, logLift, tau2 };
}
