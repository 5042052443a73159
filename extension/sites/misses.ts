import type { Misses } from './types.ts';

/**
 * Reads one field without ever throwing: an exception or an empty result becomes null
 * and one more miss under `name`, so overlays can say which part of a page went unread.
 */
export function read<T>(misses: Misses, name: string, get: () => T | null | undefined): T | null {
  let value: T | null | undefined;
  try {
    value = get();
  } catch {
    value = null;
  }
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) || value === '') {
    misses[name] = (misses[name] ?? 0) + 1;
    return null;
  }
  return value;
}

/** Like `read`, but a null is expected (the page legitimately lacks the field): no miss. */
export function maybe<T>(get: () => T | null | undefined): T | null {
  try {
    const v = get();
    return v === undefined || v === '' ? null : v;
  } catch {
    return null;
  }
}

/** Total misses, for "couldn't read this page" decisions. */
export function missTotal(misses: Misses): number {
  return Object.values(misses).reduce((a, b) => a + b, 0);
}
