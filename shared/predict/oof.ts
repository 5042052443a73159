/**
 * Out-of-fold scores over time-ordered rows: the rows are cut into `folds` consecutive
 * blocks and each block is scored by a model fit without it, so a second stage trained on
 * these scores sees text evidence as weak as it will be on new drafts, not the inflated
 * evidence of a model scoring its own training posts.
 *
 * 'expanding' (the default for the engagement model) fits each block's model on earlier
 * blocks only, so no score uses the post itself or anything published after it; the
 * first block has no earlier posts and gets `undefined`. 'kfold' fits on every other
 * block, later ones included: more rows get a score, but a post's score then knows topics
 * that only became popular after it.
 */
export type OofMode = 'expanding' | 'kfold';

export function outOfFold<T>(n: number, folds: number, mode: OofMode, fit: (trainIdx: number[]) => (i: number) => T): (T | undefined)[] {
  const k = Math.max(2, Math.min(folds, n));
  const out = new Array<T | undefined>(n).fill(undefined);
  for (let f = 0; f < k; f++) {
    const lo = Math.floor((f * n) / k);
    const hi = Math.floor(((f + 1) * n) / k);
    if (hi <= lo) continue;
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (i < lo || (mode === 'kfold' && i >= hi)) idx.push(i);
    if (!idx.length) continue;
    const score = fit(idx);
    for (let i = lo; i < hi; i++) out[i] = score(i);
  }
  return out;
}
