import { describe, expect, it } from 'vitest';
import { bestTrendMatch, buildTrendIndex, matchTrends, tokenize } from './match.ts';

const trends = [
  { id: 't1', name: 'AI agents', keywords: ['agentic workflows', 'MCP'], score: 81 },
  { id: 't2', name: 'Rust in the Linux kernel', keywords: ['rust', 'linux kernel'], score: 64 },
  { id: 't3', name: 'The', keywords: ['a', 'x'], score: 99 },
];
const index = buildTrendIndex(trends);

describe('tokenize', () => {
  it.each([
    ['Agentic Workflows!', ['agentic', 'workflow']],
    ['Café déjà-vu', ['cafe', 'deja', 'vu']],
    ['companies & status', ['company', 'status']],
    ['', []],
  ])('%j -> %j', (input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });
});

describe('matchTrends', () => {
  it('matches whole phrases, case and plural insensitive', () => {
    const m = bestTrendMatch(index, 'Why every team is shipping AI Agents this quarter');
    expect(m?.trend.id).toBe('t1');
    expect(m?.matched).toEqual(['AI agents']);
  });

  it('does not match a phrase split across unrelated words', () => {
    expect(matchTrends(index, 'the linux distro ships a new kernel')).toEqual([]);
  });

  it('does not match inside longer words', () => {
    expect(matchTrends(index, 'trusty mcpherson')).toEqual([]);
  });

  it('ranks by keywords matched, then score', () => {
    const m = matchTrends(index, 'Rust lands in the Linux kernel; also MCP news');
    expect(m.map((x) => x.trend.id)).toEqual(['t2', 't1']);
    expect(m[0]!.matched.sort()).toEqual(['linux kernel', 'rust']);
  });

  it('ignores stopword and one-letter keywords that would match everything', () => {
    expect(matchTrends(index, 'the x a')).toEqual([]);
  });
});
