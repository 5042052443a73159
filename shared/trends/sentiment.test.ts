import { describe, expect, it } from 'vitest';
import { sentimentOf } from './sentiment.ts';

describe('sentimentOf', () => {
  it('reads the colour of headlines, within -1..1', () => {
    expect(sentimentOf('Amazing breakthrough: new battery is faster and safe')!).toBeGreaterThan(0.5);
    expect(sentimentOf('Massive outage after data breach, lawsuit filed')!).toBeLessThan(-0.5);
    expect(sentimentOf('worst worst worst disaster disaster horrible')!).toBeGreaterThan(-1);
  });

  it('flips a negated word and says nothing without lexicon words', () => {
    expect(sentimentOf('This is not good')!).toBeLessThan(0);
    expect(sentimentOf('Grandma\'s lasagna recipe, finally written down')).toBeNull();
    expect(sentimentOf('')).toBeNull();
  });

  it('treats words that are also object properties as plain words', () => {
    expect(sentimentOf('Understanding the constructor in JavaScript')).toBeNull();
    expect(sentimentOf('toString and valueOf, a great guide')!).toBeGreaterThan(0);
  });
});
