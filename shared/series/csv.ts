/**
 * Reads a `timestamp,value` series, the one input format of the trend engines' CLI and
 * evaluations. Timestamps are kept exactly as written (alarms are reported in the
 * caller's own spelling) beside their parsed epoch milliseconds.
 */

import { dateProblem, EARLIEST_YEAR, offsetMinutes } from '../posts/iso.ts';

export interface Series {
  /** Timestamps as written in the input. */
  stamps: string[];
  /**
   * Epoch milliseconds. Rows are kept in file order, which is the stream order: real
   * exports repeat or step back an hour at clock changes (NAB's ec2 and machine files do).
   */
  times: number[];
  values: number[];
}

export class SeriesError extends Error {
  /** 1-based line number in the input (the header is line 1). */
  readonly line: number;
  readonly field: 'timestamp' | 'value' | 'header' | 'row';
  constructor(line: number, field: SeriesError['field'], message: string) {
    super(`line ${line}, ${field}: ${message}`);
    this.name = 'SeriesError';
    this.line = line;
    this.field = field;
  }
}

// Date, optional time with optional fraction, optional zone. No zone means UTC: NAB and
// most exports write wall-clock UTC without saying so.
const isoLike = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses one timestamp to epoch ms, or returns undefined. Accepts ISO-like text or unix seconds. */
export function parseTimestamp(text: string): number | undefined {
  const t = readTimestamp(text);
  return typeof t === 'number' ? t : undefined;
}

/** Epoch ms, or why not: trend series are web activity, all after EARLIEST_YEAR. */
function readTimestamp(text: string): number | 'before-earliest' | 'invalid' {
  const s = text.trim();
  const m = isoLike.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, se, frac, zone] = m;
    const day = Number(d);
    const hour = Number(h ?? 0);
    const minute = Number(mi ?? 0);
    const second = Number(se ?? 0);
    const problem = dateProblem(Number(y), Number(mo), day);
    if (problem === 'before-earliest') return problem;
    if (problem || hour > 23 || minute > 59 || second > 59) return 'invalid';
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    const offset = offsetMinutes(zone ?? 'Z');
    if (offset === null) return 'invalid';
    return Date.UTC(Number(y), Number(mo) - 1, day, hour, minute, second, ms) - offset * 60_000;
  }
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    // Ten-digit numbers are unix seconds; thirteen-digit ones are already milliseconds.
    return Math.abs(n) < 1e11 ? n * 1000 : n;
  }
  return 'invalid';
}

/** Splits one CSV line, honouring double quotes (timestamps are sometimes quoted). */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Parses a CSV whose header is `timestamp,value` (in that order; surrounding spaces and
 * case ignored). Blank lines are skipped. Throws SeriesError naming the line and field.
 */
export function parseSeriesCsv(text: string): Series {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine((lines[0] ?? '').replace(/^\uFEFF/, '')).map((h) => h.trim().toLowerCase());
  if (header.length !== 2 || header[0] !== 'timestamp' || header[1] !== 'value') {
    throw new SeriesError(1, 'header', `expected "timestamp,value", got "${lines[0] ?? ''}"`);
  }
  const series: Series = { stamps: [], times: [], values: [] };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const cells = splitCsvLine(line);
    if (cells.length !== 2) throw new SeriesError(lineNo, 'row', `expected 2 fields, got ${cells.length}`);
    const stamp = cells[0] ?? '';
    const t = readTimestamp(stamp);
    if (typeof t !== 'number') {
      throw new SeriesError(lineNo, 'timestamp', t === 'before-earliest' ? `"${stamp}" is before ${EARLIEST_YEAR}, not a plausible timestamp` : `cannot parse "${stamp}"`);
    }
    const raw = (cells[1] ?? '').trim();
    const v = raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(v)) throw new SeriesError(lineNo, 'value', `"${cells[1] ?? ''}" is not a finite number`);
    series.stamps.push(stamp);
    series.times.push(t);
    series.values.push(v);
  }
  return series;
}

/**
 * Splits a whole CSV text into rows of fields (RFC 4180: quoted fields may hold commas,
 * doubled quotes and newlines). For the multi-column evaluation files.
 */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cur);
      cur = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cur);
      cur = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else cur += c;
  }
  if (cur !== '' || row.length > 0) {
    row.push(cur);
    rows.push(row);
  }
  return rows;
}

/**
 * Writes epoch ms in the style of `sample` (an input timestamp), so a forecast time reads
 * like the input's own: same date/time separator, seconds and fraction digits, and a
 * trailing Z if the sample has one. Samples with a numeric offset or unix numbers get
 * the same kind back (offsets are rendered in UTC as Z-less wall-clock would be wrong).
 */
export function formatTimestampLike(sample: string, ms: number): string {
  const s = sample.trim();
  const d = new Date(ms);
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    return Math.abs(Number(s)) < 1e11 ? String(Math.round(ms / 1000)) : String(Math.round(ms));
  }
  const m = isoLike.exec(s);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!m || m[4] === undefined) return m ? date : d.toISOString();
  const sep = s.charAt(10) === 'T' ? 'T' : ' ';
  let out = `${date}${sep}${pad(d.getUTCHours())}`;
  if (m[5] !== undefined) out += `:${pad(d.getUTCMinutes())}`;
  if (m[6] !== undefined) out += `:${pad(d.getUTCSeconds())}`;
  if (m[7] !== undefined) out += `.${pad(d.getUTCMilliseconds(), 3).padEnd(m[7].length, '0').slice(0, m[7].length)}`;
  if (m[8] !== undefined) out += m[8] === 'Z' ? 'Z' : '+00:00';
  return out;
}
