/**
 * A sliding window of the last `size` numbers kept sorted, for robust statistics
 * (median, MAD) over a stream. Insert and evict are a binary search plus one splice,
 * which for windows of a few hundred points is far cheaper than re-sorting.
 */
export class RollingSorted {
  private readonly size: number;
  private readonly ring: number[] = [];
  private head = 0;
  private readonly sorted: number[] = [];

  constructor(size: number) {
    if (!(size >= 1)) throw new RangeError('window size must be at least 1');
    this.size = Math.floor(size);
  }

  get count(): number {
    return this.sorted.length;
  }

  get full(): boolean {
    return this.sorted.length === this.size;
  }

  push(x: number): void {
    if (this.ring.length < this.size) {
      this.ring.push(x);
    } else {
      const old = this.ring[this.head] as number;
      this.ring[this.head] = x;
      this.head = (this.head + 1) % this.size;
      this.sorted.splice(this.indexOf(old), 1);
    }
    this.sorted.splice(this.lowerBound(x), 0, x);
  }

  /** The q-quantile (0..1) by linear interpolation; NaN when empty. */
  quantile(q: number): number {
    const n = this.sorted.length;
    if (n === 0) return Number.NaN;
    const pos = Math.min(1, Math.max(0, q)) * (n - 1);
    const lo = Math.floor(pos);
    const a = this.sorted[lo] as number;
    const b = this.sorted[Math.min(n - 1, lo + 1)] as number;
    return a + (b - a) * (pos - lo);
  }

  median(): number {
    return this.quantile(0.5);
  }

  /**
   * Median absolute deviation from `center`. The deviations of a sorted array around a
   * point are two sorted runs walking outwards (left of the centre reversed, right of
   * it), so their median is the k-th smallest of two sorted arrays: a binary search,
   * O(log n), with no allocation.
   */
  mad(center: number = this.median()): number {
    const s = this.sorted;
    const n = s.length;
    if (n === 0) return Number.NaN;
    const split = this.lowerBound(center);
    const lenA = split; // A[i] = center - s[split - 1 - i]
    const lenB = n - split; // B[j] = s[split + j] - center
    const a = (i: number) => center - (s[split - 1 - i] as number);
    const b = (j: number) => (s[split + j] as number) - center;
    const take = Math.floor((n - 1) / 2) + 1;
    let lo = Math.max(0, take - lenB);
    let hi = Math.min(take, lenA);
    for (;;) {
      const i = (lo + hi) >> 1;
      const j = take - i;
      if (i < lenA && j > 0 && b(j - 1) > a(i)) lo = i + 1;
      else if (i > 0 && j < lenB && a(i - 1) > b(j)) hi = i - 1;
      else return Math.max(i > 0 ? a(i - 1) : Number.NEGATIVE_INFINITY, j > 0 ? b(j - 1) : Number.NEGATIVE_INFINITY);
    }
  }

  private lowerBound(x: number): number {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(x: number): number {
    const i = this.lowerBound(x);
    // NaN never enters (callers filter), so an exact match always exists here.
    return i;
  }
}
