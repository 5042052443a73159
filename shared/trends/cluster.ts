import { cosine, type SparseVector } from './tfidf.ts';

/**
 * Which items talk about the same thing: nearest neighbours through an inverted index of
 * keyphrases, then centroid-linkage grouping. Pure and index-based, so 10,000 items take
 * tens of milliseconds where all pairs would take about half a second (bench/correlate).
 */

export interface NeighbourOptions {
  /** Cosine at or above which two items may be the same topic. */
  threshold: number;
  /** Neighbours kept per item. */
  neighbours: number;
  /** Keyphrases in more items than this propose no candidate pairs (they still count in cosines). */
  maxPostings: number;
  /** Item embeddings by item key; blended into candidate similarity when both items have one. */
  embeddings?: ReadonlyMap<string, ArrayLike<number>>;
  /** Share of the embedding cosine in the blend, 0..1. */
  embeddingWeight: number;
}

/** An item's nearest neighbours (item indices) and their similarities, strongest first. */
export interface Neighbours {
  ids: Int32Array;
  sims: Float64Array;
}

interface Cluster {
  members: number[];
  /** Sum of member vectors (not normalised), by term id. */
  sum: Map<number, number>;
  norm2: number;
  /** Sum of member embeddings; null when any member has none. */
  emb: Float64Array | null;
}

/**
 * Centroid linkage: candidate edges are taken strongest first, and two groups merge only
 * if their centroids are at least `threshold` alike (TF-IDF centroids, blended with
 * embedding centroids when every member has an embedding). Single linkage (union-find over
 * the same edges) chained "Math" to "math library" to "library funding": on bench/correlate's
 * 10,000 real observations it made one group of 1,471 items. Here a new member has to
 * resemble the group as a whole.
 */
export function groupByCentroid(vectors: readonly SparseVector[], neighbours: readonly Neighbours[], threshold: number, embeddingOf: (i: number) => ArrayLike<number> | undefined, embeddingWeight: number): number[][] {
  const edges: [number, number, number][] = [];
  neighbours.forEach((nb, i) => {
    for (let k = 0; k < nb.ids.length; k++) {
      const j = nb.ids[k]!;
      if (i < j) edges.push([i, j, nb.sims[k]!]);
      // Kept once: (j, i) is added from j's list if i is among j's neighbours too.
      else if (!neighbours[j]!.ids.includes(i)) edges.push([j, i, nb.sims[k]!]);
    }
  });
  edges.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);

  const owner = Int32Array.from({ length: vectors.length }, (_, i) => i);
  const clusters = new Map<number, Cluster>();
  const clusterOf = (i: number): Cluster => {
    let c = clusters.get(i);
    if (!c) {
      const v = vectors[i]!;
      const sum = new Map<number, number>();
      for (let k = 0; k < v.ids.length; k++) sum.set(v.ids[k]!, v.weights[k]!);
      const e = embeddingOf(i);
      clusters.set(i, (c = { members: [i], sum, norm2: v.ids.length > 0 ? 1 : 0, emb: e ? Float64Array.from(e) : null }));
    }
    return c;
  };
  for (const [i, j] of edges) {
    const ri = owner[i]!;
    const rj = owner[j]!;
    if (ri === rj) continue;
    const a = clusterOf(ri);
    const b = clusterOf(rj);
    const [small, big] = a.sum.size <= b.sum.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [t, w] of small.sum) dot += w * (big.sum.get(t) ?? 0);
    if (a.norm2 === 0 || b.norm2 === 0) continue;
    let sim = dot / Math.sqrt(a.norm2 * b.norm2);
    if (a.emb && b.emb) sim = (1 - embeddingWeight) * sim + embeddingWeight * embeddingCosine(a.emb, b.emb);
    if (sim < threshold) continue;
    // The smaller id survives so the grouping does not depend on which side is bigger.
    const [keep, gone, keepId, goneId] = ri < rj ? [a, b, ri, rj] : [b, a, rj, ri];
    for (const [t, w] of gone.sum) {
      const old = keep.sum.get(t) ?? 0;
      keep.sum.set(t, old + w);
      keep.norm2 += (old + w) * (old + w) - old * old;
    }
    if (keep.emb && gone.emb && keep.emb.length === gone.emb.length) for (let k = 0; k < keep.emb.length; k++) keep.emb[k]! += gone.emb[k]!;
    else keep.emb = null;
    for (const m of gone.members) {
      owner[m] = keepId;
      keep.members.push(m);
    }
    clusters.delete(goneId);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < vectors.length; i++) {
    const r = owner[i]!;
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  return [...groups.values()];
}

function embeddingCosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * For every item, its nearest neighbours at or above `threshold`, found through an inverted
 * index: only items sharing a keyphrase that occurs in at most `maxPostings` items are ever
 * compared, and the partial dot products accumulated over those shared keyphrases are
 * completed to exact cosines only for promising pairs.
 */
export function nearestNeighbours(vectors: readonly SparseVector[], specific: Uint8Array, itemKeys: readonly string[], opts: NeighbourOptions): Neighbours[] {
  const n = vectors.length;
  const vocabSize = specific.length;
  const postingCount = new Int32Array(vocabSize);
  for (const v of vectors) for (const id of v.ids) postingCount[id]!++;
  const offsets = new Int32Array(vocabSize + 1);
  for (let t = 0; t < vocabSize; t++) offsets[t + 1] = offsets[t]! + postingCount[t]!;
  const postings = new Int32Array(offsets[vocabSize]!);
  const postingWeights = new Float64Array(offsets[vocabSize]!);
  const fill = offsets.slice(0, vocabSize);
  vectors.forEach((v, doc) => {
    for (let k = 0; k < v.ids.length; k++) {
      const t = v.ids[k]!;
      postings[fill[t]!] = doc;
      postingWeights[fill[t]!++] = v.weights[k]!;
    }
  });

  const acc = new Float64Array(n);
  const shared = new Int32Array(n);
  const strong = new Uint8Array(n);
  const touched: number[] = [];
  const found: [number, number][][] = Array.from({ length: n }, () => []);
  const blend = opts.embeddings ? opts.embeddingWeight : 0;
  // A pair whose shared indexed keyphrases give under half the threshold rarely gets there
  // from the very common keyphrases skipped above: not worth an exact cosine.
  const prefilter = opts.threshold * 0.5;
  // Postings are in document order and documents are visited in order, so each term's cursor
  // sits on the current document: pairs are scored once, for j > i only.
  const cursor = offsets.slice(0, vocabSize);
  for (let i = 0; i < n; i++) {
    const v = vectors[i]!;
    for (let k = 0; k < v.ids.length; k++) {
      const t = v.ids[k]!;
      const from = ++cursor[t]!;
      const count = postingCount[t]!;
      if (count < 2 || count > opts.maxPostings) continue;
      const w = v.weights[k]!;
      for (let p = from; p < offsets[t + 1]!; p++) {
        const j = postings[p]!;
        if (shared[j] === 0) touched.push(j);
        acc[j]! += w * postingWeights[p]!;
        shared[j]!++;
        strong[j]! |= specific[t]!;
      }
    }
    const embI = blend > 0 ? opts.embeddings!.get(itemKeys[i]!) : undefined;
    for (const j of touched) {
      const partial = acc[j]!;
      // One shared everyday word ("clock", "life") is a homonym risk, not a topic: a link needs
      // two shared keyphrases, or one name, code token or multi-word phrase.
      const enough = shared[j]! >= 2 || strong[j] === 1;
      acc[j] = 0;
      shared[j] = 0;
      strong[j] = 0;
      if (!enough || (partial < prefilter && !embI)) continue;
      let sim = cosine(v, vectors[j]!);
      const embJ = embI ? opts.embeddings!.get(itemKeys[j]!) : undefined;
      if (embI && embJ) sim = (1 - blend) * sim + blend * embeddingCosine(embI, embJ);
      if (sim >= opts.threshold) {
        found[i]!.push([j, sim]);
        found[j]!.push([i, sim]);
      }
    }
    touched.length = 0;
  }
  return found.map((list) => {
    list.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = list.slice(0, opts.neighbours);
    return { ids: Int32Array.from(top, (f) => f[0]), sims: Float64Array.from(top, (f) => f[1]) };
  });
}
