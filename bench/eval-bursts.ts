/**
 * `npm run eval:bursts`: the burst detector under the Numenta Anomaly Benchmark protocol
 * (standard profile, scorer in shared/trends/nab-score.ts) on ../shared/data/nab-tweets
 * and ../shared/data/nab-known-cause, beside the published NAB scores on the tweet files.
 *
 * One configuration for every file (defaultBurstConfig; files sampled at another step
 * get the same settings rescaled by burstConfigForStep). No per-file constants, and no
 * threshold sweep picked after the fact: the sensitivity table shows neighbouring
 * settings so the headline is not read as a knife-edge optimum.
 *
 *   npm run eval:bursts
 *   npm run eval:bursts -- --held-out <folder>   (other series in the nab-tweets layout)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSeriesCsv, parseTimestamp, type Series } from '../shared/series/csv.ts';
import { burstConfigForStep, detectBursts, typicalStep, type BurstConfig } from '../shared/trends/burst.ts';
import { normalisedScore, scoreNabFile, type NabFileScore } from '../shared/trends/nab-score.ts';

export interface NabFile {
  name: string;
  series: Series;
  windows: [number, number][];
}

/** Published NAB standard-profile scores over exactly the five tweet files (README). */
export const publishedTweets: [string, number][] = [
  ['ARTime', 83.8],
  ['earthgecko Skyline', 77.8],
  ['Numenta contextOSE', 76.0],
  ['HTM (Java)', 70.1],
  ['KNN-CAD', 68.6],
  ['Numenta HTM', 66.1],
  ['Twitter ADVec', 66.0],
  ['windowed Gaussian', 64.8],
  ['relative entropy', 55.5],
  ['random cut forest', 53.2],
  ['null', 0],
];

export function loadNabDir(dir: string): NabFile[] {
  const windows = JSON.parse(readFileSync(path.join(dir, 'windows.json'), 'utf8')) as Record<string, [string, string][]>;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((name) => ({
      name,
      series: parseSeriesCsv(readFileSync(path.join(dir, name), 'utf8')),
      windows: (windows[name] ?? []).map(([a, b]) => {
        const s = parseTimestamp(a);
        const e = parseTimestamp(b);
        if (s === undefined || e === undefined) throw new Error(`${dir}/windows.json: bad window for ${name}`);
        return [s, e] as [number, number];
      }),
    }));
}

export interface FileResult {
  name: string;
  alarms: number;
  score: NabFileScore;
}

export interface SetResult {
  files: FileResult[];
  normalised: number;
  ms: number;
  points: number;
}

export function evalSet(files: readonly NabFile[], override: Partial<BurstConfig> = {}): SetResult {
  let ms = 0;
  let points = 0;
  const results = files.map((f) => {
    const cfg = { ...burstConfigForStep(typicalStep(f.series.times)), ...override };
    const t0 = performance.now();
    const alarms = detectBursts(f.series.times, f.series.values, cfg);
    ms += performance.now() - t0;
    points += f.series.values.length;
    return { name: f.name, alarms: alarms.length, score: scoreNabFile(f.series.times, f.windows, alarms) };
  });
  return { files: results, normalised: normalisedScore(results.map((r) => r.score)), ms, points };
}

export function formatSet(title: string, r: SetResult): string {
  const lines = [title, `  ${'file'.padEnd(42)} ${'raw'.padStart(8)} ${'windows'.padStart(7)} ${'TP'.padStart(3)} ${'FP'.padStart(3)} ${'FN'.padStart(3)} ${'alarms'.padStart(6)}`];
  for (const f of r.files) {
    const s = f.score;
    lines.push(`  ${f.name.padEnd(42)} ${s.raw.toFixed(4).padStart(8)} ${String(s.windows).padStart(7)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)} ${String(f.alarms).padStart(6)}`);
  }
  const raw = r.files.reduce((a, f) => a + f.score.raw, 0);
  const windows = r.files.reduce((a, f) => a + f.score.windows, 0);
  lines.push(`  normalised standard-profile score: ${r.normalised.toFixed(1)}  (raw ${raw.toFixed(4)}, null ${-windows}, perfect ${windows})`);
  lines.push(`  detector time: ${r.ms.toFixed(0)} ms for ${r.points} points`);
  return lines.join('\n');
}

export function dataDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
}

/** Neighbouring settings of the one configuration, to show how flat the optimum is. */
export const sensitivity: [string, Partial<BurstConfig>][] = [
  ['defaults', {}],
  ['threshold 3.0', { threshold: 3 }],
  ['threshold 3.5', { threshold: 3.5 }],
  ['threshold 4.0', { threshold: 4 }],
  ['historyQuantile 0.99', { historyQuantile: 0.99 }],
  ['historyQuantile 0.994', { historyQuantile: 0.994 }],
  ['historyQuantile 0.996', { historyQuantile: 0.996 }],
  ['historyQuantile 0.998', { historyQuantile: 0.998 }],
  ['history 1440 (5 days)', { history: 1440 }],
  ['history 2880 (10 days)', { history: 2880 }],
  ['history 5760 (20 days)', { history: 5760 }],
  ['refractory 144 (12 h)', { refractory: 144 }],
  ['minScale 1.25', { minScale: 1.25 }],
  ['minScale 1.75', { minScale: 1.75 }],
  ['short 2', { short: 2 }],
  ['short 4', { short: 4 }],
  ['seasonDays 14', { seasonDays: 14 }],
  ['confirm 1 (no persistence)', { confirm: 1 }],
  ['no escalation', { escalation: 0 }],
  ['no time-of-day baseline', { seasonDays: 0 }],
  ['no self-normalising threshold', { history: 0 }],
];

function main(): void {
  const at = process.argv.indexOf('--held-out');
  if (at > 0) {
    // Another folder in the nab-tweets layout (series CSVs + windows.json), same configuration.
    const held = process.argv[at + 1];
    if (!held || !existsSync(path.join(held, 'windows.json'))) {
      console.error('--held-out needs a folder holding timestamp,value CSVs and their windows.json (the layout of ../shared/data/nab-tweets)');
      process.exitCode = 2;
      return;
    }
    console.log(formatSet(`${held} (NAB standard profile, the same one configuration)`, evalSet(loadNabDir(held))));
    return;
  }
  const dir = dataDir();
  if (!existsSync(dir)) {
    console.log(`eval:bursts skipped: ${dir} not found (the team data folder is not checked out here)`);
    return;
  }
  const tweets = loadNabDir(path.join(dir, 'nab-tweets'));
  const known = loadNabDir(path.join(dir, 'nab-known-cause'));
  const t = evalSet(tweets);
  console.log(formatSet('nab-tweets (NAB standard profile, one configuration for all files)', t));
  console.log('');
  console.log('  published NAB scores on these five files:');
  const ours: [string, number] = ['Sightline burst detector (this run)', Number(t.normalised.toFixed(1))];
  const rows = [...publishedTweets, ours].sort((a, b) => b[1] - a[1]);
  for (const [name, s] of rows) console.log(`    ${name.padEnd(38)} ${s.toFixed(1).padStart(5)}`);
  console.log('');
  console.log(formatSet('nab-known-cause (same configuration; upward bursts only, so drops and flat-lines go undetected)', evalSet(known)));
  console.log('');
  console.log('  sensitivity: normalised score with one setting changed for every file (sizes in points, 5-minute scale)');
  console.log(`    ${'setting'.padEnd(32)} ${'tweets'.padStart(7)} ${'known-cause'.padStart(12)}`);
  for (const [label, o] of sensitivity) {
    console.log(`    ${label.padEnd(32)} ${evalSet(tweets, o).normalised.toFixed(1).padStart(7)} ${evalSet(known, o).normalised.toFixed(1).padStart(12)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
