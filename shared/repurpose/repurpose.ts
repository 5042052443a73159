import { draftBuiltIn, DRAFT_PLATFORMS, HOOK_STYLES, LIMITS, type Draft, type DraftPlatform, type HookStyle } from '../draft/draft.ts';
import { HASHTAG_RANGE } from '../draft/hashtags.ts';
import { analyseSource, type SourceAnalysis } from '../draft/keypoints.ts';
import { lintDraft, xLength } from '../draft/text.ts';
import type { StyleProfile } from '../style/profile.ts';
import { MESSAGE_THRESHOLD, messageScore, type MessageScore } from './message.ts';

/**
 * Repurpose one piece into every platform's form, with A/B variants that open and order
 * differently. Each variant is checked against the platform's limits, the draft lint and
 * the message-preservation score; a failing variant is returned with `rejected` set and
 * the reason, never silently dropped, so the caller can show why fewer variants came back.
 */

export interface RepurposeOptions {
  /** Variants per platform (1–3): hooks lead, question, list in that order. */
  variants?: number;
  style?: StyleProfile | null;
  threshold?: number;
  title?: string | null;
  url?: string | null;
}

export interface Variant {
  platform: DraftPlatform;
  variant: string;
  generator: Draft['generator'];
  label: string;
  text: string;
  parts?: string[];
  title?: string;
  hashtags: string[];
  characters: number;
  words: number;
  hook: HookStyle;
  messageScore: number;
  message: MessageScore;
  accepted: boolean;
  rejected?: string;
  warnings: string[];
}

export interface RepurposeResult {
  variants: Variant[];
  threshold: number;
  /** The source's core keyphrases with their weights, so a score can be traced back. */
  core: { key: string; weight: number }[];
}

/** Problems with a draft against its platform's rules; empty when it complies. */
export function platformProblems(d: Pick<Draft, 'platform' | 'text' | 'parts' | 'hashtags' | 'words'>): string[] {
  const out: string[] = [];
  const tags = HASHTAG_RANGE[d.platform];
  if (tags && (d.hashtags.length < tags.min || d.hashtags.length > tags.max)) out.push(`${d.hashtags.length} hashtags (norm for ${d.platform}: ${tags.min}–${tags.max})`);
  switch (d.platform) {
    case 'x': {
      const posts = d.parts ?? [d.text];
      posts.forEach((p, i) => {
        if (xLength(p) > LIMITS.xPost) out.push(`post ${i + 1} is ${xLength(p)} characters (max ${LIMITS.xPost})`);
      });
      if (d.parts && d.parts.some((p, i) => !p.endsWith(`${i + 1}/${d.parts!.length}`))) out.push('thread parts are not numbered i/n');
      break;
    }
    case 'linkedin': {
      if (d.text.length > LIMITS.linkedin) out.push(`${d.text.length} characters (max ${LIMITS.linkedin})`);
      const firstTwo = d.text.split('\n').slice(0, 2).join('\n');
      const hook = firstTwo.split('\n\n')[0] ?? '';
      if (!hook.trim() || hook.length > LIMITS.linkedinFold) out.push(`no hook within the first two lines (first block is ${hook.length} characters, fold at ${LIMITS.linkedinFold})`);
      break;
    }
    case 'youtube-shorts':
    case 'short-video': {
      const target = d.platform === 'youtube-shorts' ? LIMITS.shortsWords : LIMITS.shortVideoWords;
      const low = Math.round(target * (1 - LIMITS.shortsTolerance));
      const high = Math.round(target * (1 + LIMITS.shortsTolerance));
      if (d.words < low || d.words > high) out.push(`${d.words} spoken words (target ${target}, ${low}–${high})`);
      break;
    }
    case 'youtube-description':
      if (d.text.length > LIMITS.youtubeDescription) out.push(`${d.text.length} characters (max ${LIMITS.youtubeDescription})`);
      break;
  }
  return out;
}

/** Scores and checks one finished draft (built-in or LLM) against a source analysis. */
export function judgeVariant(a: SourceAnalysis, d: Draft, variant: string, threshold = MESSAGE_THRESHOLD): Variant {
  const message = messageScore(a, d.text);
  const problems = [...platformProblems(d), ...lintDraft(d.text).map((i) => `${i.rule}: "${i.sentence.slice(0, 60)}"`)];
  if (message.score < threshold) {
    problems.unshift(`message score ${message.score.toFixed(2)} below ${threshold} (missing: ${message.missing.slice(0, 4).join(', ') || 'none'}${message.introduced.length ? `; introduced: ${message.introduced.slice(0, 4).join(', ')}` : ''})`);
  }
  return {
    platform: d.platform,
    variant,
    generator: d.generator,
    label: d.label,
    text: d.text,
    ...(d.parts ? { parts: d.parts } : {}),
    ...(d.title ? { title: d.title } : {}),
    hashtags: d.hashtags,
    characters: d.characters,
    words: d.words,
    hook: d.hook,
    messageScore: Math.round(message.score * 1000) / 1000,
    message,
    accepted: problems.length === 0,
    ...(problems.length ? { rejected: problems.join('; ') } : {}),
    warnings: d.warnings,
  };
}

export function parsePlatforms(list: string): DraftPlatform[] {
  const out: DraftPlatform[] = [];
  for (const raw of list.split(',')) {
    const p = raw.trim().toLowerCase();
    if (!p) continue;
    if (!(DRAFT_PLATFORMS as readonly string[]).includes(p)) throw new RangeError(`unknown platform '${p}'; expected one of ${DRAFT_PLATFORMS.join(', ')}`);
    if (!out.includes(p as DraftPlatform)) out.push(p as DraftPlatform);
  }
  if (!out.length) throw new RangeError('no platform given');
  return out;
}

export function repurpose(text: string, platforms: readonly DraftPlatform[], opts: RepurposeOptions = {}): RepurposeResult {
  const n = opts.variants ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > HOOK_STYLES.length) throw new RangeError(`variants must be 1–${HOOK_STYLES.length}`);
  const threshold = opts.threshold ?? MESSAGE_THRESHOLD;
  const a = analyseSource(text, { title: opts.title ?? null });
  if (!a.sentences.length) throw new RangeError('source has no usable sentence (need at least one sentence of four or more words)');
  const variants: Variant[] = [];
  for (const platform of platforms) {
    for (let i = 0; i < n; i++) {
      const hook = HOOK_STYLES[i]!;
      // Variant B and C also change the order of the points, not just the opening line.
      const order = i % 2 === 0 ? 'rank' : 'source';
      const d = draftBuiltIn({ kind: 'text', text, title: opts.title ?? null, url: opts.url ?? null }, platform, { hook, order, style: opts.style ?? null, analysis: a });
      variants.push(judgeVariant(a, d, String.fromCharCode(65 + i), threshold));
    }
  }
  return { variants, threshold, core: a.core.map((c) => ({ key: c.key, weight: Math.round(c.weight * 1000) / 1000 })) };
}
