/**
 * Term lift: for each title term, the mean log-engagement of the posts that used it, relative
 * to all posts and shrunk toward zero by `m` pseudo-posts (empirical Bayes on the mean). A
 * title's score is the sum over its terms. Unlike naive Bayes it sees how far above or below
 * the threshold each post landed, not only which side; on the validation slice of the Hacker
 * News training period the two together ranked later posts better than either alone.
 */

export interface TermLiftJson {
  kind: 'term-lift';
  m: number;
  /** term → [posts using it, sum of (log1p(engagement) − mean)] */
  stats: Record<string, [number, number]>;
}

export function trainTermLift(docs: readonly (readonly string[])[], values: readonly number[], opts: { m?: number; minDocs?: number } = {}): TermLiftJson {
  const m = opts.m ?? 30;
  const minDocs = opts.minDocs ?? 3;
  const logs = values.map((v) => Math.log1p(v));
  const mean = logs.reduce((a, v) => a + v, 0) / (logs.length || 1);
  const acc = new Map<string, [number, number]>();
  docs.forEach((doc, i) => {
    for (const t of new Set(doc)) {
      const s = acc.get(t) ?? [0, 0];
      s[0]++;
      s[1] += logs[i]! - mean;
      acc.set(t, s);
    }
  });
  const stats: Record<string, [number, number]> = {};
  for (const [t, s] of acc) if (s[0] >= minDocs) stats[t] = [s[0], Math.round(s[1] * 1000) / 1000];
  return { kind: 'term-lift', m, stats };
}

export function termLiftScorer(model: TermLiftJson): { score(doc: readonly string[]): number; evidence(term: string): number } {
  const evidence = (t: string) => {
    const s = model.stats[t];
    return s ? s[1] / (s[0] + model.m) : 0;
  };
  return {
    evidence,
    score(doc) {
      let z = 0;
      for (const t of new Set(doc)) z += evidence(t);
      return z;
    },
  };
}
