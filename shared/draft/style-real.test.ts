import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importXHistory } from '../posts/importers.ts';
import { bestTimes } from '../schedule/best-time.ts';
import { allocate } from '../calendar/allocate.ts';
import { styleProfile } from '../style/profile.ts';
import { draftBuiltIn } from './draft.ts';
import { HASHTAG_RANGE } from './hashtags.ts';
import { lintDraft, splitSentences, wordCount } from './text.ts';

const file = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'x-account-history', 'tweets.csv');
if (!existsSync(file)) console.log(`drafting real-data test skipped: ${file} not found`);
const source = readFileSync(path.join(import.meta.dirname, 'fixtures', 'passkeys.txt'), 'utf8');

describe.skipIf(!existsSync(file))('drafts and slots for the real X account history', () => {
  const posts = existsSync(file) ? importXHistory(readFileSync(file, 'utf8'), { account: '44196397' }).items : [];
  const style = styleProfile(posts.filter((p) => !p.text.startsWith('@')).map((p) => p.text));

  it("follows the account's terse, tag-free style", () => {
    // This account writes very short sentences and almost never tags.
    expect(style.posts).toBeGreaterThan(500);
    expect(style.sentenceWords).toBeLessThan(12);
    expect(style.hashtags.perPost).toBeLessThan(0.1);
    const plain = draftBuiltIn({ kind: 'text', text: source }, 'linkedin');
    const styled = draftBuiltIn({ kind: 'text', text: source }, 'linkedin', { style });
    expect(lintDraft(styled.text)).toEqual([]);
    const mean = (t: string) => {
      const s = splitSentences(t);
      return s.reduce((n, x) => n + wordCount(x), 0) / s.length;
    };
    expect(mean(styled.text)).toBeLessThan(mean(plain.text));
    // Tag-shy account: the platform minimum, not the maximum.
    expect(styled.hashtags).toHaveLength(HASHTAG_RANGE.linkedin!.min);
    expect(plain.hashtags).toHaveLength(HASHTAG_RANGE.linkedin!.max);
  });

  it("places posts in the account's own best hours", () => {
    const bt = bestTimes(posts, { platform: 'x', timeZone: 'UTC', metric: 'likes' });
    expect(bt.usingDefaults).toBe(false);
    const r = allocate({ from: Date.parse('2026-11-16T00:00:00Z'), days: 7, timeZone: 'UTC', logLift: { x: bt.logLift }, posts: [{ id: 'a', platform: 'x', topic: 'passkeys' }], rules: { quietHours: [] } });
    const best = bt.slots[0]!;
    expect(r.placed[0]!.at.slice(11, 13)).toBe(best.label.slice(4, 6));
  });
});
