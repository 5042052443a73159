import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { styleProfile } from '../style/profile.ts';
import { draftBuiltIn, DRAFT_PLATFORMS, HOOK_STYLES, LIMITS } from './draft.ts';
import { hashtagsFor, toHashtag } from './hashtags.ts';
import { analyseSource, topicOf } from './keypoints.ts';
import { buildDraftMessages, parseLlmDraft, styleInstructions } from './prompt.ts';
import { pageSource, researchSource, trendSource } from './sources.ts';
import { costUsd, DEFAULT_PRICE, estimatePromptTokens, MODEL_PRICES, priceOf, spendPeriod, withinCap } from './spend.ts';
import { cleanSentence, lintDraft, MAX_SENTENCE_WORDS, sentencePieces, splitSentences, spokenWords, wordCount, xLength } from './text.ts';
import type { Draft } from './draft.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.txt`), 'utf8');
const SOURCES = ['passkeys', 'rust-linux', 'remote-work'] as const;

describe('text helpers', () => {
  it('splits paragraphs and sentences, drops fragments and duplicates, cleans leading connectives', () => {
    const s = splitSentences('Heading\n\nAnd the U.S. team shipped it today, e.g. the beta. But it was very late! https://x.co/a\n- list item without a stop here\n\nAnd the U.S. team shipped it today, e.g. the beta.');
    expect(s).toEqual(['The U.S. team shipped it today, e.g. the beta.', 'It was very late!', 'List item without a stop here.']);
  });

  it('cuts runs without sentence punctuation into sentence-sized pieces', () => {
    const clauses = Array.from({ length: 12 }, (_, i) => `clause number ${i} talks about passkeys`).join(', ');
    const pieces = sentencePieces(clauses);
    expect(pieces.length).toBeGreaterThan(1);
    // At clause marks when there are some: every piece but the last ends at a comma.
    expect(pieces.slice(0, -1).every((p) => p.endsWith(','))).toBe(true);
    const bare = 'so today we talk about passkeys and why they replace passwords '.repeat(40);
    const cut = splitSentences(bare);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.every((s) => wordCount(s) <= MAX_SENTENCE_WORDS && /\.$/.test(s))).toBe(true);
    expect(sentencePieces('A normal sentence stays whole.')).toEqual(['A normal sentence stays whole.']);
  });

  it('cleanSentence capitalises and punctuates', () => {
    expect(cleanSentence('  however, costs fell ')).toBe('Costs fell.');
    expect(cleanSentence('1. first point')).toBe('First point.');
  });

  it('lintDraft finds lowercase starts, missing punctuation, placeholders and duplicates', () => {
    expect(lintDraft('Fine sentence here.\n\n#Tag #Other')).toEqual([]);
    expect(lintDraft('Hook (0–3 s): Fine words here.\nOn screen: Caption')).toEqual([]);
    expect(lintDraft('bad start here.').map((i) => i.rule)).toEqual(['capital']);
    expect(lintDraft('No end punctuation here').map((i) => i.rule)).toEqual(['punctuation']);
    expect(lintDraft('Hello {topic} world.').map((i) => i.rule)).toContain('placeholder');
    expect(lintDraft('Same sentence again here. Same sentence again here.').map((i) => i.rule)).toEqual(['duplicate']);
  });

  it('counts X characters with t.co links and wide characters', () => {
    expect(xLength('abc')).toBe(3);
    expect(xLength('see https://example.com/a/very/long/path/that/is/long')).toBe(4 + 23);
    expect(xLength('🚀')).toBe(2);
    expect(spokenWords('two words #tag https://e.com/x')).toBe(2);
  });
});

describe('key points', () => {
  it('finds the core topic and ranks sentences that cover it', () => {
    const a = analyseSource(fixture('passkeys'));
    expect(a.core[0]!.key).toBe('passkey');
    expect(a.core.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 9);
    expect(topicOf(a)).toBe('passkeys');
    // The first pick mentions the main topic.
    expect(a.keysBySentence[a.ranked[0]!]!.has('passkey')).toBe(true);
    expect(new Set(a.ranked).size).toBe(a.sentences.length);
  });

  it('puts an article before a lone singular noun topic', () => {
    const a = analyseSource('The dashboard loads twice as fast now. Search on the dashboard finds older reports. Every dashboard chart can be exported as an image.');
    expect(topicOf(a)).toBe('the dashboard');
    expect(topicOf(analyseSource(fixture('short')))).toBe('dark mode');
  });
});

describe('built-in drafts', () => {
  const style = styleProfile(['Big news today 🚀 #security', 'Ship it. Test it. 🚀', 'What would you do? #security #identity', 'Fast wins matter 🚀', 'Keep it short. #security']);

  for (const name of SOURCES) {
    for (const platform of DRAFT_PLATFORMS) {
      for (const hook of HOOK_STYLES) {
        it(`${name} → ${platform} (${hook}) is finished, grammatical text within the platform limits`, () => {
          const d = draftBuiltIn({ kind: 'research', text: fixture(name), url: 'https://example.com/a' }, platform, { hook });
          expect(d.generator).toBe('built-in');
          expect(d.label).toMatch(/Built-in draft/);
          expect(lintDraft(d.text)).toEqual([]);
          expect(d.text).not.toMatch(/undefined|NaN|\{|\}/);
          if (platform === 'x') for (const part of d.parts ?? [d.text]) expect(xLength(part)).toBeLessThanOrEqual(LIMITS.xPost);
          if (platform === 'linkedin') {
            expect(d.text.length).toBeLessThanOrEqual(LIMITS.linkedin);
            expect(d.text.split('\n\n')[0]!.length).toBeLessThanOrEqual(LIMITS.linkedinFold);
            expect(d.hashtags.length).toBeGreaterThanOrEqual(3);
            expect(d.hashtags.length).toBeLessThanOrEqual(5);
          }
          if (platform === 'youtube-shorts') {
            expect(d.words).toBeGreaterThanOrEqual(128);
            expect(d.words).toBeLessThanOrEqual(172);
            expect(d.words).toBe(d.script!.reduce((n, s) => n + spokenWords(s.spoken), 0));
          }
          if (platform === 'youtube-description') {
            expect(d.title!.length).toBeLessThanOrEqual(LIMITS.youtubeTitle);
            expect(d.hashtags).toHaveLength(3);
            expect(d.text).toContain('https://example.com/a');
          }
        });
      }
    }
  }

  it('numbers X threads 1/n … n/n', () => {
    const d = draftBuiltIn({ kind: 'text', text: fixture('rust-linux') }, 'x');
    const n = d.parts!.length;
    expect(n).toBeGreaterThan(1);
    d.parts!.forEach((p, i) => expect(p.endsWith(`\n\n${i + 1}/${n}`)).toBe(true));
  });

  it('keeps a short source in one X post', () => {
    const d = draftBuiltIn({ kind: 'text', text: fixture('short') }, 'x');
    expect(d.parts).toBeUndefined();
    expect(d.text).toMatch(/^Our team shipped dark mode/);
  });

  it('warns instead of padding when the source is too short for a Shorts script', () => {
    const d = draftBuiltIn({ kind: 'text', text: fixture('short') }, 'youtube-shorts');
    expect(d.words).toBeLessThan(128);
    expect(d.warnings[0]).toMatch(/source supports only \d+ spoken words/);
    expect(lintDraft(d.text)).toEqual([]);
  });

  it('follows the style profile: its emoji, its tags on this topic, shorter sentences', () => {
    const plain = draftBuiltIn({ kind: 'text', text: fixture('passkeys') }, 'linkedin');
    const styled = draftBuiltIn({ kind: 'text', text: fixture('passkeys') }, 'linkedin', { style });
    expect(plain.text).not.toContain('🚀');
    expect(styled.text.split('\n')[0]).toMatch(/🚀$/);
    expect(styled.hashtags[0]).toBe('#security');
    const avg = (t: string) => {
      const s = splitSentences(t);
      return s.reduce((n, x) => n + x.split(' ').length, 0) / s.length;
    };
    expect(avg(styled.text)).toBeLessThan(avg(plain.text));
    expect(lintDraft(styled.text)).toEqual([]);
  });

  // What each platform refuses outright; the ±15% floor of a script is a warning, not a limit.
  const overLimit = (d: Draft): string[] => {
    const out: string[] = [];
    if (d.platform === 'linkedin' && d.text.length > LIMITS.linkedin) out.push(`${d.text.length} chars`);
    if (d.platform === 'youtube-description' && d.text.length > LIMITS.youtubeDescription) out.push(`${d.text.length} chars`);
    if (d.platform === 'x') for (const post of d.parts ?? [d.text]) if (xLength(post) > LIMITS.xPost) out.push(`post of ${xLength(post)}`);
    const target = d.platform === 'youtube-shorts' ? LIMITS.shortsWords : d.platform === 'short-video' ? LIMITS.shortVideoWords : null;
    if (target !== null && d.words > Math.round(target * (1 + LIMITS.shortsTolerance))) out.push(`${d.words} spoken words`);
    return out;
  };

  it('selects from a transcript without full stops and stays within every platform limit', () => {
    // 600 spoken phrases, no sentence punctuation: one 3,000-word "sentence" before the fix.
    const transcript = Array.from({ length: 600 }, (_, i) => ['so today we talk about passkeys', 'and why they replace passwords', 'for most teams in 2026', 'because phishing keeps working'][i % 4]).join(' ');
    for (const platform of DRAFT_PLATFORMS) {
      const d = draftBuiltIn({ kind: 'text', text: transcript }, platform);
      expect(overLimit(d), platform).toEqual([]);
      // Selection did the work: nothing had to be cut.
      expect(d.warnings.filter((w) => w.includes('cut')), platform).toEqual([]);
      expect(lintDraft(d.text), platform).toEqual([]);
    }
  });

  it('cuts at a word boundary, with a warning, when even one source sentence cannot fit', () => {
    const blob = `${['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((w) => w.repeat(700)).join(' ')}. Passkeys replace passwords for most teams.`;
    for (const platform of DRAFT_PLATFORMS) {
      for (const hook of HOOK_STYLES) {
        const d = draftBuiltIn({ kind: 'text', text: blob }, platform, { hook });
        expect(overLimit(d), `${platform} ${hook}`).toEqual([]);
      }
    }
    const linkedin = draftBuiltIn({ kind: 'text', text: blob }, 'linkedin');
    expect(linkedin.warnings.some((w) => w.startsWith('cut at a word boundary'))).toBe(true);
    expect(linkedin.text).toMatch(/^(?:\S+ )*\S+…$/);
  });

  it('an X thread whose opener must be cut keeps the emoji and every hashtag whole in its first post', () => {
    const style = styleProfile(Array.from({ length: 20 }, (_, i) => `Shipping passkeys today number ${i} 🚀🔥 #security #passkeys`));
    const blob = `${['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((w) => w.repeat(700)).join(' ')}. Passkeys replace passwords for most teams. Phishing keeps working against passwords in 2026. Security teams adopt passkeys quickly now.`;
    const d = draftBuiltIn({ kind: 'text', text: blob }, 'x', { hook: 'lead', thread: 'auto', style });
    expect(overLimit(d)).toEqual([]);
    expect(d.hashtags.length).toBeGreaterThan(0);
    const first = d.parts![0]!;
    for (const tag of d.hashtags) expect(first).toMatch(new RegExp(`${tag}(?:\\s|$)`));
    expect(first).toMatch(/… \S+ #/);
  });

  it('cuts an opening too long for a script, given a precomputed analysis with such a sentence', () => {
    const a = analyseSource('Passkeys replace passwords for most teams. Phishing keeps working against passwords.');
    const longLead = `Passkeys ${'and passwords '.repeat(200)}matter.`;
    const analysis = { ...a, sentences: [longLead, ...a.sentences.slice(1)] };
    for (const platform of ['youtube-shorts', 'short-video'] as const) {
      const d = draftBuiltIn({ kind: 'text', text: longLead }, platform, { analysis });
      expect(overLimit(d), platform).toEqual([]);
      expect(d.warnings.some((w) => w.startsWith('opening cut to'))).toBe(true);
      expect(d.script![0]!.spoken).toMatch(/^Passkeys and passwords (?:\S+ )*\S+…$/);
    }
  });

  it('rejects an unknown platform and an empty source', () => {
    expect(() => draftBuiltIn({ kind: 'text', text: fixture('short') }, 'tiktok' as never)).toThrow(/unknown platform 'tiktok'/);
    expect(() => draftBuiltIn({ kind: 'text', text: 'Hi.' }, 'x')).toThrow(/no usable sentence/);
  });
});

describe('hashtags', () => {
  it('keeps names cased and respects platform norms', () => {
    expect(toHashtag('iCloud Keychain')).toBe('#iCloudKeychain');
    expect(toHashtag('dark mode')).toBe('#DarkMode');
    expect(toHashtag('2025')).toBeNull();
    const a = analyseSource(fixture('remote-work'));
    expect(hashtagsFor('x', a)).toHaveLength(2);
    expect(hashtagsFor('linkedin', a).length).toBeGreaterThanOrEqual(3);
    expect(hashtagsFor('youtube-description', a)).toHaveLength(3);
  });
});

describe('LLM prompt and parsing', () => {
  it('puts the platform rules and the style profile in the system prompt', () => {
    const style = styleProfile(['One 🚀 #a', 'Two 🚀 #a', 'Three?', 'Four.', 'Five 🚀']);
    const [system, user] = buildDraftMessages({ kind: 'page', text: 'Body text.', title: 'T', url: 'https://e.com' }, 'x', { style, hook: 'question' });
    expect(system!.content).toMatch(/at most 280 characters/);
    expect(system!.content).toMatch(/Open with a question/);
    expect(system!.content).toContain(styleInstructions(style));
    expect(styleInstructions(style)).toMatch(/uses emoji in 60% of posts, mostly 🚀/);
    expect(user!.content).toContain('the web page the user is reading');
    expect(styleInstructions(null)).toMatch(/No writing-style profile/);
  });

  it('parses titles, threads and spoken word counts', () => {
    const yt = parseLlmDraft('youtube-description', 'Title: A title\n\nSummary here. #a #b #c', 'm');
    expect(yt.title).toBe('A title');
    expect(yt.text).toBe('Summary here. #a #b #c');
    expect(yt.hashtags).toEqual(['#a', '#b', '#c']);
    const shorts = parseLlmDraft('youtube-shorts', 'Hook (0–3 s): One two three.\nOn screen: Not spoken\nClose (3–5 s): Four five.', 'm');
    expect(shorts.words).toBe(5);
    expect(parseLlmDraft('x', '```\nJust one post.\n```', 'm').text).toBe('Just one post.');
  });
});

describe('spend accounting', () => {
  it('prices tokens and refuses past the cap', () => {
    expect(costUsd('gpt-4o-mini', 1_000_000, 1_000_000)).toBeCloseTo(0.75, 9);
    expect(costUsd('some-local-model', 1_000_000, 0)).toBe(3);
    expect(estimatePromptTokens([{ content: 'abcd'.repeat(10) }])).toBe(10 + 4 + 3);
    expect(spendPeriod(Date.parse('2026-11-30T23:59:59Z'))).toBe('2026-11');
    expect(withinCap(4.9, 0.2, 5)).toBe(false);
    expect(withinCap(4.7, 0.2, 5)).toBe(true);
    // Exactly at the cap fits, even when float sums land a hair above it (0.1 + 0.2 > 0.3).
    expect(withinCap(0.1, 0.2, 0.3)).toBe(true);
    expect(withinCap(0.1, 0.2 + 1e-6, 0.3)).toBe(false);
    // The slack scales with the cap: a large cap still refuses a cent over it.
    expect(withinCap(9_999.99, 0.01, 10_000)).toBe(true);
    expect(withinCap(10_000, 0.01, 10_000)).toBe(false);
    // Snapshots price as their family; an inherited key is no price.
    expect(priceOf('gpt-4o-mini-2024-07-18')).toEqual(MODEL_PRICES['gpt-4o-mini']);
    expect(priceOf('constructor')).toBe(DEFAULT_PRICE);
    expect(priceOf('my-local-llama')).toBe(DEFAULT_PRICE);
    // A gateway's provider prefix is not an unknown model (it was priced 20x).
    expect(priceOf('openai/gpt-4o-mini')).toEqual(MODEL_PRICES['gpt-4o-mini']);
    expect(priceOf('openai/gpt-4o-mini-2024-07-18')).toEqual(MODEL_PRICES['gpt-4o-mini']);
  });

  it('estimates other scripts at a token a character, so a Chinese source cannot slip under the worst case', () => {
    // 4 characters a token holds for English; CJK runs about a token a character in OpenAI's tokenizers.
    expect(estimatePromptTokens([{ content: '人工智能代理正在进入生产环境'.repeat(100) }])).toBe(1400 + 4 + 3);
    expect(estimatePromptTokens([{ content: 'Café naïve résumé' }])).toBe(5 + 4 + 3);
    // An emoji is one code point, counted once however JavaScript stores it.
    expect(estimatePromptTokens([{ content: '🚀' }])).toBe(1 + 4 + 3);
  });
});

describe('draft sources', () => {
  it('drafts from a trend: headlines become sentences, the trend name is the topic', () => {
    const src = trendSource({ name: 'Rust in the kernel', keywords: ['rust', 'kernel'] }, [
      { title: 'Show HN: A Rust network driver merged into the Linux kernel', url: 'https://news.ycombinator.com/item?id=1' },
      { title: 'Kernel maintainers debate Rust bindings for driver APIs', text: 'The debate centred on review load. Maintainers asked for stable bindings first. A third sentence is left out.' },
      { title: 'Rust drivers match C performance in kernel benchmarks' },
    ]);
    expect(src.kind).toBe('trend');
    expect(src.text).not.toMatch(/Show HN|third sentence/);
    const d = draftBuiltIn(src, 'linkedin', { hook: 'question' });
    expect(d.text.split('\n')[0]).toBe('What is changing with Rust in the kernel, and why should you care?');
    expect(d.text).toContain('A Rust network driver merged into the Linux kernel.');
    expect(lintDraft(d.text)).toEqual([]);
    expect(() => trendSource({ name: 'x', keywords: [] }, [])).toThrow(/no items to draft from/);
  });

  it('drafts from a research item and from the page the user is on', () => {
    const r = researchSource({ title: 'Passkeys are winning', text: fixture('passkeys'), url: 'https://example.com/p' });
    expect(r.text.startsWith('Passkeys are winning\n\n')).toBe(true);
    const d = draftBuiltIn(r, 'youtube-description');
    expect(d.title).toBe('Passkeys are winning');
    const page = pageSource({ title: 'Blog', text: `Menu\nSign in\n${fixture('rust-linux')}\nCookie settings`, url: 'https://example.com/r' });
    const x = draftBuiltIn(page, 'x');
    expect(x.text).not.toMatch(/Menu|Cookie|Sign in/);
    expect(lintDraft(x.text)).toEqual([]);
  });
});
