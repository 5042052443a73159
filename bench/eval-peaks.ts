/**
 * `npm run eval:peaks`: how well a forecast made at a trend's alarm predicts the peak,
 * on ../shared/data/google-trends-events (daily, one news event per column) and on
 * ../shared/data/reddit-hourly (upvote velocity of each r/all top-100 post), beside two
 * naive baselines computed in the same run on the same alarms:
 *   - "peak = alarm": the alarm is the peak;
 *   - "alarm + median lag": the median alarm→peak lag of the training alarms.
 * The analog forecaster and the median-lag baseline see exactly the same training cases.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRows } from '../shared/series/csv.ts';
import { BurstDetector, burstConfigForStep } from '../shared/trends/burst.ts';
import {
  PeakForecaster,
  alarmFeatures,
  baselineBefore,
  burstOutcome,
  riseOnset,
  type Baseline,
  type Case,
} from '../shared/trends/forecast.ts';

const HOUR_MS = 3_600_000;

/** One alarm with everything needed to forecast it and to score the forecast. */
export interface AlarmCase extends Case {
  group: string;
  alarmTime: number;
  alarmValue: number;
  base: Baseline;
  /** Creation/first time, for time-ordered splits. */
  order: number;
}

export interface MethodScore {
  method: string;
  /** Mean absolute error of the peak time, hours. */
  peakMaeHours: number;
  /** Median absolute error of the peak time, hours. */
  peakMedianAeHours: number;
  /** Mean absolute error of log(peak level) (≈ relative error), where the method forecasts a level. */
  levelMaeLog: number | undefined;
  /** Mean absolute error of the half-life, hours, over alarms whose decay was observed. */
  halfLifeMaeHours: number | undefined;
  /** Share of actual peaks inside the method's 10–90% interval. */
  coverage: number | undefined;
}

export interface PeakEvalSet {
  name: string;
  split: string;
  alarms: number;
  note: string;
  methods: MethodScore[];
}

const months: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** "Jan 1 2017" → epoch ms (UTC midnight). */
function parseMonDY(s: string): number {
  const m = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4})$/.exec(s.trim());
  const mon = m ? months[m[1] as string] : undefined;
  if (!m || mon === undefined) throw new Error(`google-trends-events: cannot parse date "${s}"`);
  return Date.UTC(Number(m[3]), mon, Number(m[2]));
}


/**
 * Google Trends: per event column, the alarm is the first detector alarm in the 14 days
 * up to the event's peak day (alarms elsewhere are other, smaller stories). The actual
 * peak is the column's maximum.
 */
export function googleTrendsCases(file: string): { cases: AlarmCase[]; missed: string[] } {
  const rows = parseCsvRows(readFileSync(file, 'utf8'));
  const header = rows[0] ?? [];
  const body = rows.slice(1);
  const times = body.map((r) => parseMonDY(r[0] ?? ''));
  const cases: AlarmCase[] = [];
  const missed: string[] = [];
  for (let j = 1; j < header.length; j++) {
    const name = header[j] ?? `column ${j}`;
    const values = body.map((r) => Number(r[j]));
    let peak = 0;
    for (let i = 0; i < values.length; i++) if ((values[i] as number) > (values[peak] as number)) peak = i;
    const det = new BurstDetector(burstConfigForStep(24 * HOUR_MS));
    let alarm = -1;
    for (let i = 0; i < values.length; i++) {
      const step = det.push(times[i] as number, values[i] as number);
      if (step.alarm && alarm < 0 && i <= peak && peak - i <= 14) alarm = i;
    }
    if (alarm < 0) {
      missed.push(name);
      continue;
    }
    const base = baselineBefore(values, alarm, 28);
    const onset = riseOnset(values, alarm, base, 14);
    cases.push({
      group: name,
      alarmTime: times[alarm] as number,
      alarmValue: values[alarm] as number,
      base,
      order: times[alarm] as number,
      features: alarmFeatures(times, values, alarm, onset, base),
      outcome: burstOutcome(times, values, alarm, values.length, base),
    });
  }
  return { cases, missed };
}

/**
 * Reddit: each post's upvote velocity (score gained per hour between hourly snapshots,
 * the first from creation), a point at creation with velocity 0 in front. The alarm is
 * the first snapshot, when the post entered the r/all top 100. Kept: posts with ≥ 4
 * consecutive hourly snapshots created after the data starts and gone before it ends
 * (whole trajectories).
 */
export function redditCases(file: string): AlarmCase[] {
  const rows = parseCsvRows(readFileSync(file, 'utf8'));
  const header = rows[0] ?? [];
  const col = (n: string) => {
    const i = header.indexOf(n);
    if (i < 0) throw new Error(`reddit-hourly: no column ${n}`);
    return i;
  };
  const [cDate, cId, cScore, cCreated] = [col('date'), col('id'), col('score'), col('created')];
  const hourOf = (s: string) => Date.parse(`${s}:00:00Z`);
  const posts = new Map<string, { t: number; score: number; created: number }[]>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const r of rows.slice(1)) {
    const t = hourOf(r[cDate] ?? '');
    const score = Number(r[cScore]);
    const created = Number(r[cCreated]) * 1000;
    if (!Number.isFinite(t) || !Number.isFinite(score) || !Number.isFinite(created)) continue;
    first = Math.min(first, t);
    last = Math.max(last, t);
    const id = r[cId] ?? '';
    let list = posts.get(id);
    if (!list) posts.set(id, (list = []));
    list.push({ t, score, created });
  }
  const cases: AlarmCase[] = [];
  for (const [id, snaps] of posts) {
    snaps.sort((a, b) => a.t - b.t);
    const s0 = snaps[0];
    const sN = snaps[snaps.length - 1];
    if (!s0 || !sN || snaps.length < 4) continue;
    if (s0.created < first || sN.t >= last) continue;
    if (snaps.some((s, i) => i > 0 && s.t - (snaps[i - 1] as { t: number }).t !== HOUR_MS)) continue;
    // The snapshot's minute is unknown; a post created inside its first snapshot's hour is
    // taken as seen a quarter hour after creation.
    const times = [s0.created, Math.max(s0.t, s0.created + HOUR_MS / 4), ...snaps.slice(1).map((s) => s.t)];
    const values = [0, s0.score / (((times[1] as number) - s0.created) / HOUR_MS)];
    for (let i = 1; i < snaps.length; i++) values.push((snaps[i] as { score: number }).score - (snaps[i - 1] as { score: number }).score);
    const base: Baseline = { level: 0, spread: 1 };
    cases.push({
      group: id,
      alarmTime: times[1] as number,
      alarmValue: values[1] as number,
      base,
      order: s0.created,
      features: alarmFeatures(times, values, 1, 0, base),
      outcome: burstOutcome(times, values, 1, values.length, base),
    });
  }
  return cases;
}

interface Prediction {
  peakHours: number;
  low?: number;
  high?: number;
  level?: number;
  halfLife?: number;
}

function score(method: string, test: readonly AlarmCase[], predict: (c: AlarmCase) => Prediction): MethodScore {
  let ae = 0;
  const errs: number[] = [];
  let lvl = 0;
  let lvlN = 0;
  let hl = 0;
  let hlN = 0;
  let cov = 0;
  let covN = 0;
  for (const c of test) {
    const p = predict(c);
    const actual = c.outcome.lagHours;
    const e = Math.abs(p.peakHours - actual);
    ae += e;
    errs.push(e);
    const actualLevel = c.base.level + Math.max(0, c.alarmValue - c.base.level) * c.outcome.peakRatio;
    if (p.level !== undefined && actualLevel > 0 && p.level > 0) {
      lvl += Math.abs(Math.log(p.level) - Math.log(actualLevel));
      lvlN++;
    }
    if (p.halfLife !== undefined && c.outcome.halfLifeHours !== undefined) {
      hl += Math.abs(p.halfLife - c.outcome.halfLifeHours);
      hlN++;
    }
    if (p.low !== undefined && p.high !== undefined) {
      covN++;
      if (actual >= p.low - 1e-9 && actual <= p.high + 1e-9) cov++;
    }
  }
  errs.sort((a, b) => a - b);
  const n = Math.max(1, test.length);
  return {
    method,
    peakMaeHours: ae / n,
    peakMedianAeHours: errs.length ? (errs[errs.length >> 1] as number) : Number.NaN,
    levelMaeLog: lvlN ? lvl / lvlN : undefined,
    halfLifeMaeHours: hlN ? hl / hlN : undefined,
    coverage: covN ? cov / covN : undefined,
  };
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Scores all methods with a training set per test alarm (`trainFor`), so leave-one-out
 * and time-ordered splits share one code path.
 */
function scoreAll(test: readonly AlarmCase[], trainFor: (c: AlarmCase) => readonly AlarmCase[]): MethodScore[] {
  type Model = { f: PeakForecaster; medLag: number; medHalf: number | undefined; medRatio: number };
  // One model per distinct training set: a time-ordered split shares one, leave-one-out
  // builds one per held-out group.
  const byTrain = new WeakMap<readonly AlarmCase[], Model>();
  const byCase = new Map<AlarmCase, Model>();
  const model = (c: AlarmCase): Model => {
    const cached = byCase.get(c);
    if (cached) return cached;
    const train = trainFor(c);
    let m = byTrain.get(train);
    if (!m) {
      const halves = train.flatMap((t) => (t.outcome.halfLifeHours === undefined ? [] : [t.outcome.halfLifeHours]));
      m = {
        f: new PeakForecaster(train),
        medLag: medianOf(train.map((t) => t.outcome.lagHours)),
        medHalf: halves.length ? medianOf(halves) : undefined,
        medRatio: medianOf(train.map((t) => t.outcome.peakRatio)),
      };
      byTrain.set(train, m);
    }
    byCase.set(c, m);
    return m;
  };
  const excess = (c: AlarmCase) => Math.max(0, c.alarmValue - c.base.level);
  return [
    score('peak = alarm (naive)', test, (c) => ({ peakHours: 0, level: c.alarmValue })),
    score('alarm + median lag (naive)', test, (c) => {
      const m = model(c);
      return { peakHours: m.medLag, level: c.base.level + excess(c) * m.medRatio, ...(m.medHalf === undefined ? {} : { halfLife: m.medHalf }) };
    }),
    score('analog forecaster (auto k)', test, (c) => {
      const fc = model(c).f.forecast(c.alarmTime, c.alarmValue, c.features, c.base);
      const h = (t: number) => (t - c.alarmTime) / HOUR_MS;
      return {
        peakHours: h(fc.peakTime.point),
        low: h(fc.peakTime.low),
        high: h(fc.peakTime.high),
        level: fc.peakLevel.point,
        ...(fc.halfLifeHours ? { halfLife: fc.halfLifeHours.point } : {}),
      };
    }),
    score('no-history rule (fallback)', test, (c) => {
      const fc = new PeakForecaster([]).forecast(c.alarmTime, c.alarmValue, c.features, c.base);
      return { peakHours: (fc.peakTime.point - c.alarmTime) / HOUR_MS, level: fc.peakLevel.point };
    }),
  ];
}

export function evalGoogleTrends(dataDir: string): PeakEvalSet {
  const { cases, missed } = googleTrendsCases(path.join(dataDir, 'google-trends-events', 'events-2017-daily.csv'));
  return {
    name: 'google-trends-events (daily)',
    split: 'leave-one-event-out',
    alarms: cases.length,
    note: missed.length ? `no alarm within 14 days before the peak: ${missed.join('; ')}` : 'every event alarmed within 14 days before its peak',
    methods: scoreAll(cases, (c) => cases.filter((o) => o.group !== c.group)),
  };
}

export function evalReddit(dataDir: string): PeakEvalSet {
  const cases = redditCases(path.join(dataDir, 'reddit-hourly', 'snapshots.csv')).sort((a, b) => a.order - b.order);
  const cut = Math.floor(cases.length / 2);
  const train = cases.slice(0, cut);
  const test = cases.slice(cut);
  return {
    name: 'reddit-hourly (upvote velocity)',
    split: `time-ordered: train on the ${train.length} earlier-created posts, test on the ${test.length} later ones`,
    alarms: test.length,
    note: 'alarm = first snapshot in the r/all top 100; peak = hour of highest upvote velocity',
    methods: scoreAll(test, () => train),
  };
}

export function dataDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
}

const f1 = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

export function formatPeakSet(set: PeakEvalSet, unit: 'days' | 'hours'): string {
  const k = unit === 'days' ? 24 : 1;
  const lines = [
    `${set.name}: ${set.alarms} alarms scored (${set.split})`,
    `  ${set.note}`,
    `  ${'method'.padEnd(28)} ${`peak MAE (${unit})`.padStart(16)} ${`median AE`.padStart(10)} ${'level MAE (log)'.padStart(16)} ${`half-life MAE (${unit})`.padStart(22)} ${'10-90% cover'.padStart(13)}`,
  ];
  for (const m of set.methods) {
    lines.push(
      `  ${m.method.padEnd(28)} ${f1(m.peakMaeHours / k, 2).padStart(16)} ${f1(m.peakMedianAeHours / k, 2).padStart(10)} ${f1(m.levelMaeLog, 3).padStart(16)} ${f1(m.halfLifeMaeHours === undefined ? undefined : m.halfLifeMaeHours / k, 2).padStart(22)} ${(m.coverage === undefined ? '—' : `${Math.round(m.coverage * 100)}%`).padStart(13)}`,
    );
  }
  return lines.join('\n');
}

function main(): void {
  const dir = dataDir();
  if (!existsSync(dir)) {
    console.log(`eval:peaks skipped: ${dir} not found (the team data folder is not checked out here)`);
    return;
  }
  console.log(formatPeakSet(evalGoogleTrends(dir), 'days'));
  console.log('');
  console.log(formatPeakSet(evalReddit(dir), 'hours'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
