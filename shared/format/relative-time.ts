/**
 * Relative times in the reader's words, shared by the console and the extension popup.
 */
const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** What an unreadable time shows as; adverbial like the rest, so "First seen …" still reads. */
export const UNKNOWN_TIME = 'at an unknown time';

/** "3 hours ago", "in 2 days" (the runtime's locale). */
export function relativeTime(iso: string, now = Date.now()): string {
  const delta = Date.parse(iso) - now;
  // NaN fails every comparison below and would fall through to "this minute".
  if (!Number.isFinite(delta)) return UNKNOWN_TIME;
  for (const [unit, ms] of units) {
    if (Math.abs(delta) >= ms) return rtf.format(Math.round(delta / ms), unit);
  }
  return rtf.format(0, 'minute');
}
