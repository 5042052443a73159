/**
 * The headline 0..100 trend score users see on overlays and lists.
 *
 * Confidence (is this one real topic, seen on several sources?) and velocity (how fast
 * is it rising?) are both 0..1. The score is their weighted geometric mean, so a topic
 * needs both to score high: a fast-rising rumour seen once, or a well-attested topic
 * that stopped moving, both land in the middle rather than at the top.
 */
export function trendScore(confidence: number, velocity: number): number {
  const c = clamp01(confidence);
  const v = clamp01(velocity);
  // +0.01 keeps a zero in one dimension from erasing the other entirely.
  const g = Math.pow(c + 0.01, 0.6) * Math.pow(v + 0.01, 0.4);
  return Math.round(clamp01((g - 0.01) / 1.0) * 100);
}

function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.min(1, Math.max(0, x));
}
