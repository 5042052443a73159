/**
 * Post times as sites print them, resolved against the moment the page was captured:
 * relative ("3d", "2w", "4mo", "5 hours ago", "Streamed 2 days ago", "just now") and
 * absolute ("Oct 23, 2025", "Aug 2, 2018", "Oct 23", "2 Aug 2018", ISO 8601).
 */

import { dayExists } from '../posts/iso.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = 's' | 'min' | 'h' | 'd' | 'w' | 'mo' | 'y';

// Abbreviations first (X and LinkedIn: "5m" is minutes, "4mo" months), then words.
const UNITS: Array<[RegExp, Unit]> = [
  [/^(?:s|secs?|seconds?)$/i, 's'],
  [/^(?:m|mins?|minutes?)$/i, 'min'],
  [/^(?:h|hrs?|hours?)$/i, 'h'],
  [/^(?:d|days?)$/i, 'd'],
  [/^(?:w|wks?|weeks?)$/i, 'w'],
  [/^(?:mo|mos|months?)$/i, 'mo'],
  [/^(?:y|yr|yrs|years?)$/i, 'y'],
];

const FIXED: Partial<Record<Unit, number>> = { s: 1000, min: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

function unitOf(word: string): Unit | null {
  for (const [re, unit] of UNITS) if (re.test(word)) return unit;
  return null;
}

/**
 * Subtracts `n` units from `from`; months and years move the calendar, not a fixed span.
 * Null when the result is outside the Date range ("300000y"): an Invalid Date would pass
 * `!== null` checks downstream and throw later in toISOString().
 */
function minus(from: Date, n: number, unit: Unit): Date | null {
  const fixed = FIXED[unit];
  const d = new Date(fixed !== undefined ? from.getTime() - n * fixed : from.getTime());
  if (unit === 'mo') d.setUTCMonth(d.getUTCMonth() - n);
  else if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() - n);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A relative time resolved against `capturedAt`, or null when `text` holds none.
 * Accepts compact forms ("3d", "20h •", "1mo", "2yr") and phrases ("5 hours ago",
 * "Streamed 2 days ago", "Premiered 3 weeks ago", "an hour ago", "yesterday", "now").
 */
export function parseRelativeTime(text: string | null | undefined, capturedAt: Date): Date | null {
  if (!text) return null;
  const t = text.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (/^(?:just now|now|moments? ago)\b/i.test(t)) return new Date(capturedAt.getTime());
  if (/^yesterday\b/i.test(t)) return minus(capturedAt, 1, 'd');
  // "3d", "20h •", "1mo • Edited": a compact form opening the text.
  const compact = /^(\d+)\s?(s|m|h|d|w|mo|y|yr|yrs)\b/i.exec(t);
  if (compact?.[1] && compact[2]) {
    const unit = unitOf(compact[2]);
    if (unit) return minus(capturedAt, Number(compact[1]), unit);
  }
  // "... 5 hours ago", "Streamed an hour ago".
  const phrase = /(\d+|an?|one)\s+([a-z]+)\s+ago\b/i.exec(t);
  if (phrase?.[1] && phrase[2]) {
    const unit = unitOf(phrase[2]);
    const n = /^\d+$/.test(phrase[1]) ? Number(phrase[1]) : 1;
    if (unit) return minus(capturedAt, n, unit);
  }
  return null;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** 0-11 for a month name or abbreviation ("Oct", "Sept", "October"), else -1. */
function monthIndex(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 3) return -1;
  if (w === 'sept') return 8;
  return MONTHS.findIndex((m) => m.startsWith(w));
}

/**
 * Midnight UTC of a calendar day (month 0-11), or null when the day does not exist. Years
 * before EARLIEST_YEAR are kept as written ("Aug 2, 0018"), unlike the CSV readers
 * (posts/iso.ts), which refuse them.
 */
function calendarDate(year: number, month: number, day: number): Date | null {
  if (!dayExists(year, month + 1, day)) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d;
}

interface DayOfYear {
  month: number;
  day: number;
  year: number | null;
}

function findDay(t: string): DayOfYear | null {
  // "Oct 23, 2025", "Aug 2 2018", "Oct 23"
  for (const m of t.matchAll(/\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?!\d)/g)) {
    const month = monthIndex(m[1] ?? '');
    if (month >= 0) return { month, day: Number(m[2]), year: m[3] ? Number(m[3]) : null };
  }
  // "2 Aug 2018", "23 October"
  for (const m of t.matchAll(/\b(\d{1,2})\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?\b/g)) {
    const month = monthIndex(m[2] ?? '');
    if (month >= 0) return { month, day: Number(m[1]), year: m[3] ? Number(m[3]) : null };
  }
  return null;
}

/**
 * An absolute date, or null. Dates without a year ("Oct 23", as X prints this year's
 * posts) take the capture year, or the year before when that would be in the future.
 * Dates without a time are read as midnight UTC.
 */
export function parseAbsoluteDate(text: string | null | undefined, capturedAt: Date): Date | null {
  if (!text) return null;
  const t = text.replace(/[\u00a0\u202f]/g, ' ').trim();
  const iso = /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/.exec(t);
  if (iso) {
    // The Date parser rolls "2025-02-30" over to March 2, so check the day exists first.
    const [y, m, d] = iso[0].slice(0, 10).split('-').map(Number);
    if (calendarDate(y ?? NaN, (m ?? NaN) - 1, d ?? NaN) === null) return null;
    const at = new Date(iso[0].length === 10 ? `${iso[0]}T00:00:00Z` : iso[0]);
    if (!Number.isNaN(at.getTime())) return at;
  }
  const found = findDay(t);
  if (!found) return null;
  const { month, day, year } = found;
  if (year !== null) return calendarDate(year, month, day);
  const thisYear = calendarDate(capturedAt.getUTCFullYear(), month, day);
  if (thisYear !== null && thisYear.getTime() <= capturedAt.getTime() + DAY) return thisYear;
  // In the future (or Feb 29 outside a leap year): last year's date, if it exists.
  return calendarDate(capturedAt.getUTCFullYear() - 1, month, day);
}

/** Relative first (the common case in feeds), then absolute. */
export function parsePostTime(text: string | null | undefined, capturedAt: Date): Date | null {
  return parseRelativeTime(text, capturedAt) ?? parseAbsoluteDate(text, capturedAt);
}
