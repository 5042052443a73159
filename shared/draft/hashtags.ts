import type { StyleProfile } from '../style/profile.ts';
import type { SourceAnalysis } from './keypoints.ts';

/**
 * Hashtags per platform norms: X 1–2 (more reads as spam and costs characters), LinkedIn
 * 3–5 (its own guidance), YouTube 3 (the first three in a description show above the
 * title). A workspace that habitually uses one of its own tags on this topic gets that tag
 * first; the rest come from the source's core keyphrases, names before everyday words.
 */

export const HASHTAG_RANGE: Record<string, { min: number; max: number }> = {
  x: { min: 1, max: 2 },
  linkedin: { min: 3, max: 5 },
  'youtube-description': { min: 3, max: 3 },
  'youtube-shorts': { min: 3, max: 3 },
  'short-video': { min: 2, max: 4 },
};

export function toHashtag(phrase: string): string | null {
  const words = phrase
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return null;
  // Names keep their own casing (iCloud, GitHub); plain words get a capital per word.
  const tag = words.map((w, i) => (/\p{Lu}/u.test(w) ? (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)) : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  // A tag of digits only is not a hashtag on any platform; very long ones nobody searches.
  if (/^\d+$/.test(tag) || tag.length < 2 || tag.length > 30) return null;
  return `#${tag}`;
}

export function hashtagsFor(platform: string, a: SourceAnalysis, style?: StyleProfile | null, count?: number): string[] {
  const range = HASHTAG_RANGE[platform] ?? { min: 2, max: 3 };
  // The account's habit nudges the count within the platform's range.
  const habitual = style && style.posts >= 5 ? Math.round(style.hashtags.perPost) : null;
  const n = Math.max(range.min, Math.min(range.max, count ?? habitual ?? range.max));
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (tag: string | null) => {
    if (!tag || seen.has(tag.toLowerCase()) || out.length >= n) return;
    seen.add(tag.toLowerCase());
    out.push(tag);
  };
  const coreWords = new Set(a.core.flatMap((c) => c.key.split(' ')));
  for (const own of style?.hashtags.top ?? []) {
    const bare = own.replace(/^#/, '').toLowerCase();
    if ([...coreWords].some((w) => w.length > 3 && bare.includes(w))) push(own);
  }
  for (const c of a.core) {
    // Three-word tags ("#ProductionNetworkDriver") are seldom searched; names are the exception.
    if (c.kind === 'common' || (c.key.split(' ').length > 2 && c.kind !== 'entity' && c.kind !== 'code')) continue;
    // "mode" alone says less than the phrase it came from ("dark mode").
    const wider = c.key.includes(' ') ? undefined : a.core.find((o) => o.key.split(' ').length === 2 && o.key.split(' ').includes(c.key));
    push(toHashtag((wider ?? c).display));
  }
  for (const c of a.core) if (c.key.split(' ').length <= 2) push(toHashtag(c.display));
  return out;
}
