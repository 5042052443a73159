/**
 * Cloudflare D1 refuses statements the local SQLite in workerd accepts: more than 100 bound
 * parameters, or a LIKE/GLOB pattern longer than 50 bytes
 * (https://developers.cloudflare.com/d1/platform/limits/). A test that only checks the
 * response would pass locally and 500 in production, so this wraps the binding and records
 * every statement that would break one of those limits, then refuses it as D1 would.
 */

export const D1_MAX_BOUND_PARAMETERS = 100;
export const D1_MAX_PATTERN_BYTES = 50;
export const D1_MAX_STATEMENT_BYTES = 100_000;
/** D1's largest string, BLOB or row. */
export const D1_MAX_VALUE_BYTES = 2_000_000;

const bytes = (v: unknown) => new TextEncoder().encode(String(v)).length;

/** What real D1 would refuse about this statement, or null. */
export function d1Violation(query: string, params: readonly unknown[]): string | null {
  if (params.length > D1_MAX_BOUND_PARAMETERS) return `${params.length} bound parameters (D1 allows ${D1_MAX_BOUND_PARAMETERS}): ${query.slice(0, 200)}`;
  if (bytes(query) > D1_MAX_STATEMENT_BYTES) return `a statement of ${bytes(query)} bytes (D1 allows ${D1_MAX_STATEMENT_BYTES}): ${query.slice(0, 200)}`;
  const big = params.find((p) => (typeof p === 'string' || p instanceof ArrayBuffer || ArrayBuffer.isView(p)) && (typeof p === 'string' ? bytes(p) : (p as ArrayBuffer).byteLength) > D1_MAX_VALUE_BYTES);
  if (big !== undefined) return `a bound value over ${D1_MAX_VALUE_BYTES} bytes (D1's largest string or BLOB): ${query.slice(0, 200)}`;
  // Drizzle binds every value as a positional `?`, so the n-th `?` is params[n]; the app
  // never writes a literal `?` inside quoted SQL text.
  let n = 0;
  for (const m of query.matchAll(/(\b(?:like|glob)\s+)?\?/gi)) {
    if (m[1] && bytes(params[n]) > D1_MAX_PATTERN_BYTES) return `${m[1].trim().toUpperCase()} pattern of ${bytes(params[n])} bytes (D1 allows ${D1_MAX_PATTERN_BYTES}): ${query.slice(0, 200)}`;
    n++;
  }
  for (const m of query.matchAll(/\b(?:like|glob)\s+'((?:[^']|'')*)'/gi)) {
    if (bytes(m[1]!.replaceAll("''", "'")) > D1_MAX_PATTERN_BYTES) return `literal pattern over ${D1_MAX_PATTERN_BYTES} bytes: ${query.slice(0, 200)}`;
  }
  return null;
}

/**
 * The binding, with every prepared statement checked against D1's limits. Pass
 * `{ ...env, DB: limited.db }` to the worker. Statements go to the real binding unchanged,
 * so reads and writes behave as before.
 */
export function withD1Limits(real: D1Database): { db: D1Database; violations: string[]; prepared: () => number } {
  const violations: string[] = [];
  // D1 counts every statement, each one of a batch too, toward 1,000 queries per invocation.
  let prepared = 0;
  const check = (query: string, params: readonly unknown[]) => {
    const v = d1Violation(query, params);
    if (!v) return;
    violations.push(v);
    throw new Error(`D1 would refuse this statement: ${v}`);
  };
  const wrapStatement = (query: string, stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, key) {
        // `bind` returns a new native statement: that one goes to D1 (and to batch()) as is.
        if (key === 'bind') return (...params: unknown[]) => (check(query, params), target.bind(...params));
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const db = new Proxy(real, {
    get(target, key) {
      if (key === 'prepare') return (query: string) => (prepared++, check(query, []), wrapStatement(query, target.prepare(query)));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, violations, prepared: () => prepared };
}
