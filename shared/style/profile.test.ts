import { describe, expect, it } from 'vitest';
import { styleProfile } from './profile.ts';

describe('styleProfile', () => {
  const p = styleProfile([
    'Great launch today! 🚀 Thanks team #shipping',
    'Is this the best way to test? I think so. #shipping #testing',
    'Read the notes: https://example.com/notes @alice',
    'Short one.',
  ]);

  it('counts emoji, hashtags, mentions, links and punctuation habits', () => {
    expect(p.posts).toBe(4);
    expect(p.emoji).toEqual({ perPost: 0.25, postsWithAny: 0.25, top: ['🚀'] });
    expect(p.hashtags.perPost).toBe(0.75);
    expect(p.hashtags.top[0]).toBe('#shipping');
    expect(p.mentions.perPost).toBe(0.25);
    expect(p.links.postsWithAny).toBe(0.25);
    expect(p.questions.share).toBe(0.25);
    expect(p.exclamations.share).toBe(0.25);
  });

  it('measures sentences on prose only and reads an upbeat tone', () => {
    // Sentences: "Great launch today" 3, "Thanks team" 2, "Is this the best way to test" 7,
    // "I think so" 3, "Read the notes:" 3, "Short one" 2 → 20 / 6.
    expect(p.sentenceWords).toBeCloseTo(20 / 6, 6);
    expect(p.tone.label).toBe('upbeat');
    expect(p.vocabulary.top).toContain('launch');
    expect(p.vocabulary.top).not.toContain('the');
  });

  it('handles no posts', () => {
    const e = styleProfile([]);
    expect(e.posts).toBe(0);
    expect(e.sentenceWords).toBe(0);
    expect(e.tone.label).toBe('neutral');
  });
});
