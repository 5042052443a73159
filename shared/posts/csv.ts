/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field that holds a
 * comma, quote or line break is wrapped in double quotes, with inner quotes doubled.
 * Post texts contain all three, so nothing here splits on lines first.
 */

export interface CsvRecord {
  /** 1-based line on which the record starts (the header is line 1), for error messages. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/** More records than the caller takes (`maxRecords`): thrown as soon as the next one starts, before it is read. */
export class CsvTooManyRecordsError extends Error {
  readonly maxRecords: number;
  constructor(maxRecords: number) {
    super(`more than ${maxRecords} records`);
    this.name = 'CsvTooManyRecordsError';
    this.maxRecords = maxRecords;
  }
}

/**
 * Parses every record, header included. Throws CsvSyntaxError only for an unterminated
 * quote, and CsvTooManyRecordsError past `maxRecords` (so a dense file cannot be read whole
 * into memory first).
 */
export function parseCsv(text: string, opts: { maxRecords?: number } = {}): CsvRecord[] {
  const records: CsvRecord[] = [];
  const maxRecords = opts.maxRecords ?? Infinity;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError('unterminated quoted field', quoteLine);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        // Lenient about junk between the closing quote and the delimiter: keep it.
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      } else {
        const from = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(from, i);
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    // A blank line is not a record (a trailing newline would otherwise make one).
    if (!(fields.length === 1 && fields[0] === '')) {
      if (records.length >= maxRecords) throw new CsvTooManyRecordsError(maxRecords);
      records.push({ line: start, fields });
    }
  }
  return records;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\n';
}

/** Header-keyed view of parsed records; missing trailing cells read as ''. */
export function recordsToObjects(records: CsvRecord[]): { header: string[]; rows: { line: number; get(name: string): string; width: number }[] } {
  const [head, ...body] = records;
  const header = head ? head.fields.map((h) => h.trim()) : [];
  const index = new Map(header.map((h, i) => [h, i]));
  return {
    header,
    rows: body.map((r) => ({
      line: r.line,
      width: r.fields.length,
      get: (name: string) => {
        const k = index.get(name);
        return k === undefined ? '' : (r.fields[k] ?? '');
      },
    })),
  };
}
