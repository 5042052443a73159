import { describe, expect, it } from 'vitest';
import { peakText } from './format.ts';

const now = Date.parse('2026-11-24T23:42:00Z');
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

describe('peakText', () => {
  it('gives the interval when all of it is ahead', () => {
    expect(peakText(at(120), [at(60), at(300)], now)).toBe('Expected to peak in 2 hours (between in 1 hour and in 5 hours).');
  });

  it('gives the latest time once the interval has begun, instead of "between 42 minutes ago and …"', () => {
    expect(peakText(at(78), [at(-42), at(318)], now)).toBe('Expected to peak in 1 hour, in 5 hours at the latest.');
  });

  it('says the confirmation is pending once the forecast time has passed', () => {
    expect(peakText(at(-30), [at(-90), at(60)], now)).toBe('The peak was forecast for 30 minutes ago; the data to confirm it is still coming in.');
  });
});
