import { formatCsvRow, parseCsv, recordsToObjects, CsvSyntaxError, CsvTooManyRecordsError } from './csv.ts';
import { dateProblem, EARLIEST_YEAR, offsetMinutes } from './iso.ts';

/**
 * The canonical post: what every importer produces, what the CLI reads and writes, and
 * what the engagement and schedule engines train on. Counts are null when the source
 * does not say (an empty CSV cell), never a made-up zero.
 */
export interface Post {
  id: string;
  platform: string;
  author: string;
  text: string;
  url: string;
  /** ISO 8601 in UTC (`2016-01-26T19:30:00.000Z`). */
  publishedAt: string;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  views: number | null;
}

export const POST_COLUMNS = ['id', 'platform', 'author', 'text', 'url', 'published_at', 'likes', 'comments', 'shares', 'views'] as const;
const REQUIRED = ['id', 'platform', 'text', 'published_at'] as const;
const COUNTS = ['likes', 'comments', 'shares', 'views'] as const;

/**
 * Longest cells a post may have: past any platform's own limits (an X long post is 25,000
 * characters, a LinkedIn article 125,000), so only a broken or hostile file meets them.
 * Beyond them a row is skipped with an error, not stored (D1 holds at most 2 MB a row).
 */
export const MAX_CELL_CHARS = { id: 256, author: 256, url: 4_096, text: 150_000 } as const;

/** A file with more data rows than the reader was asked to take. */
export class TooManyRowsError extends Error {
  readonly maxRows: number;
  constructor(maxRows: number) {
    super(`the file has more than ${maxRows.toLocaleString('en-US')} rows`);
    this.name = 'TooManyRowsError';
    this.maxRows = maxRows;
  }
}

/** One skipped row: `line` is the CSV line where the record starts (header = line 1). */
export interface RowError {
  line: number;
  field: string;
  message: string;
}

export interface ParseResult<T> {
  items: T[];
  errors: RowError[];
  /** Data rows seen (parsed + skipped). */
  rows: number;
  /** Rows left out on purpose (not errors), e.g. retweets, by reason. */
  excluded?: Record<string, number>;
}

export function formatRowError(e: RowError): string {
  return `row at line ${e.line}, field '${e.field}': ${e.message}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses an ISO 8601 date-time to epoch ms, or null (also for years before
 * EARLIEST_YEAR). A time without an offset is read as UTC: the canonical writer
 * always emits `Z`, so only hand-written files lack one.
 */
export function parseIsoTime(value: string): number | null {
  const r = readIsoTime(value);
  return typeof r === 'number' ? r : null;
}

/** Why `value` is not a post time, in the row-error style ("'x' is not …"). */
export function isoTimeProblem(value: string): string {
  const r = readIsoTime(value);
  return r === 'before-earliest' ? `'${value}' is before ${EARLIEST_YEAR}, not a plausible post time` : `'${value}' is not an ISO 8601 date-time`;
}

function readIsoTime(value: string): number | 'before-earliest' | 'invalid' {
  const m = ISO.exec(value.trim());
  if (!m) return 'invalid';
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', off = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const problem = dateProblem(year, month, day);
  if (problem === 'before-earliest') return problem;
  if (problem || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return 'invalid';
  let ms = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), frac ? Math.round(Number(frac) * 1000) : 0);
  const offset = offsetMinutes(off);
  if (offset === null) return 'invalid';
  ms -= offset * 60_000;
  return Number.isFinite(ms) ? ms : 'invalid';
}

/** A count cell: '' is unknown (null); otherwise a non-negative whole number. */
function parseCountCell(value: string): number | null | undefined {
  const v = value.trim();
  if (v === '') return null;
  if (!/^\d+(\.0+)?$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A row's count cells: empty → null (unknown), else a whole number. The first bad cell is
 * reported through `fail` ("'x' is not <expected>") and the row answers null, to be skipped.
 */
export function readCounts<C extends string>(get: (column: C) => string, columns: readonly C[], fail: (field: string, message: string) => void, expected: string): Record<C, number | null> | null {
  const out = {} as Record<C, number | null>;
  for (const c of columns) {
    const v = parseCountCell(get(c));
    if (v === undefined) {
      fail(c, `'${get(c)}' is not ${expected}`);
      return null;
    }
    out[c] = v;
  }
  return out;
}

export function postTime(post: Pick<Post, 'publishedAt'>): number {
  return Date.parse(post.publishedAt);
}

/**
 * Reads a canonical posts CSV. Bad rows are skipped and reported; only a missing column
 * throws, and TooManyRowsError past `maxRows` data rows.
 * `platforms`: when given, rows on any other platform are errors naming the row.
 */
export function parsePostsCsv(text: string, opts: { platforms?: readonly string[]; maxRows?: number } = {}): ParseResult<Post> {
  let records;
  try {
    records = parseCsv(text, opts.maxRows === undefined ? {} : { maxRecords: opts.maxRows + 1 });
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { items: [], errors: [{ line: err.line, field: '(record)', message: err.message.replace(/^line \d+: /, '') }], rows: 0 };
    if (err instanceof CsvTooManyRecordsError) throw new TooManyRowsError(opts.maxRows!);
    throw err;
  }
  const { header, rows } = recordsToObjects(records);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`posts CSV header lacks column(s) ${missing.join(', ')}; expected ${POST_COLUMNS.join(',')}`);
  const items: Post[] = [];
  const errors: RowError[] = [];
  for (const row of rows) {
    const fail = (field: string, message: string) => errors.push({ line: row.line, field, message });
    if (row.width > header.length) {
      fail('(record)', `has ${row.width} cells but the header has ${header.length} (unquoted comma?)`);
      continue;
    }
    const id = row.get('id').trim();
    if (!id) {
      fail('id', 'is empty');
      continue;
    }
    const tooLong = (Object.keys(MAX_CELL_CHARS) as (keyof typeof MAX_CELL_CHARS)[]).find((c) => row.get(c).length > MAX_CELL_CHARS[c]);
    if (tooLong) {
      fail(tooLong, `is ${row.get(tooLong).length.toLocaleString('en-US')} characters, more than the ${MAX_CELL_CHARS[tooLong].toLocaleString('en-US')} a post's ${tooLong} may have`);
      continue;
    }
    const platform = row.get('platform').trim().toLowerCase();
    if (!platform) {
      fail('platform', 'is empty');
      continue;
    }
    if (opts.platforms && !opts.platforms.includes(platform)) {
      fail('platform', `'${platform}' is not one of ${opts.platforms.join(', ')}`);
      continue;
    }
    const when = parseIsoTime(row.get('published_at'));
    if (when === null) {
      fail('published_at', isoTimeProblem(row.get('published_at')));
      continue;
    }
    const counts = readCounts((c) => row.get(c), COUNTS, fail, 'a non-negative whole number (leave it empty when unknown)');
    if (!counts) continue;
    items.push({
      id,
      platform,
      author: row.get('author').trim(),
      text: row.get('text'),
      url: row.get('url').trim(),
      publishedAt: new Date(when).toISOString(),
      likes: counts.likes ?? null,
      comments: counts.comments ?? null,
      shares: counts.shares ?? null,
      views: counts.views ?? null,
    });
  }
  return { items, errors, rows: rows.length };
}

export function formatPostsCsv(posts: Iterable<Post>): string {
  let out = formatCsvRow(POST_COLUMNS);
  const cell = (n: number | null) => (n === null ? '' : String(n));
  for (const p of posts) {
    out += formatCsvRow([p.id, p.platform, p.author, p.text, p.url, p.publishedAt, cell(p.likes), cell(p.comments), cell(p.shares), cell(p.views)]);
  }
  return out;
}
