/**
 * The date rules every reader of written times shares (post CSVs, trend series, dates
 * extracted from pages), so "too early" and "no such day" mean the same everywhere.
 */

/**
 * No post, schedule, capture or trend series predates the Unix epoch; an earlier year is a
 * typo or a two-digit year padded out ("0024-05-01"), which Date.UTC would even read as 1924.
 */
export const EARLIEST_YEAR = 1970;

/**
 * Whether year-month-day (month 1-12) is a day of the calendar. Checked with
 * setUTCFullYear because Date.UTC rolls "Feb 31" over to March 3 and reads years 0-99 as
 * 1900-1999.
 */
export function dayExists(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Why year-month-day (month 1-12) cannot be a written time's date, or null when it can. */
export function dateProblem(year: number, month: number, day: number): 'before-earliest' | 'no-such-day' | null {
  if (year < EARLIEST_YEAR) return 'before-earliest';
  return dayExists(year, month, day) ? null : 'no-such-day';
}
