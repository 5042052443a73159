/**
 * Multinomial naive Bayes over string terms, sparse. Written here rather than taken from
 * ml-naivebayes because that package needs a dense documents × vocabulary matrix (12k
 * titles × 20k terms is 240M cells), fixes the smoothing at 1, and returns only the argmax
 * class, whereas ranking (AUC) and calibration need the log-odds.
 */

export interface NaiveBayesJson {
  kind: 'multinomial-nb';
  alpha: number;
  /** Binary: a term counts once per document (better for short titles). */
  binary: boolean;
  logPrior: number;
  totals: [number, number];
  /** term → [count in positive docs, count in negative docs] */
  counts: Record<string, [number, number]>;
}

export function trainNaiveBayes(docs: readonly (readonly string[])[], labels: readonly (0 | 1)[], opts: { alpha?: number; binary?: boolean; minDocs?: number } = {}): NaiveBayesJson {
  const alpha = opts.alpha ?? 1;
  const binary = opts.binary ?? true;
  const minDocs = opts.minDocs ?? 1;
  const counts = new Map<string, [number, number]>();
  const df = new Map<string, number>();
  let npos = 0;
  for (let i = 0; i < docs.length; i++) {
    const y = labels[i] ? 0 : 1;
    if (!y) npos++;
    const seen = new Set<string>();
    for (const t of docs[i]!) {
      if (binary && seen.has(t)) continue;
      if (!seen.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
      seen.add(t);
      let c = counts.get(t);
      if (!c) counts.set(t, (c = [0, 0]));
      c[y]++;
    }
  }
  const kept: Record<string, [number, number]> = {};
  const totals: [number, number] = [0, 0];
  for (const [t, c] of counts) {
    if ((df.get(t) ?? 0) < minDocs) continue;
    kept[t] = c;
    totals[0] += c[0];
    totals[1] += c[1];
  }
  const nneg = docs.length - npos;
  return { kind: 'multinomial-nb', alpha, binary, logPrior: Math.log((npos + 1) / (nneg + 1)), totals, counts: kept };
}

/** Per-term evidence log P(t|pos)/P(t|neg), smoothed. Unknown terms give 0. */
export function termEvidence(model: NaiveBayesJson, term: string): number {
  const c = model.counts[term];
  if (!c) return 0;
  const v = Object.keys(model.counts).length || 1;
  return Math.log((c[0] + model.alpha) / (model.totals[0] + model.alpha * v)) - Math.log((c[1] + model.alpha) / (model.totals[1] + model.alpha * v));
}

/** Prepared scorer: the vocabulary size is computed once, not per term. */
export function nbScorer(model: NaiveBayesJson): { logOdds(doc: readonly string[]): number; evidence(term: string): number } {
  const v = Object.keys(model.counts).length || 1;
  const d0 = Math.log(model.totals[0] + model.alpha * v);
  const d1 = Math.log(model.totals[1] + model.alpha * v);
  const evidence = (t: string) => {
    const c = model.counts[t];
    return c ? Math.log(c[0] + model.alpha) - d0 - Math.log(c[1] + model.alpha) + d1 : 0;
  };
  return {
    evidence,
    logOdds(doc) {
      let s = model.logPrior;
      const seen = model.binary ? new Set<string>() : null;
      for (const t of doc) {
        if (seen) {
          if (seen.has(t)) continue;
          seen.add(t);
        }
        s += evidence(t);
      }
      return s;
    },
  };
}
