/** Evaluation measures shared by the engines, the evals and the tests. */

/**
 * ROC AUC by the rank-sum (Mann-Whitney) formula, ties counted half. NaN when one class
 * is absent (AUC is undefined there, and 0.5 would hide that).
 */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  if (scores.length !== labels.length) throw new RangeError('scores and labels differ in length');
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        pos++;
        rankSumPos += midRank;
      }
    }
    i = j + 1;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function brierScore(probs: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  let s = 0;
  for (let i = 0; i < probs.length; i++) s += (probs[i]! - (labels[i] ? 1 : 0)) ** 2;
  return probs.length ? s / probs.length : NaN;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  meanPredicted: number;
  observedRate: number;
}

/** Equal-count bins by predicted probability (deciles by default). */
export function reliability(probs: readonly number[], labels: readonly (0 | 1 | boolean)[], bins = 10): ReliabilityBin[] {
  const order = probs.map((_, i) => i).sort((a, b) => probs[a]! - probs[b]!);
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const slice = order.slice(Math.floor((b * order.length) / bins), Math.floor(((b + 1) * order.length) / bins));
    if (!slice.length) continue;
    let p = 0;
    let y = 0;
    for (const i of slice) {
      p += probs[i]!;
      y += labels[i] ? 1 : 0;
    }
    out.push({ from: probs[slice[0]!]!, to: probs[slice[slice.length - 1]!]!, n: slice.length, meanPredicted: p / slice.length, observedRate: y / slice.length });
  }
  return out;
}

/** Linear-interpolated quantile (type 7, as in R and numpy) of unsorted values. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo]! + (s[hi]! - s[lo]!) * (h - lo);
}

export function logLoss(probs: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  let s = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probs[i]!));
    s -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return probs.length ? s / probs.length : NaN;
}
