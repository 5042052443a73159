import type { Tone, VideoPlatform } from './formats.ts';
import type { Insights } from './insights.ts';
import { containsKeyMessage, MAX_SCRIPT_CHARS } from './quality.ts';
import { readingSeconds, targetWords, type Script, type ScriptPart } from './script.ts';
import { splitSentences, terminate, wordCount } from './text.ts';

/**
 * The LLM path for video scripts: the prompt (from the extracted insights, so the model
 * works from the source's own claims) and the parsing of the reply into a Script. Pure;
 * the worker only moves bytes. A reply that is unusable returns null and the built-in
 * writer is used instead.
 */

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export function scriptMessages(insights: Insights, opts: { durationSec: number; platform: VideoPlatform; tone: Tone; keyMessage: string; audience?: string }): ChatMessage[] {
  const words = targetWords(opts.durationSec);
  return [
    {
      role: 'system',
      content: [
        'You write spoken scripts for short avatar videos. Plain sentences only: no stage directions, no labels, no emoji, no hashtags, no markdown.',
        `About ${words} words (${opts.durationSec} seconds at 150 words per minute), never more than ${Math.round(words * 1.1)}.`,
        'One sentence per line. The first line is a hook; the last line is a call to action.',
        'Say the key message word for word at least once. Use only facts from the notes.',
      ].join('\n'),
    },
    {
      role: 'user',
      content: [
        `Platform: ${opts.platform}. Tone: ${opts.tone}.${opts.audience ? ` Audience: ${opts.audience}.` : ''}`,
        `Topic: ${insights.topic}`,
        `Key message: ${opts.keyMessage}`,
        'Notes:',
        ...insights.insights.map((s) => `- ${s}`),
      ].join('\n'),
    },
  ];
}

export function parseLlmScript(reply: string, opts: { durationSec: number; keyMessage: string }): Script | null {
  const text = reply
    .replace(/\r\n?/g, '\n')
    .replace(/^```[a-z]*\n([\s\S]*?)\n```$/im, '$1')
    .split('\n')
    // Drop labels models add despite instructions ("Hook:", "Scene 2 (3–10 s):", "- ").
    .map((l) => l.replace(/^\s*(?:[-*•]\s+|\d+[.)]\s+|(?:hook|scene \d+|beat \d+|close|cta|outro|intro)\b[^:]*:\s*)/i, '').replace(/[*_#]/g, '').trim())
    .filter(Boolean)
    .join(' ');
  const sentences = splitSentences(text).map(terminate);
  if (sentences.length < 2) return null;
  const budget = Math.round(targetWords(opts.durationSec) * 1.1);
  // Over budget: drop sentences from the middle, keeping the hook and the call to action.
  while (sentences.length > 2 && sentences.reduce((n, s) => n + wordCount(s), 0) > budget) {
    const dropAt = sentences.findIndex((s, i) => i > 0 && i < sentences.length - 1 && !containsKeyMessage(s, opts.keyMessage));
    if (dropAt < 0) break;
    sentences.splice(dropAt, 1);
  }
  const parts: ScriptPart[] = sentences.map((s, i) => ({
    role: i === 0 ? 'hook' : i === sentences.length - 1 ? 'close' : containsKeyMessage(s, opts.keyMessage) ? 'key' : 'point',
    text: s,
  }));
  const joined = sentences.join(' ');
  if (joined.length > MAX_SCRIPT_CHARS) return null;
  return { parts, text: joined, words: wordCount(joined), readingSec: readingSeconds(joined), targetSec: opts.durationSec, generator: 'llm' };
}
