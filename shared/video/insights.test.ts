import { describe, expect, it, vi } from 'vitest';
import { CHUNK_WINDOW, chunkWindows, extractInsights } from './insights.ts';

// Records the length of every text the noun chunker is given; otherwise the real thing.
const chunkerInputs = vi.hoisted(() => [] as number[]);
vi.mock('compromise', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (text: string) => unknown }).default;
  return {
    default: (text: string) => {
      chunkerInputs.push(text.length);
      return real(text);
    },
  };
});

const para =
  'Passkeys let people sign in without passwords. Google said on Tuesday that 400 million accounts now use them, and account takeovers fell by half. Security teams still worry about recovery flows when a phone is lost. ';
const agents =
  'AI agents are moving from demos into production workflows at large companies. A survey of 1,200 engineering leaders found that 41% already run AI agents in at least one internal process. Costs fall quickly once AI agents reuse cached context instead of calling the model for every step. Security teams still worry about agents holding broad credentials. ';

describe('extractInsights on long sources', () => {
  // compromise is quadratic in document length; windows keep the storyboard linear.
  it('never hands the chunker more than one window, and finds the same topic', () => {
    // 20,000 characters: the request contract's maximum.
    const long = agents.repeat(Math.ceil(20_000 / agents.length)).slice(0, 20_000);
    chunkerInputs.length = 0;
    const topic = extractInsights(long).topic;
    expect(chunkerInputs.length).toBeGreaterThan(1);
    expect(Math.max(...chunkerInputs)).toBeLessThanOrEqual(CHUNK_WINDOW);
    expect(topic).toBe('AI agents');
  });
});

describe('chunkWindows', () => {
  it('cuts after sentence ends, else at spaces, and loses no words', () => {
    const sentences = para.repeat(10);
    const noStops = 'word '.repeat(700);
    const oneToken = 'x'.repeat(2500);
    for (const text of [sentences, noStops, oneToken]) {
      const pieces = chunkWindows(text);
      expect(pieces.every((p) => p.length > 0 && p.length <= CHUNK_WINDOW)).toBe(true);
      expect(pieces.join(' ').split(/\s+/).join('')).toBe(text.trim().split(/\s+/).join(''));
    }
    expect(chunkWindows(sentences).every((p) => /[.!?]$/.test(p))).toBe(true);
    expect(chunkWindows('short text')).toEqual(['short text']);
  });

  it('does not end a window at an abbreviation', () => {
    // Long enough that a cut at the last ". " in a window would land after "U.S." or "e.g.".
    const abbreviated = `Firms in the U.S. adopt tools, e.g. passkeys, ${'and more keys '.repeat(3)}faster than before. `.repeat(40);
    const pieces = chunkWindows(abbreviated);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.endsWith('than before.'))).toBe(true);
  });
});
