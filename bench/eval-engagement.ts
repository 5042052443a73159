/**
 * Engagement model on later Hacker News posts (../shared/data/hackernews/posts.csv).
 * Protocol (README of the data folder): label = points ≥ the 75th percentile of the
 * training posts; train on the earliest 80 % by time, score the latest 20 %, ROC AUC.
 * Nothing here looks at the test posts before scoring them; the model's own choices
 * (calibration, ranges) use a slice at the end of the training period.
 *
 *   npm run eval:engagement
 *   npm run eval:engagement -- --ablation   (validation-slice AUC of model variants; no test posts)
 *   npm run eval:engagement -- --held-out <posts.csv>
 *       (later posts in the same export format: train on all of ../shared/data's posts, label
 *        by their 75th percentile, score the given file, same baselines)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importHackerNews, importXHistory, mainAccount } from '../shared/posts/importers.ts';
import { postTime } from '../shared/posts/canonical.ts';
import { zonedParts } from '../shared/posts/time.ts';
import { engagementScorer, trainEngagementModel, type Tuning } from '../shared/predict/model.ts';
import { brierScore, logLoss, quantile, reliability, rocAuc } from '../shared/predict/metrics.ts';
import { nbScorer, trainNaiveBayes } from '../shared/predict/naive-bayes.ts';
import { domainOf } from '../shared/predict/tokenize.ts';

const file = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'hackernews', 'posts.csv');
if (!existsSync(file)) {
  console.log(`eval:engagement skipped: ${file} not found (the ../shared/data folder is absent)`);
  process.exit(0);
}
// The export's created_at has no zone; the Kaggle description gives US Eastern.
const timeZone = 'America/New_York';
const t0 = performance.now();
const load = (f: string) => {
  const r = importHackerNews(readFileSync(f, 'utf8'), { timeZone });
  return { ...r, items: [...r.items].sort((a, b) => postTime(a) - postTime(b)) };
};
const imported = load(file);
const posts = imported.items;
const heldOutAt = process.argv.indexOf('--held-out');
const heldOutFile = heldOutAt > 0 ? process.argv[heldOutAt + 1] : undefined;
if (heldOutAt > 0 && !heldOutFile) {
  console.error('--held-out needs a file: the later posts, in the format of ../shared/data/hackernews/posts.csv');
  process.exit(2);
}
const heldOut = heldOutFile ? load(heldOutFile) : null;
if (heldOut && heldOut.errors.length) console.log(`held-out file: ${heldOut.errors.length} bad rows skipped (first: line ${heldOut.errors[0]!.line}, ${heldOut.errors[0]!.field}: ${heldOut.errors[0]!.message})`);
const cut = heldOut ? posts.length : Math.floor(posts.length * 0.8);
const train = posts.slice(0, cut);
const test = heldOut ? heldOut.items : posts.slice(cut);
if (!test.length) {
  console.error('no posts to score');
  process.exit(2);
}
const threshold = quantile(train.map((p) => p.likes!), 0.75);
const yTrain = train.map((p) => (p.likes! >= threshold ? 1 : 0) as 0 | 1);
const yTest = test.map((p) => (p.likes! >= threshold ? 1 : 0) as 0 | 1);
const testName = heldOut ? `the held-out posts (${heldOutFile})` : 'the latest 20%';

// `-- --ablation`: validation-slice AUC of each variant (end of the training period only;
// the test posts are not touched), the figures the defaults were chosen on.
if (process.argv.includes('--ablation')) {
  const variants: [string, Partial<Tuning>][] = [
    ['logistic stacker, 5-fold text scores (the previous model)', { stacker: 'logistic', oof: 'kfold', folds: 5 }],
    ['logistic stacker, expanding-window text scores', { stacker: 'logistic' }],
    ['gbdt, 5-fold text scores (later posts inform earlier rows: breaks the no-leakage rule)', { oof: 'kfold', folds: 5 }],
    ['gbdt, expanding 8 folds, depth 3, 100 trees (default)', {}],
    ['gbdt, 150 trees', { trees: 150 }],
    ['gbdt, 250 trees', { trees: 250 }],
    ['gbdt, 12 folds', { folds: 12 }],
    ['gbdt, depth 2, 300 trees', { depth: 2, trees: 300 }],
    ['gbdt, depth 4', { depth: 4 }],
    ['gbdt, 3 bags', { bags: 3 }],
  ];
  for (const [name, tuning] of variants) {
    const s = performance.now();
    const m = trainEngagementModel(train, { timeZone, tuning });
    console.log(`validation AUC ${m.validation.auc?.toFixed(4) ?? 'n/a'}  ${name}  (${((performance.now() - s) / 1000).toFixed(1)} s)`);
  }
  process.exit(0);
}

const t1 = performance.now();
const model = trainEngagementModel(train, { timeZone });
const trainMs = performance.now() - t1;
const scorer = engagementScorer(JSON.parse(JSON.stringify(model)));
const probs = test.map((p) => scorer.score(p));
const auc = rocAuc(probs, yTest);

// Baselines, fit on the same training posts in this run.
const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
const plain = nbScorer(trainNaiveBayes(train.map((p) => words(p.text)), yTrain, { binary: false, alpha: 1 }));
const aucPlain = rocAuc(test.map((p) => plain.logOdds(words(p.text))), yTest);
const withMeta = (p: (typeof posts)[number]) => {
  const z = zonedParts(postTime(p), timeZone);
  return [...words(p.text), `__hour${z.hour}`, `__day${z.weekday}`, `__domain:${domainOf(p.url) || 'none'}`];
};
const meta = nbScorer(trainNaiveBayes(train.map(withMeta), yTrain, { binary: false, alpha: 1 }));
const aucMeta = rocAuc(test.map((p) => meta.logOdds(withMeta(p))), yTest);

const f = (x: number, d = 4) => x.toFixed(d);
const rate = (ys: (0 | 1)[]) => ys.reduce<number>((a, y) => a + y, 0) / ys.length;
console.log(`Hacker News engagement, ${heldOut ? 'all of posts.csv vs held-out later posts' : 'time-ordered split'} (${imported.rows} rows, ${imported.errors.length} skipped${heldOut ? `; held-out ${heldOut.rows} rows` : ''})`);
console.log(`train: ${train.length} posts ${train[0]!.publishedAt.slice(0, 10)} .. ${train[train.length - 1]!.publishedAt.slice(0, 10)}; test: ${test.length} posts ${test[0]!.publishedAt.slice(0, 10)} .. ${test[test.length - 1]!.publishedAt.slice(0, 10)}`);
console.log(`label: points >= ${threshold} (75th percentile of training posts); positive rate train ${f(rate(yTrain), 3)}, test ${f(rate(yTest), 3)}`);
console.log('');
console.log(`ROC AUC on ${testName}:`);
console.log(`  sightline engagement model          ${f(auc)}`);
console.log(`  baseline: naive Bayes, title words  ${f(aucPlain)}`);
console.log(`  baseline: NB, words+hour+day+domain ${f(aucMeta)}`);
console.log('');
console.log(`calibration on ${testName}: Brier ${f(brierScore(probs, yTest))} (always-base-rate ${f(brierScore(probs.map(() => rate(yTrain)), yTest))}), log loss ${f(logLoss(probs, yTest))}`);
console.log('reliability by decile of predicted probability (mean predicted -> observed rate, n):');
for (const b of reliability(probs, yTest, 10)) console.log(`  ${f(b.meanPredicted, 3)} -> ${f(b.observedRate, 3)}  (${b.n})`);
console.log('');
console.log(`model: ${model.gbdt ? `boosted trees (${model.gbdt.trees.length})` : 'logistic'} over text scores + track records + time + shape; trained in ${(trainMs / 1000).toFixed(1)} s, JSON ${(JSON.stringify(model).length / 1024).toFixed(0)} KB; in-training validation AUC ${model.validation.auc === null ? 'n/a' : f(model.validation.auc)}; total ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// A personal model, the use the per-workspace models serve: one real X account's own history
// (../shared/data/x-account-history, retweets excluded), the same protocol — label = likes in
// the top quartile of the account's earlier 80 %, score its later 20 % — with an account-scope
// model (no author features: the author never varies).
const xFile = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'x-account-history', 'tweets.csv');
if (!heldOut && existsSync(xFile)) {
  const xText = readFileSync(xFile, 'utf8');
  const account = mainAccount(importXHistory(xText).items)!;
  const mine = importXHistory(xText, { account }).items.filter((p) => p.likes !== null).sort((a, b) => postTime(a) - postTime(b));
  const xCut = Math.floor(mine.length * 0.8);
  const xTrain = mine.slice(0, xCut);
  const xTest = mine.slice(xCut);
  const xThreshold = quantile(xTrain.map((p) => p.likes!), 0.75);
  const xLabel = (p: (typeof mine)[number]) => (p.likes! >= xThreshold ? 1 : 0) as 0 | 1;
  const xModel = engagementScorer(trainEngagementModel(xTrain, { timeZone: 'America/Chicago', scope: 'account' }));
  const xy = xTest.map(xLabel);
  const xNb = nbScorer(trainNaiveBayes(xTrain.map((p) => words(p.text)), xTrain.map(xLabel), { binary: false, alpha: 1 }));
  console.log('');
  console.log(`personal model, X account ${account} (${mine.length} own posts; train ${xTrain.length}, test ${xTest.length}; label: likes >= ${xThreshold}):`);
  console.log(`  sightline account model             ${f(rocAuc(xTest.map((p) => xModel.score(p)), xy))}`);
  console.log(`  baseline: naive Bayes, words        ${f(rocAuc(xTest.map((p) => xNb.logOdds(words(p.text))), xy))}`);
  console.log(`  baseline: "not a reply"             ${f(rocAuc(xTest.map((p) => (/^@\w/.test(p.text) ? 0 : 1)), xy))}`);
}
