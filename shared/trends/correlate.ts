import { extractKeyphrases, type ExtractMode, type Keyphrase } from './keyphrases.ts';
import { trendScore } from './score.ts';
import { sentimentOf } from './sentiment.ts';
import { groupByCentroid, nearestNeighbours } from './cluster.ts';
import { buildVocabulary, tfidfVector, type SparseVector } from './tfidf.ts';
import { observationKey, type Observation, type TrendSource } from './types.ts';

/**
 * Cross-source trend correlation: groups observations from Hacker News, Reddit, GitHub
 * and Google Trends that talk about the same thing into trend records.
 *
 * 1. Observations are deduplicated into items by (source, externalId): an item seen ten
 *    times is one item (for confidence) whose score/comment growth feeds its activity.
 * 2. Each distinct title is run through keyphrase extraction once.
 * 3. Items become TF-IDF vectors over their keyphrases; candidate pairs come only from an
 *    inverted index of shared, not-too-common keyphrases; each item keeps its nearest
 *    neighbours above the threshold, and groups merge along those edges, strongest first,
 *    only while their centroids stay alike (see groupByCentroid).
 * 4. Each group gets keywords, a name, a stable id, hourly activity, velocity, confidence
 *    and sentiment.
 */

export interface CorrelateOptions {
  /** Epoch ms the window ends at; activity after it is ignored. */
  now: number;
  /** Keyphrase extractor: 'lexicon' (fast, default) or 'tagger' (compromise's full tagger). */
  mode?: ExtractMode;
  /** Cosine at or above which two items are the same topic. */
  threshold?: number;
  /** Nearest neighbours kept per item: the only edges groups can merge along. */
  neighbours?: number;
  /** Keyphrases in more items than this do not propose candidate pairs (they still count in cosines). */
  maxPostings?: number;
  /** Hours counted as "recent" for velocity. */
  recentHours?: number;
  /** Hours before the recent window that form the baseline. */
  baselineHours?: number;
  /** Length of the hourly series returned with each trend. */
  seriesHours?: number;
  /** Trends with fewer distinct items are dropped. */
  minItems?: number;
  /** Keywords kept per trend. */
  keywords?: number;
  /**
   * Optional item embeddings (from an OpenAI-compatible endpoint, fetched by the caller),
   * keyed `${source}:${externalId}`. When both items of a candidate pair have one, the pair's
   * similarity blends TF-IDF cosine with embedding cosine. Never required.
   */
  embeddings?: ReadonlyMap<string, ArrayLike<number>>;
  /** Share of the embedding cosine in the blend, 0..1. */
  embeddingWeight?: number;
  /** Keyphrases by title text, reused across calls (a Worker isolate can keep one). */
  cache?: Map<string, Keyphrase[]>;
  /**
   * When given, the time spent in each phase is written here, read from `clock` (shared/ has
   * no timer of its own: the bench passes performance.now).
   */
  profile?: { clock: () => number; phases: Record<string, number> };
}

export interface VolumeSeries {
  /** Epoch ms of the first bucket's start. */
  start: number;
  bucketMs: number;
  /** Distinct items created in each bucket. */
  items: number[];
  /** Items created plus engagement growth in each bucket (engagement as log1p of typical items of its source). */
  activity: number[];
}

export interface CorrelatedTrend {
  /** Stable across runs: derived from the two strongest normalised keyphrases. */
  id: string;
  name: string;
  keywords: string[];
  platforms: TrendSource[];
  /** 0..1, see `confidenceOf`. */
  confidence: number;
  /** 0..1, see `velocityOf`. */
  velocity: number;
  /** -1..1 mean lexicon sentiment of member titles; null when none has a sentiment word. */
  sentiment: number | null;
  /** 0..100 headline score (trendScore of confidence and velocity). */
  score: number;
  firstDetectedAt: number;
  /** Filled later by the forecaster. */
  peakPredictedAt: null;
  relatedTrendIds: string[];
  memberIds: Partial<Record<TrendSource, string[]>>;
  /** Distinct items (not observations). */
  items: number;
  /** Mean cosine of members to the group centroid; 1 for a single item. */
  cohesion: number;
  series: VolumeSeries;
}

const hourMs = 3_600_000;

interface Item {
  key: string;
  source: TrendSource;
  externalId: string;
  title: string;
  text: string | null;
  createdAt: number;
  /** Observations at distinct times, oldest first. */
  observations: Observation[];
  /** Latest score + comments. */
  engagement: number;
}

/** One item per (source, externalId); repeated sightings at the same time count once. */
function toItems(observations: readonly Observation[], now: number): Item[] {
  const byKey = new Map<string, Observation[]>();
  for (const o of observations) {
    if (o.observedAt > now) continue;
    const key = observationKey(o);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(o);
  }
  const items: Item[] = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.observedAt - b.observedAt);
    const distinct = list.filter((o, i) => i === 0 || o.observedAt !== list[i - 1]!.observedAt);
    const last = distinct[distinct.length - 1]!;
    items.push({
      key,
      source: last.source,
      externalId: last.externalId,
      title: last.title,
      text: last.text,
      createdAt: Math.min(...distinct.map((o) => o.createdAt)),
      observations: distinct,
      engagement: engagementOf(last),
    });
  }
  // Sorted so that the output does not depend on input order.
  return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function engagementOf(o: Observation): number {
  return Math.max(0, o.score ?? 0) + Math.max(0, o.comments ?? 0);
}

/**
 * Confidence that a group is one real topic on the rise, 0..1.
 *
 * Evidence per source: support_s = 1 − e^(−n_s/3) for n_s distinct items on source s
 * (saturating: 1 item 0.28, 3 items 0.63, 10 items 0.96). Sources are independent
 * witnesses, combined by noisy-OR with reliability 0.6: P = 1 − Π_s (1 − 0.6·support_s),
 * so a second and third source add more than more items on the same source. P is then
 * scaled by rising activity, (0.5 + 0.5·velocity), and by how tightly the items agree,
 * (0.6 + 0.4·cohesion), where cohesion is the mean cosine of members to their centroid
 * (0.5, unknown, for a single item).
 */
export function confidenceOf(itemsPerSource: readonly number[], velocity: number, cohesion: number): number {
  let miss = 1;
  for (const n of itemsPerSource) miss *= 1 - 0.6 * (1 - Math.exp(-n / 3));
  return (1 - miss) * (0.5 + 0.5 * velocity) * (0.6 + 0.4 * cohesion);
}

/**
 * Velocity 0..1 from hourly activity: r = mean activity per hour over the recent window,
 * b = mean per hour over the baseline before it, growth g = (r − b)/(b + 0.25) (0.25 units
 * per hour, one typical item every four hours, is the prior that keeps a trickle from
 * looking like a surge), velocity = tanh(max(0, g)/2). Flat or falling activity is 0;
 * a topic going from nothing to one typical item an hour is 0.96.
 */
export function velocityOf(activity: readonly number[], recentBuckets: number, baselineBuckets: number): number {
  const n = activity.length;
  let recent = 0;
  let base = 0;
  for (let i = Math.max(0, n - recentBuckets); i < n; i++) recent += activity[i]!;
  for (let i = Math.max(0, n - recentBuckets - baselineBuckets); i < n - recentBuckets; i++) base += activity[i]!;
  const r = recent / recentBuckets;
  const b = base / baselineBuckets;
  const g = (r - b) / (b + 0.25);
  return Math.tanh(Math.max(0, g) / 2);
}

/** A term's weight in a sparse vector (ids ascending), 0 when absent. */
function weightOf(v: SparseVector, id: number): number {
  let lo = 0;
  let hi = v.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = v.ids[mid]!;
    if (x === id) return v.weights[mid]!;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** FNV-1a, 32 bits, seeded: two seeds give a 64-bit id without a crypto dependency. */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function trendIdFor(keys: readonly string[]): string {
  const basis = [...keys].sort().join('|');
  return 'tr_' + fnv1a(basis, 0x811c9dc5).toString(36).padStart(7, '0') + fnv1a(basis, 0x9747b28c).toString(36).padStart(7, '0');
}

interface KeyStat {
  weight: number;
  docs: number;
  surfaces: Map<string, number>;
  /** An everyday noun ("month", "result"): it may group items, but says nothing as a keyword. */
  common: boolean;
}

/**
 * A trend's name as a list heading: "passkeys" reads "Passkeys", "work week" "Work week".
 * Only a plain lower-case first word is raised: "iPhone" keeps its form, and so does a
 * lone short word ("npm", "git"), which is more often a tool's own spelling than a noun.
 */
export function headline(name: string): string {
  if (!/^\p{Ll}[\p{Ll}\p{N}'’-]*(\s|$)/u.test(name)) return name;
  if (!/\s/.test(name) && name.length <= 3) return name;
  return name[0]!.toUpperCase() + name.slice(1);
}

function mostCommon(counts: Map<string, number>): string {
  let best = '';
  let bestN = -1;
  for (const [s, count] of counts) {
    // Spellings with capitals count double ("AI" over repo-slug "ai"): they are more likely the name's own.
    const n = /\p{Lu}/u.test(s) ? count * 2 : count;
    if (n > bestN || (n === bestN && s < best)) {
      best = s;
      bestN = n;
    }
  }
  return best;
}

export const correlateDefaults = {
  mode: 'lexicon' as ExtractMode,
  threshold: 0.3,
  neighbours: 12,
  maxPostings: 400,
  recentHours: 6,
  baselineHours: 24,
  seriesHours: 72,
  minItems: 2,
  keywords: 8,
  embeddingWeight: 0.5,
};

export function correlate(observations: readonly Observation[], options: CorrelateOptions): CorrelatedTrend[] {
  const opts = { ...correlateDefaults, ...options };
  const profile = opts.profile;
  let mark = profile?.clock() ?? 0;
  const phase = (name: string) => {
    if (!profile) return;
    const t = profile.clock();
    profile.phases[name] = (profile.phases[name] ?? 0) + t - mark;
    mark = t;
  };
  const items = toItems(observations, opts.now);
  phase('dedupe');
  const cache = opts.cache ?? new Map<string, Keyphrase[]>();
  const docs = items.map((item) => {
    const cacheKey = `${opts.mode}\u0000${item.title}\u0000${item.text ?? ''}`;
    let phrases = cache.get(cacheKey);
    if (!phrases) cache.set(cacheKey, (phrases = extractKeyphrases(item.title, item.text, { mode: opts.mode })));
    return phrases;
  });

  phase('keyphrases');
  const vocab = buildVocabulary(docs);
  const vectors = docs.map((d) => tfidfVector(d, vocab, docs.length));
  phase('tfidf');
  const neighbours = nearestNeighbours(vectors, vocab.specific, items.map((it) => it.key), opts);
  phase('neighbours');

  const embeddingOf = (i: number) => opts.embeddings?.get(items[i]!.key);
  const groups = groupByCentroid(vectors, neighbours, opts.threshold, embeddingOf, opts.embeddings ? opts.embeddingWeight : 0);
  phase('grouping');

  // One activity unit = one typical item's engagement on its own source (Reddit scores run
  // 10–100× Hacker News points), so sources add up on one scale.
  const typical = new Map<TrendSource, number>();
  {
    const bySource = new Map<TrendSource, number[]>();
    for (const it of items) {
      let l = bySource.get(it.source);
      if (!l) bySource.set(it.source, (l = []));
      l.push(it.engagement);
    }
    for (const [s, l] of bySource) {
      l.sort((a, b) => a - b);
      typical.set(s, Math.max(1, l[Math.floor(l.length / 2)]!));
    }
  }

  const seriesEnd = Math.floor(opts.now / hourMs) * hourMs;
  const buckets = opts.seriesHours;
  const seriesStart = seriesEnd - (buckets - 1) * hourMs;
  const bucketOf = (t: number) => Math.floor((t - seriesStart) / hourMs);
  const maxHours = Math.max(buckets, opts.recentHours + opts.baselineHours);

  const trends: (CorrelatedTrend & { topKeys: string[] })[] = [];
  for (const members of groups) {
    if (members.length < opts.minItems) continue;

    const stats = new Map<string, KeyStat>();
    for (const m of members) {
      const v = vectors[m]!;
      for (const p of docs[m]!) {
        let s = stats.get(p.key);
        if (!s) stats.set(p.key, (s = { weight: 0, docs: 0, surfaces: new Map(), common: p.kind === 'common' }));
        s.weight += weightOf(v, vocab.ids.get(p.key)!);
        s.docs++;
        s.surfaces.set(p.surface, (s.surfaces.get(p.surface) ?? 0) + 1);
      }
    }
    // A keyphrase found in one item only says nothing about a group of many.
    const minDocs = members.length >= 3 ? 2 : 1;
    const ranked = [...stats.entries()]
      .filter(([, s]) => s.docs >= minDocs)
      .sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1));
    let keywords: string[] = [];
    const within = (short: string, long: string) => ` ${long} `.includes(` ${short} `);
    // Everyday nouns are left out of what users read, unless the group has nothing else.
    const telling = ranked.filter(([, stat]) => !stat.common);
    for (const [key, stat] of telling.length > 0 ? telling : ranked) {
      // "web" says nothing "web framework" did not already say; a longer phrase found in every
      // item its shorter parts are in replaces them ("rust driver" over "driver").
      if (keywords.some((k) => within(key, k))) continue;
      keywords = keywords.filter((k) => !(within(k, key) && stats.get(k)!.docs <= stat.docs));
      keywords.push(key);
      if (keywords.length >= opts.keywords) break;
    }
    if (keywords.length === 0) continue;
    // The name: the keyphrase most members share, preferring longer (more specific) phrases.
    let nameKey = keywords[0]!;
    let nameScore = -1;
    for (const key of keywords) {
      const s = stats.get(key)!;
      const score = s.docs * (1 + 0.5 * (key.split(' ').length - 1)) + s.weight * 1e-6;
      if (score > nameScore) {
        nameScore = score;
        nameKey = key;
      }
    }

    const platformSet = new Set<TrendSource>();
    const memberIds: Partial<Record<TrendSource, string[]>> = {};
    const perSource = new Map<TrendSource, number>();
    let first = Infinity;
    let sentimentSum = 0;
    let sentimentN = 0;
    const itemsSeries = new Array<number>(buckets).fill(0);
    const activity = new Array<number>(maxHours).fill(0);
    const activityStart = seriesEnd - (maxHours - 1) * hourMs;
    const addActivity = (t: number, units: number) => {
      const b = Math.floor((t - activityStart) / hourMs);
      if (b >= 0 && b < maxHours) activity[b]! += units;
    };
    for (const m of members) {
      const it = items[m]!;
      platformSet.add(it.source);
      (memberIds[it.source] ??= []).push(it.externalId);
      perSource.set(it.source, (perSource.get(it.source) ?? 0) + 1);
      first = Math.min(first, it.createdAt);
      const s = sentimentOf(it.title);
      if (s !== null) {
        sentimentSum += s;
        sentimentN++;
      }
      const b = bucketOf(it.createdAt);
      if (b >= 0 && b < buckets) itemsSeries[b]!++;
      addActivity(it.createdAt, 1);
      // Engagement counts on a log scale (log1p of "typical items" of its source), so one viral
      // post does not outweigh a topic many items carry; growth between sightings telescopes
      // to the same total and lands in the hour it was seen.
      const unit = typical.get(it.source)!;
      const level = (o: Observation) => Math.log1p(engagementOf(o) / unit);
      const o0 = it.observations[0]!;
      const e0 = level(o0);
      const spanH = Math.max(1, Math.ceil((o0.observedAt - it.createdAt) / hourMs));
      // Engagement at the first sighting accrued between creation and then: spread it over those hours.
      if (spanH > maxHours * 4) addActivity(o0.observedAt, e0 / spanH);
      else for (let h = 0; h < spanH; h++) addActivity(it.createdAt + h * hourMs, e0 / spanH);
      let prev = e0;
      for (let k = 1; k < it.observations.length; k++) {
        const e = Math.max(prev, level(it.observations[k]!));
        if (e > prev) addActivity(it.observations[k]!.observedAt, e - prev);
        prev = e;
      }
    }

    let cohesion = 1;
    if (members.length > 1) {
      const centroid = new Map<number, number>();
      for (const m of members) {
        const v = vectors[m]!;
        for (let k = 0; k < v.ids.length; k++) centroid.set(v.ids[k]!, (centroid.get(v.ids[k]!) ?? 0) + v.weights[k]!);
      }
      let norm = 0;
      for (const w of centroid.values()) norm += w * w;
      norm = Math.sqrt(norm);
      let sum = 0;
      for (const m of members) {
        const v = vectors[m]!;
        let dot = 0;
        for (let k = 0; k < v.ids.length; k++) dot += v.weights[k]! * (centroid.get(v.ids[k]!) ?? 0);
        sum += norm > 0 ? dot / norm : 0;
      }
      cohesion = sum / members.length;
    }

    const velocity = velocityOf(activity, opts.recentHours, opts.baselineHours);
    const confidence = confidenceOf([...perSource.values()], velocity, members.length > 1 ? cohesion : 0.5);
    const platforms = [...platformSet].sort();
    for (const ids of Object.values(memberIds)) ids.sort();
    const stat = stats.get(nameKey)!;
    trends.push({
      // The two heaviest keyphrases, before any display clean-up: they move least as a topic grows.
      id: trendIdFor(ranked.slice(0, 2).map(([k]) => k)),
      name: headline(mostCommon(stat.surfaces)),
      keywords: keywords.map((k) => mostCommon(stats.get(k)!.surfaces)),
      platforms,
      confidence,
      velocity,
      sentiment: sentimentN > 0 ? sentimentSum / sentimentN : null,
      score: trendScore(confidence, velocity),
      firstDetectedAt: first,
      peakPredictedAt: null,
      relatedTrendIds: [],
      memberIds,
      items: members.length,
      cohesion,
      series: {
        start: seriesStart,
        bucketMs: hourMs,
        items: itemsSeries,
        activity: activity.slice(maxHours - buckets),
      },
      topKeys: ranked.slice(0, 5).map(([k]) => k),
    });
  }

  phase('records');
  trends.sort((a, b) => b.score - a.score || b.confidence - a.confidence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  disambiguateIds(trends);
  linkRelated(trends);
  const out = trends.map(({ topKeys: _, ...t }) => t);
  phase('related');
  return out;
}

/** Two groups with the same top keyphrases would share an id: the weaker one gets a suffix. */
function disambiguateIds(trends: CorrelatedTrend[]): void {
  const seen = new Map<string, number>();
  for (const t of trends) {
    const n = seen.get(t.id) ?? 0;
    seen.set(t.id, n + 1);
    if (n > 0) t.id = `${t.id}-${n + 1}`;
  }
}

/** Trends that share one of their top keyphrases but were not merged, most shared first. */
function linkRelated(trends: (CorrelatedTrend & { topKeys: string[] })[]): void {
  const byKey = new Map<string, number[]>();
  trends.forEach((t, i) => {
    for (const k of t.topKeys) {
      let l = byKey.get(k);
      if (!l) byKey.set(k, (l = []));
      l.push(i);
    }
  });
  trends.forEach((t, i) => {
    const shared = new Map<number, number>();
    for (const k of t.topKeys) {
      const l = byKey.get(k)!;
      // A keyphrase shared by dozens of trends is too generic to relate them.
      if (l.length > 20) continue;
      for (const j of l) if (j !== i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    t.relatedTrendIds = [...shared.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 5)
      .map(([j]) => trends[j]!.id);
  });
}
