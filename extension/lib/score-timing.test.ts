import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftScorer, SCORE_AFTER_MS, type ScoreOutcome } from './score-timing.ts';

/** A scorer over a text box whose requests the test answers by hand, in any order. */
function harness() {
  let text: string | null = '';
  const asked: string[] = [];
  const pending = new Map<string, { resolve(v: string): void; reject(e: unknown): void }>();
  const settled: ScoreOutcome<string>[] = [];
  const scorer = createDraftScorer<string>({
    read: () => text,
    score: (t) => {
      asked.push(t);
      return new Promise<string>((resolve, reject) => pending.set(t, { resolve, reject }));
    },
    settle: (o) => void settled.push(o),
  });
  return {
    scorer,
    asked,
    settled,
    type(t: string | null) {
      text = t;
      scorer.schedule();
    },
    answer: async (t: string) => (pending.get(t)!.resolve(`score of ${t}`), await Promise.resolve()),
    fail: async (t: string) => (pending.get(t)!.reject(new Error(`no score for ${t}`)), await Promise.resolve()),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createDraftScorer', () => {
  it('scores only the text as it is when typing pauses, once per pause', async () => {
    const h = harness();
    h.type('a');
    vi.advanceTimersByTime(SCORE_AFTER_MS - 1);
    h.type('ab');
    vi.advanceTimersByTime(SCORE_AFTER_MS - 1);
    h.type('abc');
    vi.advanceTimersByTime(SCORE_AFTER_MS - 1);
    expect(h.asked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(h.asked).toEqual(['abc']);
    await h.answer('abc');
    expect(h.settled).toEqual([{ ok: true, value: 'score of abc' }]);
  });

  it('drops an answer that arrives after a newer request started, in either order', async () => {
    const h = harness();
    h.type('first draft');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    h.type('second draft');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    expect(h.asked).toEqual(['first draft', 'second draft']);
    await h.answer('second draft');
    await h.answer('first draft');
    expect(h.settled).toEqual([{ ok: true, value: 'score of second draft' }]);
    // A failure of the older request is dropped the same way.
    h.type('third draft');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    h.type('fourth draft');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    await h.fail('third draft');
    await h.answer('fourth draft');
    expect(h.settled.at(-1)).toEqual({ ok: true, value: 'score of fourth draft' });
    expect(h.settled).toHaveLength(2);
  });

  it('cancel stops the pending pause and drops the answer on its way', async () => {
    const h = harness();
    h.type('on its way');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    h.type('never asked');
    h.scorer.cancel();
    vi.advanceTimersByTime(10 * SCORE_AFTER_MS);
    expect(h.asked).toEqual(['on its way']);
    await h.answer('on its way');
    expect(h.settled).toEqual([]);
  });

  it('after dispose nothing is asked again, however it is triggered; after cancel the next draft is', async () => {
    const h = harness();
    h.type('first draft');
    h.scorer.cancel();
    h.type('next draft');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    expect(h.asked).toEqual(['next draft']);
    h.scorer.dispose();
    // A draft that resolves after the popup closed fills the box and triggers a score.
    h.type('late draft');
    h.scorer.now();
    vi.advanceTimersByTime(10 * SCORE_AFTER_MS);
    expect(h.asked).toEqual(['next draft']);
  });

  it('asks nothing for text already asked about, and drops the answer when the draft is gone', async () => {
    const h = harness();
    h.type('same text');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    h.type('same text');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    h.scorer.now();
    expect(h.asked).toEqual(['same text']);
    // Still the latest: its answer lands.
    await h.answer('same text');
    expect(h.settled).toHaveLength(1);

    h.type('long enough text');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    h.type(null); // cut below what is worth scoring
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    await h.answer('long enough text');
    expect(h.settled).toHaveLength(1);
    // Typed back: asked again, since its answer was dropped.
    h.type('long enough text');
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    expect(h.asked).toEqual(['same text', 'long enough text', 'long enough text']);
  });

  it('now() scores at once and replaces a pending pause; a failed score is asked again', async () => {
    const h = harness();
    h.type('filled in');
    h.scorer.now();
    expect(h.asked).toEqual(['filled in']);
    vi.advanceTimersByTime(SCORE_AFTER_MS);
    expect(h.asked).toEqual(['filled in']);
    await h.fail('filled in');
    expect(h.settled).toEqual([{ ok: false, error: new Error('no score for filled in') }]);
    h.scorer.now();
    expect(h.asked).toEqual(['filled in', 'filled in']);
  });
});
