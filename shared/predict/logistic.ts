/**
 * L2-regularised logistic regression on sparse named features, fit by AdaGrad SGD.
 * Deterministic (seeded shuffle) so the same posts always give the same model.
 */

export type SparseVector = Map<string, number>;

export interface LogisticJson {
  kind: 'logistic';
  bias: number;
  weights: Record<string, number>;
}

export interface LogisticOptions {
  l2?: number;
  epochs?: number;
  learningRate?: number;
  seed?: number;
  /** Per-row weights (e.g. to downweight old posts). */
  rowWeights?: readonly number[];
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function trainLogistic(xs: readonly SparseVector[], ys: readonly (0 | 1)[], opts: LogisticOptions = {}): LogisticJson {
  const l2 = opts.l2 ?? 1e-4;
  const epochs = opts.epochs ?? 8;
  const lr = opts.learningRate ?? 0.1;
  const rand = mulberry32(opts.seed ?? 1);
  const w = new Map<string, number>();
  const g2 = new Map<string, number>();
  let bias = 0;
  let gb = 1e-8;
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const x = xs[i]!;
      let z = bias;
      for (const [k, v] of x) z += (w.get(k) ?? 0) * v;
      const rw = opts.rowWeights?.[i] ?? 1;
      const err = (sigmoid(z) - ys[i]!) * rw;
      gb += err * err;
      bias -= (lr * err) / Math.sqrt(gb);
      for (const [k, v] of x) {
        const wk = w.get(k) ?? 0;
        // L2 applied when a feature is seen: rare features shrink less per pass, as in standard sparse SGD.
        const g = err * v + l2 * wk;
        const acc = (g2.get(k) ?? 1e-8) + g * g;
        g2.set(k, acc);
        w.set(k, wk - (lr * g) / Math.sqrt(acc));
      }
    }
  }
  const weights: Record<string, number> = {};
  for (const [k, v] of w) if (Math.abs(v) > 1e-6) weights[k] = v;
  return { kind: 'logistic', bias, weights };
}

export function logit(model: LogisticJson, x: SparseVector): number {
  let z = model.bias;
  for (const [k, v] of x) z += (model.weights[k] ?? 0) * v;
  return z;
}
