import { describe, expect, it } from 'vitest';
import { carryTrendIds, type FoundTrend } from './identity.ts';

const found = (id: string, hn: number[], related: string[] = []): FoundTrend => ({
  id,
  memberIds: { hackernews: hn.map(String) },
  relatedTrendIds: related,
});
const stored = (id: string, hn: number[]) => ({ id, members: hn.map((n) => `hackernews:${n}`) });
const ids = (c: { trends: FoundTrend[] }) => c.trends.map((t) => t.id);

describe('carryTrendIds', () => {
  it('keeps ids that did not change', () => {
    expect(ids(carryTrendIds([found('a', [1, 2]), found('b', [3])], [stored('a', [1, 2]), stored('b', [9])]))).toEqual(['a', 'b']);
  });

  it('gives a story whose keyphrases moved the id of the stored trend whose members it holds', () => {
    const out = carryTrendIds([found('new', [1, 2, 3, 7, 8]), found('other', [4], ['new'])], [stored('old', [1, 2, 3, 4])]);
    expect(ids(out)).toEqual(['old', 'other']);
    // Links between trends follow the rename.
    expect(out.trends[1]!.relatedTrendIds).toEqual(['old']);
    expect(out.superseded).toEqual([]);
  });

  it('mints a new id when less than half of a stored trend is held', () => {
    expect(ids(carryTrendIds([found('new', [1, 7, 8])], [stored('old', [1, 2, 3])]))).toEqual(['new']);
    expect(ids(carryTrendIds([found('new', [1, 2])], [stored('old', [1, 2, 3, 4])]))).toEqual(['old']);
  });

  it('a story that absorbed two stored ones continues the one it holds most of; the other id is free', () => {
    const out = carryTrendIds([found('merged', [1, 2, 3, 4, 5])], [stored('x', [1, 2, 9]), stored('y', [3, 4, 5])]);
    expect(ids(out)).toEqual(['y']);
    // x is not listed beside it any more: it points at the story that absorbed it.
    expect(out.superseded).toEqual([{ id: 'x', by: 'y' }]);
  });

  it('never takes an unchanged id away from its trend, and never hands one id to two trends', () => {
    // 'b' still has its own id; 'moved' holds most of b's stored members too, but cannot take it.
    const out = carryTrendIds([found('b', [5]), found('moved', [1, 2])], [stored('b', [1, 2, 5])]);
    expect(ids(out)).toEqual(['b', 'moved']);
    expect(out.superseded).toEqual([]);
  });

  it('with nothing stored, changes nothing', () => {
    const ts = [found('a', [1]), found('b', [2], ['a'])];
    expect(carryTrendIds(ts, [])).toEqual({ trends: ts, superseded: [] });
  });

  it('a stored fragment whose members now sit in a trend that kept its own id is superseded by it', () => {
    const out = carryTrendIds([found('rust', [1, 2, 3, 4, 5])], [stored('rust', [1, 2]), stored('gpu-driver', [3, 4, 8])]);
    expect(ids(out)).toEqual(['rust']);
    expect(out.superseded).toEqual([{ id: 'gpu-driver', by: 'rust' }]);
    // Less than half held: a story of its own that simply was not found this run, not a duplicate.
    expect(carryTrendIds([found('rust', [1, 2, 3])], [stored('rust', [1]), stored('other', [3, 8, 9])]).superseded).toEqual([]);
  });
});
