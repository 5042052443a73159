/**
 * Best time to post on one real X account (../shared/data/x-account-history/tweets.csv).
 * Retweets are excluded (they carry the original's counts), and only the account's own
 * rows are used (other authors' rows have zero, uncollected metrics). Fit on the earlier
 * 80 % by time; on the later 20 % compare the engagement of posts that fell in the
 * recommended top slots with the rest, beside the same comparison for the platform
 * defaults ("one aggregate for everyone"). Engagement = likes + replies + retweets + quotes.
 * Model choices (neighbour smoothing, fitting β) are compared on a validation split inside
 * the 80 % only; the later 20 % also gets a reliability table for the confidence.
 *
 *   npm run eval:best-time [-- --tz <IANA zone>]
 *   npm run eval:best-time -- --held-out <tweets.csv>
 *       (later tweets in the same export format: fit on all of ../shared/data's history of the
 *        account, compare on the given file; the validation section is unchanged)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { postTime, type Post } from '../shared/posts/canonical.ts';
import { importXHistory, mainAccount } from '../shared/posts/importers.ts';
import { hourOfWeek } from '../shared/posts/time.ts';
import { mulberry32 } from '../shared/predict/logistic.ts';
import { metricValue } from '../shared/predict/model.ts';
import { quantile } from '../shared/predict/metrics.ts';
import { bestTimes, DEFAULT_SMOOTHING, postKind, slotStats, type Smoothing } from '../shared/schedule/best-time.ts';
import { priorLogLifts } from '../shared/schedule/priors.ts';

const file = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'x-account-history', 'tweets.csv');
if (!existsSync(file)) {
  console.log(`eval:best-time skipped: ${file} not found (the ../shared/data folder is absent)`);
  process.exit(0);
}
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const v = process.argv[at + 1];
  if (!v || v.startsWith('--')) {
    console.error(`${name} needs a value`);
    process.exit(2);
  }
  return v;
};
// Timestamps in the file are UTC. The account is based in Texas, so slots are bucketed in
// US Central time; pass --tz <IANA zone> to compare.
const timeZone = flag('--tz') ?? 'America/Chicago';
const heldOutFile = flag('--held-out');
const text = readFileSync(file, 'utf8');
const everyone = importXHistory(text);
const account = mainAccount(everyone.items)!;
const imported = importXHistory(text, { account });
const usable = (items: Post[]) => items.filter((p) => p.likes !== null).sort((a, b) => postTime(a) - postTime(b));
const posts = usable(imported.items);
const heldOut = heldOutFile ? importXHistory(readFileSync(heldOutFile, 'utf8'), { account }) : null;
if (heldOut?.errors.length) console.log(`held-out file: ${heldOut.errors.length} bad rows skipped (first: line ${heldOut.errors[0]!.line}, ${heldOut.errors[0]!.field}: ${heldOut.errors[0]!.message})`);
const cut = heldOut ? posts.length : Math.floor(posts.length * 0.8);
const train = posts.slice(0, cut);
const test = heldOut ? usable(heldOut.items) : posts.slice(cut);
if (!test.length) {
  console.error(`no posts of account ${account} with counts to compare on`);
  process.exit(2);
}
const laterName = heldOut ? 'held-out posts' : 'later 20%';

const tauOf = (b: { tau2: number | null }) => b.tau2 ?? NaN;
const value = (p: Post) => metricValue(p, 'total')!;
const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
const rand = mulberry32(7);

/** Ratio of means and of medians, in-slot vs the rest, with a 95 % bootstrap interval on the mean ratio. */
function compare(label: string, set: readonly Post[], top: Set<number>): number {
  const inSlot = set.filter((p) => top.has(hourOfWeek(postTime(p), timeZone))).map(value);
  const rest = set.filter((p) => !top.has(hourOfWeek(postTime(p), timeZone))).map(value);
  if (!inSlot.length || !rest.length) {
    console.log(`  ${label.padEnd(44)} in top slots ${inSlot.length}, rest ${rest.length}: cannot compare`);
    return NaN;
  }
  const ratios: number[] = [];
  for (let b = 0; b < 1000; b++) {
    const a = inSlot.map(() => inSlot[Math.floor(rand() * inSlot.length)]!);
    const r = rest.map(() => rest[Math.floor(rand() * rest.length)]!);
    ratios.push(mean(a) / mean(r));
  }
  const f = (x: number) => x.toFixed(2);
  console.log(
    `  ${label.padEnd(44)} n ${String(inSlot.length).padStart(4)} vs ${String(rest.length).padStart(4)}; mean ratio ${f(mean(inSlot) / mean(rest))} [95% CI ${f(quantile(ratios, 0.025))}-${f(quantile(ratios, 0.975))}]; median ratio ${f(quantile(inSlot, 0.5) / quantile(rest, 0.5))}`,
  );
  return mean(inSlot) / mean(rest);
}

console.log(`X account ${account}: ${imported.items.length} posts kept of ${imported.rows} rows (excluded: ${JSON.stringify(imported.excluded)}, errors ${imported.errors.length})`);
console.log(`fit: ${train.length} posts ${train[0]!.publishedAt.slice(0, 10)} .. ${train[train.length - 1]!.publishedAt.slice(0, 10)}; test: ${test.length} posts ${test[0]!.publishedAt.slice(0, 10)} .. ${test[test.length - 1]!.publishedAt.slice(0, 10)}; zone ${timeZone}`);
// Model choices are made on a validation split inside the training 80 % only: fit on its
// first 75 % (60 % of all), judge on its last 25 % (the next 20 %). The final 20 % is
// looked at once, below, with whatever won here.
const vcut = Math.floor(train.length * 0.75);
const fitPart = train.slice(0, vcut);
const valPart = train.slice(vcut);
console.log('');
console.log(`validation (fit ${fitPart.length} posts, validate on the next ${valPart.length}; final 20% untouched): top-k slots vs the rest`);
const SMOOTHINGS: Smoothing[] = ['none', 'kernel', 'block3'];
const valScore = new Map<string, number>();
for (const fitPriorWeight of [false, true]) {
  for (const smooth of SMOOTHINGS) {
    const b = bestTimes(fitPart, { platform: 'x', timeZone, metric: 'total', top: 168, smooth, fitPriorWeight });
    const name = `smooth=${smooth}, ${fitPriorWeight ? `beta fitted (${b.priorWeight!.toFixed(2)})` : 'beta=1'}`;
    let logSum = 0;
    for (const k of [12, 24]) logSum += Math.log(compare(`${name}, top ${k}`, valPart, new Set(b.slots.slice(0, k).map((s) => s.hourOfWeek))));
    valScore.set(name, logSum / 2);
  }
}
const bestVal = [...valScore].sort((a, b) => b[1] - a[1])[0]!;
console.log(`  best on validation (geometric mean of the top-12 and top-24 mean ratios ${Math.exp(bestVal[1]).toFixed(2)}): ${bestVal[0]}; engine default: smooth=${DEFAULT_SMOOTHING}, beta fitted`);

const fitted = bestTimes(train, { platform: 'x', timeZone, metric: 'total', top: 168 });
// The first version estimated τ² by moments; it is kept here for comparison (see best-time.ts).
const moments = bestTimes(train, { platform: 'x', timeZone, metric: 'total', top: 168, tau: 'moments' });
const prior = priorLogLifts('x');
const rankedPrior = prior.map((_, i) => i).sort((a, b) => prior[b]! - prior[a]!);
const originals = test.filter((p) => postKind(p) === 'post');
for (const k of [12, 24]) {
  const mine = new Set(fitted.slots.slice(0, k).map((s) => s.hourOfWeek));
  const defaults = new Set(rankedPrior.slice(0, k));
  const mom = new Set(moments.slots.slice(0, k).map((s) => s.hourOfWeek));
  console.log('');
  console.log(`top ${k} of 168 hour-of-week slots; ${laterName}, engagement in recommended slots vs the rest:`);
  compare('sightline (account, shrunk)', test, mine);
  compare('same, moment tau^2 (1st version)', test, mom);
  compare('baseline: platform defaults', test, defaults);
  compare('sightline, original posts only', originals, mine);
  compare('baseline, original posts only', originals, defaults);
}

// Does the confidence mean what it says? Bucket all 168 slots by the confidence fitted on
// the earlier 80 % and look at the later 20 %: the share of slots whose mean lift there
// (over that period's typical post, same centring as the model) is above 0, and the share
// of their posts above that period's median residual.
const kindMean = new Map<string, number>();
for (const kind of ['reply', 'post']) {
  const ys = test.filter((p) => postKind(p) === kind).map((p) => Math.log1p(value(p)));
  if (ys.length) kindMean.set(kind, mean(ys));
}
const resid = (p: Post) => Math.log1p(value(p)) - kindMean.get(postKind(p))!;
const typical = quantile(test.map(resid), 0.5);
function reliability(label: string, b: ReturnType<typeof bestTimes>): void {
  const later = slotStats(test, timeZone, 'total');
  const bins = [0, 0.3, 0.45, 0.55, 0.7, 0.85, 1.0001];
  console.log('');
  console.log(`reliability of confidence on the ${laterName} (${label}; k = ${b.confidenceScale?.toFixed(2)}):`);
  console.log('  confidence   slots(with test posts)  mean conf  slots beating typical  test posts  posts above median');
  const bySlot = new Map(b.slots.map((s) => [s.hourOfWeek, s.confidence]));
  for (let i = 0; i + 1 < bins.length; i++) {
    const lo = bins[i]!;
    const hi = bins[i + 1]!;
    const inBin = [...bySlot].filter(([, c]) => c >= lo && c < hi);
    const withPosts = inBin.filter(([s]) => later.n[s]! > 0);
    if (!inBin.length) continue;
    const beat = withPosts.filter(([s]) => later.mean[s]! > 0).length;
    const nPosts = withPosts.reduce((a, [s]) => a + later.n[s]!, 0);
    const mc = inBin.reduce((a, [, c]) => a + c, 0) / inBin.length;
    const binSlots = new Set(withPosts.map(([s]) => s));
    const binPosts = test.filter((p) => binSlots.has(hourOfWeek(postTime(p), timeZone)));
    const above = binPosts.length ? (binPosts.filter((p) => resid(p) > typical).length / binPosts.length).toFixed(2) : '  - ';
    console.log(`  ${lo.toFixed(2)}-${Math.min(hi, 1).toFixed(2)}    ${String(inBin.length).padStart(4)} (${String(withPosts.length).padStart(3)})            ${mc.toFixed(2)}       ${withPosts.length ? (beat / withPosts.length).toFixed(2) : '  - '}                  ${String(nPosts).padStart(4)}        ${above}`);
  }
}
reliability('calibrated', fitted);

// Does the promised lift hold? For the recommended slots, the promise (log scale, ρ × the
// posterior lift, weighted by the later posts that fell in each slot) beside what those
// posts did over the later period's typical post.
console.log('');
console.log(`promised vs realised lift on the ${laterName} (log-scale means, as percentages):`);
const meanResid = mean(test.map(resid));
for (const k of [12, 24]) {
  const top = fitted.slots.slice(0, k);
  const inTop = test.filter((p) => top.some((s) => s.hourOfWeek === hourOfWeek(postTime(p), timeZone)));
  const promised = mean(inTop.map((p) => Math.log1p(top.find((s) => s.hourOfWeek === hourOfWeek(postTime(p), timeZone))!.expectedLift)));
  const raw = mean(inTop.map((p) => fitted.logLift[hourOfWeek(postTime(p), timeZone)]!));
  const realised = mean(inTop.map(resid)) - meanResid;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${Math.round((Math.exp(x) - 1) * 100)}%`;
  console.log(`  top ${String(k).padStart(2)}: promised ${pct(promised)} (before the persistence factor ${pct(raw)}); realised ${pct(realised)} over ${inTop.length} posts`);
}
reliability('uncalibrated: raw posterior probability', bestTimes(train, { platform: 'x', timeZone, metric: 'total', top: 168, calibrate: false }));

console.log('');
console.log(`prior weight beta ${fitted.priorWeight?.toFixed(2)}; confidence widening k ${fitted.confidenceScale?.toFixed(2)}; lift persistence rho ${fitted.liftPersistence?.toFixed(2)}`);
console.log(`tau^2 split-half vs moments: slot spread sd ${Math.sqrt(tauOf(fitted)).toFixed(3)} vs ${Math.sqrt(tauOf(moments)).toFixed(3)} (log scale)`);
console.log(`recommended now (fit on ${heldOut ? 'all of the history' : 'the earlier 80%'}): ${fitted.slots.slice(0, 5).map((s) => `${s.label} ${s.expectedLift >= 0 ? "+" : ""}${Math.round(s.expectedLift * 100)}% (conf ${s.confidence.toFixed(2)}, ${s.posts} posts)`).join('; ')}`);
