import { relativeTime } from '../../../shared/format/relative-time.ts';

export { relativeTime };

/** The forecast in words that read right wherever "now" falls in its interval. */
export function peakText(peakAt: string, [low, high]: [string, string], now = Date.now()): string {
  if (Date.parse(peakAt) <= now) return `The peak was forecast for ${relativeTime(peakAt, now)}; the data to confirm it is still coming in.`;
  if (Date.parse(low) <= now) return `Expected to peak ${relativeTime(peakAt, now)}, ${relativeTime(high, now)} at the latest.`;
  return `Expected to peak ${relativeTime(peakAt, now)} (between ${relativeTime(low, now)} and ${relativeTime(high, now)}).`;
}
