import { describe, expect, it } from 'vitest';
import { usualRange } from './engagement.ts';

describe('usualRange', () => {
  it('separates thousands, so a large account’s range reads at a glance', () => {
    expect(usualRange({ low: 121695, high: 425016 })).toBe('usually 121,695–425,016 interactions');
    expect(usualRange({ low: 0, high: 12 })).toBe('usually 0–12 interactions');
  });
});
