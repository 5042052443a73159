/**
 * Wall-clock helpers for IANA time zones using only Intl (present in Workers, Node and
 * browsers), so the schedule engine can bucket posts in the account's own time zone.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday (ISO order, so weekends sit together at the end). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError for an unknown zone name. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

function intlParts(epochMs: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 0,
  };
}

/**
 * Offsets (minutes east of UTC) by zone and UTC quarter-hour. formatToParts costs a few
 * microseconds a call, which made bucketing a 5,000-post history the bulk of a best-times
 * request; a zone's offset only changes on a quarter-hour (Lord Howe's half-hour DST
 * switch included), so one call per quarter-hour seen is exact and the rest is arithmetic.
 */
const offsets = new Map<string, Map<number, number>>();
const QUARTER_MS = 15 * 60_000;
// Bounded per zone: a Worker isolate serves many workspaces and lives for many requests.
const MAX_CACHED_QUARTERS = 20_000;

function offsetMinutes(epochMs: number, timeZone: string): number {
  const quarter = Math.floor(epochMs / QUARTER_MS);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_MS;
    const p = intlParts(start, timeZone);
    offset = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - start) / 60_000);
    if (zone.size >= MAX_CACHED_QUARTERS) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

export function zonedParts(epochMs: number, timeZone = 'UTC'): ZonedParts {
  const local = new Date(epochMs + offsetMinutes(epochMs, timeZone) * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: (local.getUTCDay() + 6) % 7,
  };
}

/** 0..167: Monday 00:00 is 0, Sunday 23:00 is 167, in the given zone. */
export function hourOfWeek(epochMs: number, timeZone = 'UTC'): number {
  const p = zonedParts(epochMs, timeZone);
  return p.weekday * 24 + p.hour;
}

/**
 * The instant at which the wall clock in `timeZone` reads the given time. Two passes
 * settle the offset, which is enough for every zone's DST rules (a skipped hour maps
 * forward, a repeated hour to its first occurrence).
 */
export function fromZonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc;
  for (let k = 0; k < 2; k++) {
    const p = zonedParts(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += asUtc - shown;
  }
  return guess;
}

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function slotLabel(how: number): string {
  const d = DAY_NAMES[Math.floor(how / 24)] ?? '?';
  return `${d} ${String(how % 24).padStart(2, '0')}:00`;
}
