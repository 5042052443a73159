import { describe, expect, it } from 'vitest';
import { extractKeyphrases, singular } from './keyphrases.ts';

const keys = (title: string, text?: string | null, mode: 'lexicon' | 'tagger' = 'lexicon') =>
  extractKeyphrases(title, text, { mode }).map((k) => k.key);

describe('extractKeyphrases', () => {
  it.each(['lexicon', 'tagger'] as const)('finds the topic of a Show HN title (%s)', (mode) => {
    const k = keys('Show HN: I built a Rust web framework', null, mode);
    expect(k).toContain('rust');
    expect(k).toContain('web framework');
    for (const stop of ['show', 'hn', 'i', 'a', 'built', 'show hn']) expect(k).not.toContain(stop);
  });

  it('keeps named entities and code names, not the headline verb', () => {
    const k = keys('Google launches Gemini 2.0 language models');
    expect(k).toEqual(expect.arrayContaining(['google', 'gemini', 'gemini 2.0', 'language model']));
    expect(k).not.toContain('launch');
    expect(k).not.toContain('google launch');
  });

  it('normalises plurals and case but leaves names that end in s alone', () => {
    expect(keys('Ask HN: How do you deploy Kubernetes clusters?')).toEqual(expect.arrayContaining(['kubernetes', 'cluster', 'kubernetes cluster']));
    expect(keys('Open-source LLMs are catching up with GPT-4')).toEqual(expect.arrayContaining(['open source', 'llm', 'gpt']));
    expect(keys('WebGPU is now available in Firefox')).toEqual(expect.arrayContaining(['webgpu', 'firefox']));
    expect(keys('Custom deleters for C++ smart pointers')).toEqual(expect.arrayContaining(['c++', 'smart pointer']));
  });

  it('splits owner and repository names into words, without singularising names', () => {
    const k = keys('rust-lang/rust-analyzer', 'A Rust compiler front-end for IDEs');
    expect(k).toEqual(expect.arrayContaining(['rust lang', 'rust analyzer', 'rust', 'analyzer', 'front end', 'ide']));
    expect(k).not.toContain('lang rust');
    expect(keys('rustfs/rustfs')).toEqual(['rustfs']);
  });

  it('marks kinds and weighs text below title', () => {
    const phrases = extractKeyphrases('Rust for Linux', 'The Rust for Linux project adds Rust support to the kernel');
    const rust = phrases.find((p) => p.key === 'rust')!;
    expect(rust.kind).toBe('code');
    expect(rust.weight).toBe(1 + 0.5 + 0.5);
    expect(phrases.find((p) => p.key === 'kernel')!.weight).toBe(0.5);
    expect(extractKeyphrases('Life is good').find((p) => p.key === 'life')?.kind).toBe('common');
  });

  it('returns nothing for titles of function words', () => {
    expect(keys('How do I do this?')).toEqual([]);
    expect(keys('')).toEqual([]);
  });
});

describe('singular', () => {
  it.each([
    ['frameworks', 'framework'],
    ['companies', 'company'],
    ['boxes', 'box'],
    ['kubernetes', 'kubernetes'],
    ['data', 'data'],
    ['status', 'status'],
    ['analytics', 'analytics'],
    ['people', 'person'],
    ['news', 'news'],
  ])('%s → %s', (word, expected) => {
    expect(singular(word)).toBe(expected);
  });
});
