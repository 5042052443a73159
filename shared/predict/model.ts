import { postTime, type Post } from '../posts/canonical.ts';
import { applyPlatt, fitPlatt, type Platt } from './calibrate.ts';
import { denseFeatures, draftFeatures, DENSE_FEATURES, type Draft, type FeatureContext, type KeyStats } from './features.ts';
import { gbdtMargin, trainBaggedGbdt, type GbdtJson } from './gbdt.ts';
import { logit, trainLogistic, type LogisticJson, type SparseVector } from './logistic.ts';
import { quantile, rocAuc, brierScore } from './metrics.ts';
import { nbScorer, trainNaiveBayes, type NaiveBayesJson } from './naive-bayes.ts';
import { outOfFold, type OofMode } from './oof.ts';
import { explain, type Reason } from './reasons.ts';
import { termLiftScorer, trainTermLift, type TermLiftJson } from './term-lift.ts';
import { domainOf, terms } from './tokenize.ts';

/**
 * Engagement model: the probability that a draft lands in the top quartile of engagement
 * for its platform (for a per-account model: for that account), before publishing.
 *
 * Two stages, both fit only on the posts given:
 *  1. two text scores over title terms (unigrams + bigrams seen in ≥ 3 posts): naive-Bayes
 *     log-odds of the top quartile and the shrunk term lift on log engagement
 *     (term-lift.ts). For the training rows they are out-of-fold over expanding time
 *     folds (oof.ts): each post is scored by text models fit on earlier posts only, so the
 *     second stage neither learns from an overfit score nor from topics that took off later;
 *  2. boosted trees (gbdt.ts) over those scores plus the posting hour and weekday, title
 *     shape, and the author's and link domain's shrunk track records — each computed from
 *     earlier posts only, in time order (no author features in an account's own model,
 *     where the author never varies). Trees find interactions a linear model misses; on
 *     the validation slice of the Hacker News training period they ranked later posts
 *     better than the L2 logistic regression over the same inputs, which is still fit
 *     (sparse, with one-hot hour/weekday) because its weights word the reasons, and which
 *     scores on its own when there are too few posts for trees.
 * The last 20 % of the training period is held out to fit Platt calibration and the
 * expected-engagement ranges; the final model is then refit on all posts.
 */

export type Metric = 'likes' | 'comments' | 'shares' | 'views' | 'total';
export const METRICS: readonly Metric[] = ['likes', 'comments', 'shares', 'views', 'total'];

export interface TrainOptions {
  metric?: Metric;
  /** Zone for hour/weekday features. */
  timeZone?: string;
  /** 'account': one account's history (reasons say "for this account"). */
  scope?: 'account' | 'general';
  /** Hyper-parameters; the defaults were chosen on a validation slice at the end of the HN training period. */
  tuning?: Partial<Tuning>;
}

export interface Tuning {
  shrink: number;
  termShrink: number;
  l2: number;
  epochs: number;
  learningRate: number;
  /** Second stage: boosted trees (falls back to the logistic below MIN_GBDT_ROWS) or the logistic alone. */
  stacker: 'gbdt' | 'logistic';
  trees: number;
  depth: number;
  treeRate: number;
  /** Ensembles averaged over different row samples. */
  bags: number;
  oof: OofMode;
  folds: number;
}

const DEFAULT_TUNING: Tuning = { shrink: 5, termShrink: 30, l2: 1e-3, epochs: 3, learningRate: 0.05, stacker: 'gbdt', trees: 100, depth: 3, treeRate: 0.05, bags: 1, oof: 'expanding', folds: 8 };

/** Fewer rows with out-of-fold text scores than this and the trees would fit noise: the logistic scores alone. */
export const MIN_GBDT_ROWS = 500;

type Stats3 = [number, number, number];

export interface EngagementModelJson {
  kind: 'sightline-engagement';
  version: 1;
  metric: Metric;
  scope: 'account' | 'general';
  timeZone: string;
  trainedOn: number;
  trainedFrom: string;
  trainedTo: string;
  /** Top-quartile threshold of the metric, per platform. */
  thresholds: Record<string, number>;
  baseRate: number;
  meanLog: number;
  shrink: number;
  nb: NaiveBayesJson;
  /** Divides the NB log-odds so the regression sees a unit-scale feature. */
  nbScale: number;
  termLift: TermLiftJson;
  termLiftScale: number;
  lr: LogisticJson;
  /** When present, the score is these trees' log-odds (the logistic then only words the reasons). */
  gbdt?: GbdtJson;
  calibration: Platt;
  /** Engagement quantiles of held-out posts, by calibrated-probability band (upper edges ascending). */
  ranges: { upTo: number; p25: number; p50: number; p75: number }[];
  /** Held-out figures from the calibration slice. */
  validation: { n: number; auc: number | null; brier: number | null };
  domains: Record<string, Stats3>;
  authors: Record<string, Stats3>;
}

export interface Prediction {
  probability: number;
  /** Interquartile engagement of past posts scored alike, and their median. */
  expected: { low: number; median: number; high: number } | null;
  reasons: Reason[];
}

export const MIN_TRAINING_POSTS = 30;
const MIN_TERM_DOCS = 3;

export function metricValue(p: Post, metric: Metric): number | null {
  if (metric === 'total') {
    const parts = [p.likes, p.comments, p.shares];
    return parts.every((v) => v === null) ? null : parts.reduce<number>((a, v) => a + (v ?? 0), 0);
  }
  return p[metric];
}

interface Row {
  post: Post;
  value: number;
  label: 0 | 1;
  terms: string[];
}

interface Core {
  nb: NaiveBayesJson;
  nbScale: number;
  termLift: TermLiftJson;
  termLiftScale: number;
  lr: LogisticJson;
  gbdt?: GbdtJson;
  baseRate: number;
  meanLog: number;
  domains: Map<string, KeyStats>;
  authors: Map<string, KeyStats>;
}

function addStats(m: Map<string, KeyStats>, key: string, r: Row): void {
  if (!key) return;
  let s = m.get(key);
  if (!s) m.set(key, (s = { n: 0, hits: 0, sumLog: 0 }));
  s.n++;
  s.hits += r.label;
  s.sumLog += Math.log1p(r.value);
}

function context(scope: 'account' | 'general', timeZone: string, shrink: number, baseRate: number, meanLog: number, domains: Map<string, KeyStats>, authors: Map<string, KeyStats>): FeatureContext {
  return { timeZone, baseRate, meanLog, shrink, authorFeatures: scope !== 'account', domain: (d) => domains.get(d), author: (a) => authors.get(a) };
}

function withText(x: SparseVector, nb: number, nbScale: number, lift: number, liftScale: number): SparseVector {
  x.set('nb', nb / nbScale);
  x.set('term_lift', lift / liftScale);
  return x;
}

const spread = (v: number[]) => {
  const mean = v.reduce((a, x) => a + x, 0) / v.length;
  return Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / v.length) || 1;
};

function fitCore(rows: Row[], scope: 'account' | 'general', timeZone: string, tuning: Tuning): Core {
  const n = rows.length;
  const labels = rows.map((r) => r.label);
  const baseRate = Math.min(0.99, Math.max(0.01, labels.reduce<number>((a, y) => a + y, 0) / n));
  const meanLog = rows.reduce((a, r) => a + Math.log1p(r.value), 0) / n;
  const folds = Math.max(2, Math.min(tuning.folds, Math.floor(n / 10)));
  const oof = outOfFold(n, folds, tuning.oof, (idx) => {
    const docs = idx.map((i) => rows[i]!.terms);
    const nb = nbScorer(trainNaiveBayes(docs, idx.map((i) => labels[i]!), { minDocs: MIN_TERM_DOCS }));
    const lift = termLiftScorer(trainTermLift(docs, idx.map((i) => rows[i]!.value), { m: tuning.termShrink, minDocs: MIN_TERM_DOCS }));
    return (i) => ({ nb: nb.logOdds(rows[i]!.terms), lift: lift.score(rows[i]!.terms) });
  });
  // Rows before the first fold have no earlier posts to score their text: they feed the track records only.
  const scored = rows.map((_, i) => i).filter((i) => oof[i] !== undefined);
  const nbScale = spread(scored.map((i) => oof[i]!.nb));
  const termLiftScale = spread(scored.map((i) => oof[i]!.lift));
  // Track records accumulate in time order: each row sees only posts before it.
  const domains = new Map<string, KeyStats>();
  const authors = new Map<string, KeyStats>();
  const ctx = context(scope, timeZone, tuning.shrink, baseRate, meanLog, domains, authors);
  const xs: SparseVector[] = [];
  const dense: number[][] = [];
  rows.forEach((r, i) => {
    const t = oof[i];
    if (t) {
      xs.push(withText(draftFeatures(r.post, ctx), t.nb, nbScale, t.lift, termLiftScale));
      dense.push(orderDense(denseFeatures(r.post, ctx, t), DENSE_FEATURES));
    }
    addStats(domains, domainOf(r.post.url), r);
    addStats(authors, r.post.author, r);
  });
  const ys = scored.map((i) => labels[i]!);
  const lr = trainLogistic(xs, ys, { l2: tuning.l2, epochs: tuning.epochs, learningRate: tuning.learningRate });
  const useTrees = tuning.stacker === 'gbdt' && scored.length >= MIN_GBDT_ROWS && ys.some((y) => y) && ys.some((y) => !y);
  const gbdt = useTrees ? trainBaggedGbdt(dense, ys, DENSE_FEATURES, { trees: tuning.trees, depth: tuning.depth, learningRate: tuning.treeRate, bags: tuning.bags }) : undefined;
  const nb = trainNaiveBayes(rows.map((r) => r.terms), labels, { minDocs: MIN_TERM_DOCS });
  const termLift = trainTermLift(rows.map((r) => r.terms), rows.map((r) => r.value), { m: tuning.termShrink, minDocs: MIN_TERM_DOCS });
  return { nb, nbScale, termLift, termLiftScale, lr, ...(gbdt ? { gbdt } : {}), baseRate, meanLog, domains, authors };
}

interface TextScorers {
  nb: ReturnType<typeof nbScorer>;
  lift: ReturnType<typeof termLiftScorer>;
}

const textScorers = (core: Pick<Core, 'nb' | 'termLift'>): TextScorers => ({ nb: nbScorer(core.nb), lift: termLiftScorer(core.termLift) });

const orderDense = (x: Record<string, number>, names: readonly string[]) => names.map((k) => x[k] ?? NaN);

function coreLogit(core: Pick<Core, 'nbScale' | 'termLiftScale' | 'lr' | 'gbdt'>, s: TextScorers, ctx: FeatureContext, d: Draft): { z: number; x: SparseVector; terms: string[] } {
  const t = terms(d.text);
  const nb = s.nb.logOdds(t);
  const lift = s.lift.score(t);
  const x = withText(draftFeatures(d, ctx), nb, core.nbScale, lift, core.termLiftScale);
  const z = core.gbdt ? gbdtMargin(core.gbdt, orderDense(denseFeatures(d, ctx, { nb, lift }), core.gbdt.features)) : logit(core.lr, x);
  return { z, x, terms: t };
}

/**
 * The history cannot train a model (too few posts, or every post alike): an answer about the
 * data, which callers report, unlike a bug (a bad time zone's RangeError) which they must not hide.
 * A RangeError still, for callers that only distinguish "bad input".
 */
export class UntrainableHistoryError extends RangeError {
  override name = 'UntrainableHistoryError';
}

/** Builds labelled rows; throws UntrainableHistoryError when there is too little to learn from. */
function prepare(posts: readonly Post[], metric: Metric): { rows: Row[]; thresholds: Record<string, number> } {
  const usable = posts
    .map((post) => ({ post, value: metricValue(post, metric), t: postTime(post) }))
    .filter((r): r is { post: Post; value: number; t: number } => r.value !== null && Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t);
  if (usable.length < MIN_TRAINING_POSTS) {
    throw new UntrainableHistoryError(`need at least ${MIN_TRAINING_POSTS} posts with a ${metric} count to train; got ${usable.length}`);
  }
  const byPlatform = new Map<string, number[]>();
  for (const r of usable) {
    const list = byPlatform.get(r.post.platform) ?? [];
    list.push(r.value);
    byPlatform.set(r.post.platform, list);
  }
  const thresholds: Record<string, number> = {};
  // When three posts in four got nothing (a young account), the 75th percentile is the floor
  // itself and ">= it" would call every post a hit: then a hit is anything above the floor.
  const aboveFloor = new Set<string>();
  for (const [p, vals] of byPlatform) {
    thresholds[p] = quantile(vals, 0.75);
    if (thresholds[p] <= vals.reduce((a, v) => Math.min(a, v), Infinity)) aboveFloor.add(p);
  }
  const isTop = (platform: string, value: number) => (aboveFloor.has(platform) ? value > thresholds[platform]! : value >= thresholds[platform]!);
  const rows = usable.map(({ post, value }) => ({ post, value, label: (isTop(post.platform, value) ? 1 : 0) as 0 | 1, terms: terms(post.text) }));
  const pos = rows.filter((r) => r.label).length;
  if (pos === 0 || pos === rows.length) throw new UntrainableHistoryError(`every post has the same ${metric} class; nothing to learn`);
  return { rows, thresholds };
}

const toRecord = (m: Map<string, KeyStats>): Record<string, Stats3> => {
  const out: Record<string, Stats3> = {};
  for (const [k, s] of m) out[k] = [s.n, s.hits, Math.round(s.sumLog * 1000) / 1000];
  return out;
};

export function trainEngagementModel(posts: readonly Post[], opts: TrainOptions = {}): EngagementModelJson {
  const metric = opts.metric ?? 'likes';
  const timeZone = opts.timeZone ?? 'UTC';
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const scope = opts.scope ?? 'general';
  const { rows, thresholds } = prepare(posts, metric);
  const cut = Math.floor(rows.length * 0.8);
  const fitRows = rows.slice(0, cut);
  const valRows = rows.slice(cut);
  // Calibrate and size the ranges on later posts the calibration model never saw.
  const early = fitCore(fitRows, scope, timeZone, tuning);
  const earlyScorers = textScorers(early);
  const earlyCtx = context(scope, timeZone, tuning.shrink, early.baseRate, early.meanLog, early.domains, early.authors);
  const valScores = valRows.map((r) => coreLogit(early, earlyScorers, earlyCtx, r.post).z);
  const valLabels = valRows.map((r) => r.label);
  const calibration = fitPlatt(valScores, valLabels);
  const valProbs = valScores.map((s) => applyPlatt(calibration, s));
  const ranges = rangeBands(valProbs, valRows.map((r) => r.value));
  const auc = rocAuc(valScores, valLabels);

  const core = fitCore(rows, scope, timeZone, tuning);
  return {
    kind: 'sightline-engagement',
    version: 1,
    metric,
    scope,
    timeZone,
    trainedOn: rows.length,
    trainedFrom: rows[0]!.post.publishedAt,
    trainedTo: rows[rows.length - 1]!.post.publishedAt,
    thresholds,
    baseRate: core.baseRate,
    meanLog: core.meanLog,
    shrink: tuning.shrink,
    nb: core.nb,
    nbScale: core.nbScale,
    termLift: core.termLift,
    termLiftScale: core.termLiftScale,
    lr: core.lr,
    ...(core.gbdt ? { gbdt: core.gbdt } : {}),
    calibration,
    ranges,
    validation: { n: valRows.length, auc: Number.isFinite(auc) ? auc : null, brier: valRows.length ? brierScore(valProbs, valLabels) : null },
    domains: toRecord(core.domains),
    authors: toRecord(core.authors),
  };
}

function rangeBands(probs: number[], values: number[]): EngagementModelJson['ranges'] {
  const order = probs.map((_, i) => i).sort((a, b) => probs[a]! - probs[b]!);
  const bands = Math.max(1, Math.min(5, Math.floor(order.length / 20)));
  const out: EngagementModelJson['ranges'] = [];
  for (let b = 0; b < bands; b++) {
    const slice = order.slice(Math.floor((b * order.length) / bands), Math.floor(((b + 1) * order.length) / bands));
    if (!slice.length) continue;
    const vals = slice.map((i) => values[i]!);
    out.push({
      upTo: b === bands - 1 ? 1 : probs[slice[slice.length - 1]!]!,
      p25: Math.round(quantile(vals, 0.25)),
      p50: Math.round(quantile(vals, 0.5)),
      p75: Math.round(quantile(vals, 0.75)),
    });
  }
  return out;
}

/** A ready-to-score model: parse once, score many. */
export interface EngagementScorer {
  model: EngagementModelJson;
  score(d: Draft): number;
  predict(d: Draft, maxReasons?: number): Prediction;
}

export function engagementScorer(model: EngagementModelJson): EngagementScorer {
  if (model.kind !== 'sightline-engagement' || model.version !== 1) throw new TypeError('not a sightline engagement model (version 1)');
  const fromRecord = (r: Record<string, Stats3>) => new Map(Object.entries(r).map(([k, [n, hits, sumLog]]) => [k, { n, hits, sumLog }]));
  const ctx = context(model.scope, model.timeZone, model.shrink, model.baseRate, model.meanLog, fromRecord(model.domains), fromRecord(model.authors));
  const scorers = textScorers(model);
  const run = (d: Draft) => coreLogit(model, scorers, ctx, d);
  const wNb = model.lr.weights.nb ?? 0;
  const wLift = model.lr.weights.term_lift ?? 0;
  // A term's share of the two text scores, on the regression's log-odds scale.
  const termWeight = (t: string) => (wNb * scorers.nb.evidence(t)) / model.nbScale + (wLift * scorers.lift.evidence(t)) / model.termLiftScale;
  return {
    model,
    score: (d) => applyPlatt(model.calibration, run(d).z),
    predict(d, maxReasons = 3) {
      const { z, x, terms: t } = run(d);
      const probability = applyPlatt(model.calibration, z);
      const band = model.ranges.find((r) => probability <= r.upTo) ?? model.ranges[model.ranges.length - 1];
      return {
        probability,
        expected: band ? { low: band.p25, median: band.p50, high: band.p75 } : null,
        reasons: explain(model, x, t, termWeight, d, maxReasons),
      };
    },
  };
}

export function parseEngagementModel(json: string): EngagementModelJson {
  return asEngagementModel(JSON.parse(json));
}

/** An already-parsed value (a JSON response, a stored object) checked to be a model. */
export function asEngagementModel(value: unknown): EngagementModelJson {
  const m = value as Partial<EngagementModelJson> | null;
  if (m?.kind !== 'sightline-engagement' || m.version !== 1 || !m.lr || !m.nb || !m.termLift || !m.calibration) {
    throw new TypeError('not a sightline engagement model (expected kind "sightline-engagement", version 1)');
  }
  // The reasons and the CLI's platform check read the platforms it was trained on.
  if (typeof m.thresholds !== 'object' || m.thresholds === null || !Object.keys(m.thresholds).length) throw new TypeError('it names no platform (thresholds)');
  return m as EngagementModelJson;
}

/** Below this many posts a workspace's own model is too thin to trust over the general one. */
export const MIN_WORKSPACE_POSTS = 200;

/** What the choice between models looks at; a stored model's row carries it without parsing the model. */
export interface ModelSummary {
  trainedOn: number;
  validation: { auc: number | null };
}

/**
 * The model to score a workspace's drafts with: its own when it was trained on enough
 * history and ranked its own held-out posts better than chance, otherwise the general model.
 * Works on summaries, so a caller can decide before loading the (large) model it picked.
 */
export function chooseEngagementModel<M extends ModelSummary>(
  workspace: M | null | undefined,
  general: M,
): { model: M; source: 'workspace' | 'general'; why: string } {
  if (!workspace) return { model: general, source: 'general', why: 'no workspace model yet' };
  if (workspace.trainedOn < MIN_WORKSPACE_POSTS) {
    return { model: general, source: 'general', why: `workspace history is thin (${workspace.trainedOn} posts; ${MIN_WORKSPACE_POSTS} needed)` };
  }
  const auc = workspace.validation.auc;
  if (auc === null || auc <= 0.55) {
    return { model: general, source: 'general', why: `workspace model did not rank its own later posts well (held-out AUC ${auc === null ? 'n/a' : auc.toFixed(2)})` };
  }
  return { model: workspace, source: 'workspace', why: `trained on ${workspace.trainedOn} of this workspace's posts` };
}
