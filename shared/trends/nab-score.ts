/**
 * The Numenta Anomaly Benchmark scorer (standard profile), for a detector that emits
 * alarms at given rows. It follows NAB's own `nab/sweeper.py` (v1.1) row by row, so
 * figures are comparable with the published NAB table:
 *
 * - rows in the probationary period, the first min(floor(15% of rows), 750), are not
 *   scored at all (alarms there neither help nor hurt; a window entirely inside it is
 *   not counted);
 * - an alarm inside a window scores scaledSigmoid(-(right - i + 1) / width) / scaledSigmoid(-1),
 *   i.e. 1 at the window's left edge falling to ~0 at its right edge; only the best (the
 *   earliest) alarm of each window counts, later ones in the same window are free;
 * - a window with no alarm costs fnWeight;
 * - every alarm outside all windows costs fpWeight × scaledSigmoid((i - prevRight) /
 *   (prevWidth - 1)) relative to the closest preceding window, or the full fpWeight when
 *   no window precedes it.
 */

export interface CostProfile {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

/** NAB's "standard" application profile. */
export const standardProfile: CostProfile = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };

export interface NabFileScore {
  raw: number;
  /** Windows that are scored (have at least one row past the probationary period). */
  windows: number;
  /** Windows with at least one alarm. */
  tp: number;
  /** Alarms outside every window (after the probationary period). */
  fp: number;
  /** Windows with no alarm. */
  fn: number;
  /** Raw score with no alarms at all. */
  nullScore: number;
  /** Raw score of a detector alarming at the first scored row of every window. */
  perfectScore: number;
}

/** NAB's scaled sigmoid: +0.987 at -1 (left window edge), 0 at 0 (right edge), -1 from 3 on. */
export function scaledSigmoid(position: number): number {
  if (position >= 3) return -1;
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

export function probationaryLength(rows: number, percent = 0.15): number {
  return Math.min(Math.floor(percent * rows), percent * 5000);
}

interface WindowRows {
  left: number;
  right: number;
}

/**
 * Window limits to row indices: the first row at or after the start and the last at or
 * before the end (NAB's windows are cut from the data's own timestamps, so this is the
 * exact-match lookup of sweeper.py whenever the limits exist as rows).
 */
export function windowRows(times: readonly number[], windows: readonly (readonly [number, number])[]): WindowRows[] {
  const out: WindowRows[] = [];
  for (const [start, end] of windows) {
    // Linear scans, not a binary search: rows are in stream order, and real files step
    // back an hour at clock changes.
    const left = times.findIndex((t) => t >= start);
    if (left < 0) continue;
    let right = times.findIndex((t, i) => i >= left && t >= end);
    if (right < 0) right = times.length - 1;
    else if ((times[right] as number) > end) right--;
    if (right < left) continue;
    out.push({ left, right });
  }
  return out.sort((a, b) => a.left - b.left);
}

/**
 * Scores one file. `alarms` are row indices (any order, duplicates ignored); `times`
 * are the file's timestamps in epoch ms; windows are [start, end] in epoch ms.
 */
export function scoreNabFile(
  times: readonly number[],
  windows: readonly (readonly [number, number])[],
  alarms: Iterable<number>,
  profile: CostProfile = standardProfile,
): NabFileScore {
  const rows = times.length;
  const probation = probationaryLength(rows);
  const wins = windowRows(times, windows);
  const maxTp = scaledSigmoid(-1);
  // A window counts only if some of its rows are scored.
  const scored = wins.map((w) => w.right >= probation);
  const best: (number | undefined)[] = wins.map(() => undefined);
  let fpScore = 0;
  let fp = 0;
  const sorted = [...new Set(alarms)].filter((i) => Number.isInteger(i) && i >= 0 && i < rows).sort((a, b) => a - b);
  let w = 0; // first window whose right edge is at or after the alarm
  for (const i of sorted) {
    if (i < probation) continue;
    while (w < wins.length && (wins[w] as WindowRows).right < i) w++;
    const win = wins[w];
    if (win && win.left <= i) {
      const width = win.right - win.left + 1;
      const s = (scaledSigmoid(-(win.right - i + 1) / width) * profile.tpWeight) / maxTp;
      const prev = best[w];
      best[w] = prev === undefined ? s : Math.max(prev, s);
      continue;
    }
    fp++;
    const before = w > 0 ? wins[w - 1] : undefined;
    if (!before) {
      fpScore += scaledSigmoid(3) * profile.fpWeight;
    } else {
      const prevWidth = before.right - before.left + 1;
      const pos = prevWidth > 1 ? Math.abs(i - before.right) / (prevWidth - 1) : 3;
      fpScore += scaledSigmoid(pos) * profile.fpWeight;
    }
  }
  let windowScore = 0;
  let tp = 0;
  let fn = 0;
  let counted = 0;
  let perfect = 0;
  for (let k = 0; k < wins.length; k++) {
    if (!scored[k]) continue;
    counted++;
    const b = best[k];
    if (b === undefined) {
      fn++;
      windowScore -= profile.fnWeight;
    } else {
      tp++;
      windowScore += b;
    }
    const win = wins[k] as WindowRows;
    const first = Math.max(win.left, probation);
    const width = win.right - win.left + 1;
    perfect += (scaledSigmoid(-(win.right - first + 1) / width) * profile.tpWeight) / maxTp;
  }
  return {
    raw: windowScore + fpScore,
    windows: counted,
    tp,
    fp,
    fn,
    nullScore: -counted * profile.fnWeight,
    perfectScore: perfect,
  };
}

/**
 * NAB's normalised corpus score: 100 × (raw − null) / (perfect − null), summed over files.
 * As in the README, perfect is one tpWeight per window (NAB's perfect detector).
 */
export function normalisedScore(files: readonly NabFileScore[], profile: CostProfile = standardProfile): number {
  let raw = 0;
  let nul = 0;
  let perfect = 0;
  for (const f of files) {
    raw += f.raw;
    nul += f.nullScore;
    perfect += f.windows * profile.tpWeight;
  }
  return perfect === nul ? 0 : (100 * (raw - nul)) / (perfect - nul);
}
