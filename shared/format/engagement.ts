/**
 * A prediction's expected range in words, for every surface that shows one (the composer
 * hint, the popup, the console): "usually 1,200–4,100 interactions". The worker's models
 * count likes, comments and shares together, hence "interactions".
 */
export function usualRange(expected: { low: number; high: number }): string {
  return `usually ${count(expected.low)}–${count(expected.high)} interactions`;
}

/** Thousands separated, so 121695 reads as 121,695. */
export const count = (n: number): string => n.toLocaleString('en-US');
