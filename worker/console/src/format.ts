const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 2 days". */
export function relativeTime(iso: string, now = Date.now()): string {
  const delta = Date.parse(iso) - now;
  for (const [unit, ms] of units) {
    if (Math.abs(delta) >= ms) return rtf.format(Math.round(delta / ms), unit);
  }
  return rtf.format(0, 'minute');
}

/** The forecast in words that read right wherever "now" falls in its interval. */
export function peakText(peakAt: string, [low, high]: [string, string], now = Date.now()): string {
  if (Date.parse(peakAt) <= now) return `The peak was forecast for ${relativeTime(peakAt, now)}; the data to confirm it is still coming in.`;
  if (Date.parse(low) <= now) return `Expected to peak ${relativeTime(peakAt, now)}, ${relativeTime(high, now)} at the latest.`;
  return `Expected to peak ${relativeTime(peakAt, now)} (between ${relativeTime(low, now)} and ${relativeTime(high, now)}).`;
}
