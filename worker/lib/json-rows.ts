import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';

/**
 * Many rows in one statement, as a JSON parameter read back with `json_each`. D1 binds at
 * most 100 parameters a statement (a handful of rows in a plain multi-row insert) and its
 * limits apply to every statement of a batch, 1,000 queries per invocation among them; but a
 * string parameter may hold 2 MB, so one statement carries thousands of rows.
 */

/** Rows as JSON arrays of at most `maxBytes` (UTF-8) each: one statement's parameter apiece. */
export function jsonChunks(rows: readonly unknown[], maxBytes = 1_000_000): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = utf8Bytes(json) + 1;
    if (parts.length && bytes + size > maxBytes) {
      chunks.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += size;
  }
  if (parts.length) chunks.push(`[${parts.join(',')}]`);
  return chunks;
}

/** `select json_extract(value, '$[0]'), … from json_each(?) where true`: each array of `chunk` as a row of `columns` values. */
export function jsonRows(chunk: string, columns: number): SQL {
  const values = sql.join(Array.from({ length: columns }, (_, i) => sql.raw(`json_extract(value, '$[${i}]')`)), sql`, `);
  // `where true` keeps SQLite from reading an upsert's ON as a join constraint.
  return sql`select ${values} from json_each(${chunk}) where true`;
}

/** `(select value from json_each(?))`, for `column in …` over a list too long to bind one by one. */
export function jsonList(chunk: string): SQL {
  return sql`(select value from json_each(${chunk}))`;
}

/**
 * The columns `insert … select` fills, in the order it lists them: the table's, less
 * generated ones (SQLite computes those). Rows for `jsonRows` give values in this order.
 */
export function insertColumns<T extends Table>(table: T): (keyof T['$inferInsert'] & string)[] {
  return Object.entries(getTableColumns(table))
    .filter(([, column]) => !column.generated)
    .map(([key]) => key as keyof T['$inferInsert'] & string);
}

const encoder = new TextEncoder();
const utf8Bytes = (s: string) => encoder.encode(s).length;
