import { describe, expect, it } from 'vitest';
import { gbdtMargin, trainBaggedGbdt, trainGbdt } from './gbdt.ts';
import { logit, mulberry32, trainLogistic } from './logistic.ts';
import { rocAuc } from './metrics.ts';

/** Label = a XOR b (plus a noise column): no single feature and no linear score separates it. */
function xorData(n: number, seed: number): { xs: number[][]; ys: (0 | 1)[] } {
  const rand = mulberry32(seed);
  const xs: number[][] = [];
  const ys: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const a = rand();
    const b = rand();
    xs.push([a, b, rand()]);
    const y = (a > 0.5) !== (b > 0.5);
    ys.push((rand() < 0.9 ? y : !y) ? 1 : 0);
  }
  return { xs, ys };
}

describe('gradient-boosted trees', () => {
  const train = xorData(2000, 1);
  const test = xorData(1000, 2);
  const names = ['a', 'b', 'noise'];

  it('learns an XOR interaction a logistic regression cannot', () => {
    const model = trainGbdt(train.xs, train.ys, names, { trees: 60, depth: 2, learningRate: 0.2 });
    const auc = rocAuc(test.xs.map((x) => gbdtMargin(model, x)), test.ys);
    const lr = trainLogistic(train.xs.map((x) => new Map(x.map((v, j) => [names[j]!, v]))), train.ys);
    const lrAuc = rocAuc(test.xs.map((x) => logit(lr, new Map(x.map((v, j) => [names[j]!, v])))), test.ys);
    expect(auc).toBeGreaterThan(0.85);
    expect(lrAuc).toBeLessThan(0.6);
    // The noise column should not be the first split.
    expect(model.trees[0]!.f[0]).not.toBe(2);
  });

  it('is deterministic and survives JSON', () => {
    const a = trainGbdt(train.xs, train.ys, names, { trees: 10 });
    const b = trainGbdt(train.xs, train.ys, names, { trees: 10 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const again = JSON.parse(JSON.stringify(a));
    expect(test.xs.map((x) => gbdtMargin(again, x))).toEqual(test.xs.map((x) => gbdtMargin(a, x)));
  });

  it('routes missing values (NaN) the way they were trained', () => {
    // Missing `a` means positive; present `a` means negative.
    const xs: number[][] = [];
    const ys: (0 | 1)[] = [];
    for (let i = 0; i < 400; i++) {
      const missing = i % 2 === 0;
      xs.push([missing ? NaN : i / 400]);
      ys.push(missing ? 1 : 0);
    }
    const m = trainGbdt(xs, ys, ['a'], { trees: 20, depth: 1, learningRate: 0.3, minChildWeight: 1 });
    expect(gbdtMargin(m, [NaN])).toBeGreaterThan(1);
    expect(gbdtMargin(m, [0.3])).toBeLessThan(-1);
  });

  it('fits a real-valued target with squared loss', () => {
    const xs = Array.from({ length: 300 }, (_, i) => [i / 300]);
    const ys = xs.map(([x]) => (x! < 0.5 ? 1 : 3));
    const m = trainGbdt(xs, ys, ['x'], { loss: 'squared', trees: 50, depth: 1, learningRate: 0.3, subsample: 1 });
    expect(gbdtMargin(m, [0.2])).toBeCloseTo(1, 1);
    expect(gbdtMargin(m, [0.8])).toBeCloseTo(3, 1);
  });

  it('averages bags into one ensemble', () => {
    const one = trainGbdt(train.xs, train.ys, names, { trees: 20, depth: 2 });
    const bagged = trainBaggedGbdt(train.xs, train.ys, names, { trees: 20, depth: 2, bags: 3 });
    expect(bagged.trees).toHaveLength(60);
    const auc = rocAuc(test.xs.map((x) => gbdtMargin(bagged, x)), test.ys);
    expect(auc).toBeGreaterThan(rocAuc(test.xs.map((x) => gbdtMargin(one, x)), test.ys) - 0.02);
  });
});
