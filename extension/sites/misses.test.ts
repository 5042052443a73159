import { describe, expect, it } from 'vitest';
import { maybe, missTotal, read } from './misses.ts';
import type { Misses } from './types.ts';

describe('read', () => {
  it('passes values through and counts empty results and exceptions as misses', () => {
    const misses: Misses = {};
    expect(read(misses, 'a', () => 0)).toBe(0);
    expect(read(misses, 'b', () => 'x')).toBe('x');
    expect(read(misses, 'c', () => null)).toBeNull();
    expect(read(misses, 'c', () => '')).toBeNull();
    expect(read(misses, 'd', () => Number.NaN)).toBeNull();
    expect(
      read(misses, 'e', () => {
        throw new Error('selector broke');
      }),
    ).toBeNull();
    expect(misses).toEqual({ c: 2, d: 1, e: 1 });
    expect(missTotal(misses)).toBe(4);
  });
});

describe('maybe', () => {
  it('never throws and never counts', () => {
    expect(maybe(() => 'x')).toBe('x');
    expect(maybe(() => undefined)).toBeNull();
    expect(
      maybe(() => {
        throw new Error('no');
      }),
    ).toBeNull();
  });
});
