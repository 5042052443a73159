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

/**
 * A written UTC offset ("Z", "+05:30", "-0800") in minutes east of UTC, or null when it is
 * none a clock uses: real offsets run from -12:00 to +14:00, so "+25:99" is a typo, not a time.
 */
export function offsetMinutes(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const [h, mi] = [Number(m[2]), Number(m[3])];
  if (h > 14 || mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}
