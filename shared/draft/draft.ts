import type { StyleProfile } from '../style/profile.ts';
import { hashtagsFor } from './hashtags.ts';
import { analyseSource, topicOf, type SourceAnalysis } from './keypoints.ts';
import { capitalise, spokenWords, wordCount, xLength } from './text.ts';

/**
 * The built-in draft generator: what Sightline writes when no LLM is configured. It is
 * extractive on purpose: every body sentence is a cleaned sentence of the source, picked
 * for the core message it carries (keypoints.ts), so the draft is grammatical and says
 * nothing the source does not. Only hooks, list intros and closing lines come from
 * templates, and those are written to be agreement-free ("What is changing with X, and
 * why should you care?") so any noun phrase fits.
 */

export const DRAFT_PLATFORMS = ['linkedin', 'x', 'youtube-shorts', 'youtube-description', 'short-video'] as const;
export type DraftPlatform = (typeof DRAFT_PLATFORMS)[number];

export type HookStyle = 'lead' | 'question' | 'list';
export const HOOK_STYLES: readonly HookStyle[] = ['lead', 'question', 'list'];

export interface DraftSource {
  /** Where it came from: a trend, a saved research item, the page the user is on, or pasted text. */
  kind: 'trend' | 'research' | 'page' | 'text';
  text: string;
  title?: string | null;
  url?: string | null;
}

export interface DraftOptions {
  style?: StyleProfile | null;
  hook?: HookStyle;
  /** 'rank': strongest point first; 'source': the source's own order. */
  order?: 'rank' | 'source';
  /** X: 'auto' threads when the message does not fit one post. */
  thread?: 'auto' | 'always' | 'never';
  /** A precomputed analysis of the same source (repurposing drafts one source many times). */
  analysis?: SourceAnalysis;
}

export interface ScriptSection {
  label: string;
  /** Start and end second at about 2.5 spoken words per second. */
  from: number;
  to: number;
  spoken: string;
  onScreen?: string;
}

export interface Draft {
  platform: DraftPlatform;
  /** 'built-in': this generator; 'llm': an OpenAI-compatible model (worker/lib/llm.ts). */
  generator: 'built-in' | 'llm';
  /** Shown to the user so a template draft is never mistaken for a written one. */
  label: string;
  text: string;
  /** X thread parts, each ≤ 280 characters including its "i/n" counter. */
  parts?: string[];
  /** YouTube title. */
  title?: string;
  script?: ScriptSection[];
  hashtags: string[];
  hook: HookStyle;
  order: 'rank' | 'source';
  characters: number;
  /** Words; spoken words for scripts. */
  words: number;
  warnings: string[];
}

/** Says what the built-in writer did, not why it was used: that is the caller's to say (no key, or the model's draft failed a check). */
export const BUILT_IN_LABEL = 'Built-in draft: assembled from the key sentences of the source';

export const LIMITS = {
  xPost: 280,
  linkedin: 3000,
  /** LinkedIn folds a post after about this many characters ("…see more"): the hook must fit above it. */
  linkedinFold: 210,
  shortsWords: 150,
  shortsTolerance: 0.15,
  shortVideoWords: 90,
  youtubeTitle: 100,
  youtubeDescription: 5000,
} as const;

const WORDS_PER_SECOND = 2.5;

function hookSentence(style: HookStyle, topic: string, points: number): string {
  if (style === 'question') return `What is changing with ${topic}, and why should you care?`;
  if (style === 'list') return `${points} things worth knowing about ${topic}:`;
  return '';
}

/** Splits "A, and B" / "A; B" into two sentences when the profile prefers short ones. */
function shorten(sentence: string, targetWords: number): string[] {
  if (wordCount(sentence) <= targetWords * 1.6) return [sentence];
  const m = /^(.{20,}?)(?:;\s+|,\s+and\s+)(.{20,})$/.exec(sentence);
  if (!m) return [sentence];
  const a = m[1]!.trim().replace(/[,;]$/, '') + '.';
  const b = capitalise(m[2]!.trim());
  if (wordCount(a) < 5 || wordCount(b) < 5) return [sentence];
  return [a, b];
}

interface Plan {
  a: SourceAnalysis;
  topic: string;
  /** Body sentences in presentation order. */
  points: string[];
  lead: string | null;
  emoji: string | null;
  askQuestion: boolean;
}

function plan(source: DraftSource, opts: DraftOptions): Plan {
  const a = opts.analysis ?? analyseSource(source.text, { title: source.title ?? null });
  const style = opts.style && opts.style.posts >= 5 ? opts.style : null;
  const hook = opts.hook ?? 'lead';
  const order = opts.order ?? 'rank';
  let picked = [...a.ranked];
  // With a habit of short sentences, prefer the source's shorter sentences where they exist.
  if (style && style.sentenceWords > 0) {
    const cap = Math.max(18, style.sentenceWords * 2.2);
    const short = picked.filter((i) => wordCount(a.sentences[i]!) <= cap);
    if (short.length >= Math.min(3, picked.length)) picked = [...short, ...picked.filter((i) => !short.includes(i))];
  }
  const leadIdx = hook === 'lead' ? picked[0] : undefined;
  let body = picked.filter((i) => i !== leadIdx);
  if (order === 'source') body = [...body].sort((x, y) => x - y);
  let points = body.map((i) => a.sentences[i]!);
  if (style && style.sentenceWords > 0 && style.sentenceWords < 14) points = points.flatMap((s) => shorten(s, style.sentenceWords));
  const lead = leadIdx === undefined ? null : a.sentences[leadIdx]!;
  const emoji = style && style.emoji.postsWithAny >= 0.3 ? (style.emoji.top[0] ?? null) : null;
  const askQuestion = !style || style.questions.share >= 0.15;
  return { a, topic: topicOf(a), points, lead, emoji, askQuestion };
}

function result(platform: DraftPlatform, opts: DraftOptions, fields: Omit<Draft, 'platform' | 'generator' | 'label' | 'hook' | 'order' | 'characters'> & { characters?: number }): Draft {
  return {
    platform,
    generator: 'built-in',
    label: BUILT_IN_LABEL,
    hook: opts.hook ?? 'lead',
    order: opts.order ?? 'rank',
    characters: fields.characters ?? fields.text.length,
    ...fields,
  };
}

function linkedin(p: Plan, opts: DraftOptions): Draft {
  const hook = opts.hook ?? 'lead';
  const tags = hashtagsFor('linkedin', p.a, opts.style);
  const warnings: string[] = [];
  const maxPoints = 6;
  let head: string[];
  let points = p.points;
  if (hook === 'lead' && p.lead && p.lead.length <= LIMITS.linkedinFold - 10) {
    head = [p.lead];
  } else {
    // Lead sentence too long to sit above the fold: open with the question instead.
    if (hook === 'lead' && p.lead) points = [p.lead, ...points];
    head = [hookSentence(hook === 'list' ? 'list' : 'question', p.topic, Math.min(maxPoints, points.length))];
    if (hook === 'question' && points[0] && head[0]!.length + points[0].length + 1 <= LIMITS.linkedinFold) {
      head.push(points[0]);
      points = points.slice(1);
    }
  }
  if (p.emoji) head[0] = `${head[0]} ${p.emoji}`;
  const closing = p.askQuestion ? `What has your experience with ${p.topic} been so far?` : null;
  const build = (n: number) => {
    const chosen = points.slice(0, n);
    const body = hook === 'list' ? chosen.map((s, i) => `${i + 1}. ${s}`).join('\n') : chosen.join('\n\n');
    const listHead = hook === 'list' ? [hookSentence('list', p.topic, chosen.length)] : head;
    return [listHead.join('\n'), body, closing, tags.join(' ')].filter(Boolean).join('\n\n');
  };
  let n = Math.min(maxPoints, points.length);
  let text = build(n);
  while (text.length > LIMITS.linkedin && n > 1) text = build(--n);
  if (hook === 'list' && n < 2) warnings.push('source has too few key points for a list');
  return result('linkedin', opts, { text, hashtags: tags, words: wordCount(text), warnings });
}

function counter(i: number, n: number): string {
  return `${i}/${n}`;
}

function x(p: Plan, opts: DraftOptions): Draft {
  const hook = opts.hook ?? 'lead';
  const tags = hashtagsFor('x', p.a, opts.style);
  const tagText = tags.join(' ');
  const warnings: string[] = [];
  const all = hook === 'lead' ? p.points : p.lead ? [p.lead, ...p.points] : p.points;
  // A list thread promises a count, so it carries exactly that many numbered points.
  const points = hook === 'list' ? all.slice(0, 5).map((s, i) => `${i + 1}. ${s}`) : all.slice(0, 7);
  const opener = hook === 'lead' && p.lead ? p.lead : hookSentence(hook, p.topic, points.length);
  const single = [opener.endsWith(':') ? hookSentence('question', p.topic, 0) : opener, p.emoji, tagText].filter(Boolean).join(' ');
  const mode = opts.thread ?? 'auto';
  const whole = [hook === 'list' ? null : opener, ...points, p.emoji, tagText].filter(Boolean).join(' ');
  if (mode === 'auto' && hook !== 'list' && xLength(whole) <= LIMITS.xPost) {
    return result('x', opts, { text: whole, hashtags: tags, words: wordCount(whole), characters: xLength(whole), warnings });
  }
  if (mode === 'never' || (mode === 'auto' && points.length === 0 && xLength(single) <= LIMITS.xPost)) {
    const text = cutToFit(single, LIMITS.xPost, xLength);
    return result('x', opts, { text, hashtags: tags, words: wordCount(text), characters: xLength(text), warnings });
  }
  // Thread: the opener with the tags, then the points packed into posts, each ending "i/n".
  const reserve = 7; // "\n\n10/10"
  const budget = LIMITS.xPost - reserve;
  const bodies: string[] = [];
  // The opener gives way to the emoji and tags it is posted with, so those arrive whole.
  const trailer = [p.emoji, tagText].filter(Boolean).join(' ');
  const first = [cutToFit(opener, budget - xLength(trailer) - (trailer ? 1 : 0), xLength), trailer].filter(Boolean).join(' ');
  bodies.push(first);
  let current = '';
  for (const s of points) {
    const sentence = cutToFit(s, budget - 4, xLength);
    const candidate = current ? `${current} ${sentence}` : sentence;
    if (xLength(candidate) <= budget && hook !== 'list') current = candidate;
    else {
      if (current) bodies.push(current);
      current = sentence;
    }
  }
  if (current) bodies.push(current);
  if (bodies.length === 1) warnings.push('source has no key point beyond the opener');
  const n = bodies.length;
  const parts = bodies.map((b, i) => `${b}\n\n${counter(i + 1, n)}`);
  const text = parts.join('\n\n');
  return result('x', opts, { text, parts, hashtags: tags, words: wordCount(bodies.join(' ')), characters: Math.max(...parts.map(xLength)), warnings });
}

function timeline(sections: { label: string; spoken: string; onScreen?: string }[]): ScriptSection[] {
  let t = 0;
  return sections.map((s) => {
    const from = Math.round(t);
    t += spokenWords(s.spoken) / WORDS_PER_SECOND;
    return { ...s, from, to: Math.max(from + 1, Math.round(t)) };
  });
}

function scriptText(sections: ScriptSection[]): string {
  return sections.map((s) => `${s.label} (${s.from}–${s.to} s): ${s.spoken}${s.onScreen ? `\nOn screen: ${s.onScreen}` : ''}`).join('\n\n');
}

/** Key points in the plan's order until the spoken length reaches the target window. */
function fillScript(p: Plan, hook: string, close: string, target: number, tolerance: number): { beats: string[]; words: number } {
  const high = Math.round(target * (1 + tolerance));
  let words = spokenWords(hook) + spokenWords(close);
  const beats: string[] = [];
  const pool = p.lead && !hook.includes(p.lead) ? [p.lead, ...p.points] : p.points;
  for (const s of pool) {
    const w = spokenWords(s);
    if (words + w > high) continue;
    beats.push(s);
    words += w;
    if (words >= target) break;
  }
  return { beats, words };
}

function shorts(p: Plan, opts: DraftOptions, platform: 'youtube-shorts' | 'short-video'): Draft {
  const hookStyle = opts.hook ?? 'lead';
  const target = platform === 'youtube-shorts' ? LIMITS.shortsWords : LIMITS.shortVideoWords;
  const close = platform === 'youtube-shorts' ? `Follow for more on ${p.topic}.` : `Save this, and follow for more on ${p.topic}.`;
  const warnings: string[] = [];
  let hook = hookStyle === 'lead' && p.lead ? p.lead : hookSentence('question', p.topic, 0);
  // fillScript only adds beats that fit, so the hook and close are all that can overrun
  // the script's upper bound (a very long lead, or a topic taken from a long title).
  const hookBudget = Math.round(target * (1 + LIMITS.shortsTolerance)) - spokenWords(close);
  if (spokenWords(hook) > hookBudget) {
    hook = cutToFit(hook, hookBudget, spokenWords);
    warnings.push(`opening cut to ${hookBudget} spoken words to keep the script within ${target} ±${LIMITS.shortsTolerance * 100}%`);
  }
  const { beats, words } = fillScript(p, hook, close, target, LIMITS.shortsTolerance);
  const onScreen = (s: string) => {
    const c = p.a.core.find((k) => s.toLowerCase().includes(k.display.toLowerCase()));
    return c ? capitalise(c.display) : undefined;
  };
  const sections = timeline([
    { label: 'Hook', spoken: hook, ...(platform === 'short-video' ? { onScreen: capitalise(p.topic) } : {}) },
    ...beats.map((s, i) => {
      const os = platform === 'short-video' ? onScreen(s) : undefined;
      return { label: hookStyle === 'list' ? `Point ${i + 1}` : `Beat ${i + 1}`, spoken: s, ...(os ? { onScreen: os } : {}) };
    }),
    { label: 'Close', spoken: close },
  ]);
  const low = Math.round(target * (1 - LIMITS.shortsTolerance));
  if (words < low) warnings.push(`source supports only ${words} spoken words (target ${target} ±${LIMITS.shortsTolerance * 100}%)`);
  const text = scriptText(sections);
  const tags = hashtagsFor(platform, p.a, opts.style);
  return result(platform, opts, { text, script: sections, hashtags: tags, words, warnings });
}

function youtubeDescription(p: Plan, opts: DraftOptions, source: DraftSource): Draft {
  const tags = hashtagsFor('youtube-description', p.a, opts.style);
  const pool = p.lead ? [p.lead, ...p.points] : p.points;
  const summary = pool.slice(0, 2);
  const rest = pool.slice(2, 7);
  const first = summary[0] ?? '';
  const rawTitle = source.title?.trim() || (first.length <= 70 ? first.replace(/\.$/, '') : `${capitalise(p.topic)}: what changed and why it matters`);
  const title = rawTitle.length > LIMITS.youtubeTitle ? `${rawTitle.slice(0, LIMITS.youtubeTitle - 1).replace(/\s+\S*$/, '')}…` : rawTitle;
  const blocks = [summary.join(' ')];
  if (rest.length) blocks.push(`In this video:\n${rest.map((s) => `• ${s}`).join('\n')}`);
  if (source.url) blocks.push(`Source: ${source.url}`);
  blocks.push(tags.join(' '));
  const text = blocks.filter(Boolean).join('\n\n');
  return result('youtube-description', opts, { text, title, hashtags: tags, words: wordCount(text), warnings: [] });
}

/**
 * `text` cut at a word boundary so that it measures at most `max` with a closing "…"
 * (inside a word only when the first word alone is too long). `measure` must add up over
 * pieces, as length, xLength and spokenWords do for whitespace-separated tokens. The one
 * truncator of this file: posts measure in characters or X weight, scripts in spoken words.
 */
function cutToFit(text: string, max: number, measure: (s: string) => number): string {
  if (measure(text) <= max) return text;
  const room = max - measure('…');
  let out = '';
  let used = 0;
  for (const token of text.split(/(\s+)/)) {
    const n = measure(token);
    if (used + n > room) break;
    out += token;
    used += n;
  }
  if (!out.trim()) {
    out = '';
    used = 0;
    for (const ch of text) {
      if (used + measure(ch) > room) break;
      out += ch;
      used += measure(ch);
    }
  }
  return `${out.trimEnd().replace(/[,;:.]$/, '')}…`;
}

const CUT_WARNING = 'cut at a word boundary to fit the platform limit: the source has a sentence too long to select whole';

/**
 * The last guard of every built-in draft: what the platform refuses outright (LinkedIn and
 * YouTube description length, X's per-post length) is cut to fit, with a warning. Normal
 * sources never get here; words longer than a post (a pasted blob, a giant token) can.
 */
function withinLimits(d: Draft): Draft {
  const textCap = d.platform === 'linkedin' ? LIMITS.linkedin : d.platform === 'youtube-description' ? LIMITS.youtubeDescription : null;
  if (textCap !== null && d.text.length > textCap) {
    const text = cutToFit(d.text, textCap, (s) => s.length);
    return { ...d, text, characters: text.length, words: wordCount(text), warnings: [...d.warnings, CUT_WARNING] };
  }
  if (d.platform === 'x' && d.parts) {
    if (d.parts.every((part) => xLength(part) <= LIMITS.xPost)) return d;
    const parts = d.parts.map((part) => {
      const counterAt = part.lastIndexOf('\n\n');
      const tail = part.slice(counterAt);
      return `${cutToFit(part.slice(0, counterAt), LIMITS.xPost - xLength(tail), xLength)}${tail}`;
    });
    const text = parts.join('\n\n');
    return { ...d, parts, text, characters: Math.max(...parts.map(xLength)), words: wordCount(parts.map((part) => part.slice(0, part.lastIndexOf('\n\n'))).join(' ')), warnings: [...d.warnings, CUT_WARNING] };
  }
  if (d.platform === 'x' && xLength(d.text) > LIMITS.xPost) {
    const text = cutToFit(d.text, LIMITS.xPost, xLength);
    return { ...d, text, characters: xLength(text), words: wordCount(text), warnings: [...d.warnings, CUT_WARNING] };
  }
  return d;
}

/**
 * One built-in draft of `source` for `platform`, always within the platform's hard limits
 * (see withinLimits and the script bound in shorts). Throws RangeError when the source has
 * no usable sentence (fewer than four words in every line).
 */
export function draftBuiltIn(source: DraftSource, platform: DraftPlatform, opts: DraftOptions = {}): Draft {
  if (!DRAFT_PLATFORMS.includes(platform)) throw new RangeError(`unknown platform '${platform}'; expected one of ${DRAFT_PLATFORMS.join(', ')}`);
  const p = plan(source, opts);
  if (!p.a.sentences.length) throw new RangeError('source has no usable sentence (need at least one sentence of four or more words)');
  switch (platform) {
    case 'linkedin':
      return withinLimits(linkedin(p, opts));
    case 'x':
      return withinLimits(x(p, opts));
    case 'youtube-shorts':
    case 'short-video':
      return shorts(p, opts, platform);
    case 'youtube-description':
      return withinLimits(youtubeDescription(p, opts, source));
  }
}
