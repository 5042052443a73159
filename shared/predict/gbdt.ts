import { mulberry32 } from './logistic.ts';

/**
 * Gradient-boosted decision trees for binary log-loss over a few dozen dense features,
 * with histogram splits (each feature cut into ≤ `bins` quantile bins once, up front).
 * Shallow trees let the model use interactions a logistic regression cannot (a link to a
 * strong domain matters less from an author with a strong record, a question does well
 * only at some hours). Deterministic: row subsampling uses a seeded generator.
 *
 * Missing values (NaN) fall in their own lowest bin, so they always take the left branch;
 * scoring follows the same rule, so a feature that is unknown for a draft (no author, no
 * link) still has a defined path.
 */

export interface GbdtOptions {
  trees?: number;
  depth?: number;
  learningRate?: number;
  /** L2 penalty on leaf values (the λ of XGBoost). */
  l2?: number;
  /** Smallest hessian sum (≈ p(1−p)·rows) a child may hold. */
  minChildWeight?: number;
  bins?: number;
  /** Share of rows each tree is grown on. */
  subsample?: number;
  seed?: number;
  /** 'logistic' (default): labels are 0/1 and margins are log-odds; 'squared': labels are real targets. */
  loss?: 'logistic' | 'squared';
}

/** One tree in flat arrays: node i splits on feature f[i] at t[i] (x ≤ t or NaN → left), or is a leaf when f[i] < 0 with value v[i]. */
export interface TreeJson {
  f: number[];
  t: number[];
  l: number[];
  r: number[];
  v: number[];
}

export interface GbdtJson {
  kind: 'gbdt';
  features: string[];
  loss?: 'logistic' | 'squared';
  /** Log-odds (or mean target) before the first tree. */
  base: number;
  trees: TreeJson[];
}

const round = (x: number, d = 1e6) => Math.round(x * d) / d;

/** Cut points per feature: midpoints between distinct values, thinned to quantiles when there are too many. */
function cutPoints(col: Float64Array, maxBins: number): number[] {
  const vals = Array.from(col).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const distinct: number[] = [];
  for (const v of vals) if (distinct[distinct.length - 1] !== v) distinct.push(v);
  if (distinct.length <= 1) return [];
  if (distinct.length <= maxBins) return distinct.slice(1).map((v, i) => (distinct[i]! + v) / 2);
  const cuts: number[] = [];
  for (let b = 1; b < maxBins; b++) {
    const q = vals[Math.floor((b * vals.length) / maxBins)]!;
    // A cut just below a quantile value keeps heavy ties (many zeros) in one bin.
    const lower = vals[Math.max(0, Math.floor((b * vals.length) / maxBins) - 1)]!;
    const c = lower === q ? q : (lower + q) / 2;
    if (cuts[cuts.length - 1] !== c && c < distinct[distinct.length - 1]!) cuts.push(c);
  }
  return cuts;
}

function binOf(x: number, cuts: readonly number[]): number {
  if (Number.isNaN(x)) return 0;
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

export function trainGbdt(rows: readonly (readonly number[])[], labels: readonly number[], features: readonly string[], opts: GbdtOptions = {}): GbdtJson {
  const nTrees = opts.trees ?? 200;
  const depth = opts.depth ?? 3;
  const eta = opts.learningRate ?? 0.05;
  const lambda = opts.l2 ?? 1;
  const minChild = opts.minChildWeight ?? 5;
  const maxBins = Math.min(255, opts.bins ?? 32);
  const subsample = opts.subsample ?? 0.8;
  const rand = mulberry32(opts.seed ?? 7);
  const n = rows.length;
  const nf = features.length;
  const cuts: number[][] = [];
  const binned: Uint8Array[] = [];
  for (let j = 0; j < nf; j++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = rows[i]![j]!;
    const c = cutPoints(col, maxBins);
    cuts.push(c);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = binOf(col[i]!, c);
    binned.push(b);
  }
  const squared = opts.loss === 'squared';
  const pos = labels.reduce<number>((a, y) => a + y, 0);
  const base = squared ? pos / n : Math.log((pos + 1) / (n - pos + 1));
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeJson[] = [];
  const width = maxBins + 1;
  const histG = new Float64Array(nf * width);
  const histH = new Float64Array(nf * width);
  for (let t = 0; t < nTrees; t++) {
    for (let i = 0; i < n; i++) {
      if (squared) {
        g[i] = margin[i]! - labels[i]!;
        h[i] = 1;
        continue;
      }
      const p = 1 / (1 + Math.exp(-margin[i]!));
      g[i] = p - labels[i]!;
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const sample: number[] = [];
    for (let i = 0; i < n; i++) if (subsample >= 1 || rand() < subsample) sample.push(i);
    const tree: TreeJson = { f: [], t: [], l: [], r: [], v: [] };
    // Grown depth-first; `grow` returns the node index and records leaf values.
    const grow = (idx: number[], level: number): number => {
      const node = tree.f.length;
      tree.f.push(-1);
      tree.t.push(0);
      tree.l.push(-1);
      tree.r.push(-1);
      tree.v.push(0);
      let G = 0;
      let H = 0;
      for (const i of idx) {
        G += g[i]!;
        H += h[i]!;
      }
      const leaf = () => {
        tree.v[node] = round((-G / (H + lambda)) * eta);
        return node;
      };
      if (level >= depth || H < 2 * minChild) return leaf();
      histG.fill(0);
      histH.fill(0);
      for (let j = 0; j < nf; j++) {
        const b = binned[j]!;
        const off = j * width;
        for (const i of idx) {
          histG[off + b[i]!]! += g[i]!;
          histH[off + b[i]!]! += h[i]!;
        }
      }
      const parent = (G * G) / (H + lambda);
      let best = 1e-9;
      let bestF = -1;
      let bestB = 0;
      for (let j = 0; j < nf; j++) {
        const off = j * width;
        const k = cuts[j]!.length;
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < k + 1; b++) {
          gl += histG[off + b]!;
          hl += histH[off + b]!;
          if (b === 0) continue;
          const gr = G - gl;
          const hr = H - hl;
          if (hl < minChild || hr < minChild) continue;
          const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
          if (gain > best) {
            best = gain;
            bestF = j;
            bestB = b;
          }
        }
      }
      if (bestF < 0) return leaf();
      const b = binned[bestF]!;
      const left = idx.filter((i) => b[i]! <= bestB);
      const right = idx.filter((i) => b[i]! > bestB);
      tree.f[node] = bestF;
      tree.t[node] = cuts[bestF]![bestB - 1]!;
      tree.l[node] = grow(left, level + 1);
      tree.r[node] = grow(right, level + 1);
      return node;
    };
    grow(sample, 0);
    trees.push(tree);
    // Margins move for every row, sampled or not, so the next gradients are exact.
    for (let i = 0; i < n; i++) margin[i] = margin[i]! + treeValue(tree, rows[i]!);
  }
  return { kind: 'gbdt', ...(squared ? { loss: 'squared' as const } : {}), features: [...features], base, trees };
}

function treeValue(tree: TreeJson, x: readonly number[]): number {
  let i = 0;
  while (tree.f[i]! >= 0) {
    const v = x[tree.f[i]!]!;
    i = Number.isNaN(v) || v <= tree.t[i]! ? tree.l[i]! : tree.r[i]!;
  }
  return tree.v[i]!;
}

/** Log-odds of the positive class. `x` is in the order of `model.features`. */
export function gbdtMargin(model: GbdtJson, x: readonly number[]): number {
  let z = model.base;
  for (const tree of model.trees) z += treeValue(tree, x);
  return z;
}

/**
 * Averages `bags` ensembles grown with different row samples, as one ensemble (leaf values
 * scaled by 1/bags), so scoring stays a single sum.
 */
export function trainBaggedGbdt(rows: readonly (readonly number[])[], labels: readonly number[], features: readonly string[], opts: GbdtOptions & { bags?: number } = {}): GbdtJson {
  const bags = Math.max(1, opts.bags ?? 1);
  const models = Array.from({ length: bags }, (_, b) => trainGbdt(rows, labels, features, { ...opts, seed: (opts.seed ?? 7) + 1000 * b }));
  if (bags === 1) return models[0]!;
  const trees = models.flatMap((m) => m.trees.map((t) => ({ ...t, v: t.v.map((v) => round(v / bags)) })));
  return { ...models[0]!, base: models.reduce((a, m) => a + m.base, 0) / bags, trees };
}
