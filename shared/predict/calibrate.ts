import { sigmoid } from './logistic.ts';

/** Platt scaling: p = sigmoid(a·score + b), fit by Newton's method on held-out scores. */
export interface Platt {
  a: number;
  b: number;
}

export function fitPlatt(scores: readonly number[], labels: readonly (0 | 1)[]): Platt {
  const pos = labels.filter((y) => y).length;
  const neg = labels.length - pos;
  // Platt's smoothed targets keep a separable validation slice from driving a to infinity.
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let gA = 0, gB = 0, hAA = 1e-6, hAB = 0, hBB = 1e-6;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const p = sigmoid(a * s + b);
      const t = labels[i] ? hi : lo;
      const d = p - t;
      const w = p * (1 - p);
      gA += d * s;
      gB += d;
      hAA += w * s * s;
      hAB += w * s;
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (!(det > 0)) break;
    const dA = (hBB * gA - hAB * gB) / det;
    const dB = (hAA * gB - hAB * gA) / det;
    a -= dA;
    b -= dB;
    if (Math.abs(dA) + Math.abs(dB) < 1e-9) break;
  }
  return { a, b };
}

export function applyPlatt(c: Platt, score: number): number {
  return sigmoid(c.a * score + c.b);
}
