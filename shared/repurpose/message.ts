import { extractKeyphrases, singular } from '../trends/keyphrases.ts';
import type { SourceAnalysis } from '../draft/keypoints.ts';
import { splitSentences } from '../draft/text.ts';

/**
 * Does a variant keep the source's core message? Measured as
 *
 *   messageScore = recall × (1 − ½ · drift)
 *
 * - recall: weighted recall of the source's core keyphrases (draft/keypoints.ts: up to 8,
 *   weights sum to 1, so the main topic counts most). A key counts fully when its words
 *   appear in the variant in order (after lowercasing and singularising, so "passkeys" and
 *   "Passkey" match); a multi-word key whose words are all present but not together counts
 *   half, and so does the same share of a partly present one.
 * - drift: the share of the variant's own topic words (keyphrases that are names, code
 *   words or specific terms) that the source never mentions. A rewrite that brings in new
 *   subjects, the usual LLM failure, loses up to half its score.
 *
 * Hashtags, thread counters and script labels are left out: a tag line alone must not
 * pass for keeping the message.
 */

export interface MessageScore {
  score: number;
  recall: number;
  drift: number;
  /** Core keys the variant does not carry, strongest first. */
  missing: string[];
  /** New topic words the variant introduced. */
  introduced: string[];
}

/**
 * Default acceptance threshold. Half the weighted message must survive: with weights led
 * by the main topic, a variant below this has typically lost the main topic or most of the
 * supporting points. Shared with the LLM path so both kinds of draft pass the same bar.
 */
export const MESSAGE_THRESHOLD = 0.5;

/** Lowercase singular words, hyphenated compounds split, for matching keys as sequences. */
export function normWords(text: string): string[] {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(\p{L})['’]s\b/gu, '$1')
    // "APIs" is the plural of the acronym, keyed "api" by the keyphrase extractor.
    .replace(/\b(\p{Lu}{2,6})s\b/gu, '$1')
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#.]+|(?<=\p{L})\.(?=\s|$)/u)
    .map((w) => w.replace(/^[.#]+|[.]+$/g, ''))
    .filter(Boolean)
    .map((w) => singular(w));
}

/** The prose of a variant: no hashtags, thread counters, script labels or on-screen cues. */
export function variantProse(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*On screen:/.test(l))
    .map((l) => l.replace(/^[\p{L}\p{N} ]{2,24}\s\([^)]*\):\s*/u, '').replace(/(^|\s)#[\p{L}\p{N}_]+/gu, ' ').replace(/^\s*\d+\/\d+\s*$/, ''))
    .join('\n');
}

function containsSequence(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

let sourceWordCache: WeakMap<SourceAnalysis, Set<string>> = new WeakMap();

function sourceWords(a: SourceAnalysis): Set<string> {
  let s = sourceWordCache.get(a);
  if (!s) {
    s = new Set(normWords([a.title ?? '', ...a.sentences].join(' ')));
    sourceWordCache.set(a, s);
  }
  return s;
}

export function messageScore(source: SourceAnalysis, variantText: string): MessageScore {
  const prose = variantProse(variantText);
  const words = normWords(prose);
  const present = new Set(words);
  let recall = 0;
  const missing: string[] = [];
  for (const c of source.core) {
    const kw = c.key.split(' ').map((w) => singular(w));
    let credit: number;
    if (containsSequence(words, kw)) credit = 1;
    else credit = 0.5 * (kw.filter((w) => present.has(w)).length / kw.length);
    recall += c.weight * credit;
    if (credit < 1) missing.push(c.key);
  }
  const known = sourceWords(source);
  const topical = new Set<string>();
  for (const s of splitSentences(prose)) {
    for (const k of extractKeyphrases(s)) {
      if (k.kind === 'common' || k.key.includes(' ')) continue;
      topical.add(k.key);
    }
  }
  const introduced = [...topical].filter((k) => !known.has(k) && !known.has(singular(k)));
  const drift = topical.size ? introduced.length / topical.size : 0;
  const score = Math.max(0, Math.min(1, recall * (1 - 0.5 * drift)));
  return { score, recall, drift, missing, introduced };
}

/** Test hook: analyses are usually short-lived, but tests may reuse one across many calls. */
export function resetMessageCache(): void {
  sourceWordCache = new WeakMap();
}
