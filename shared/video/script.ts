import type { VideoPlatform, Tone } from './formats.ts';
import type { Insights } from './insights.ts';
import { capitalise, terminate, wordCount, words } from './text.ts';

/** Average narration pace of HeyGen's stock voices at speed 1.0. */
export const WORDS_PER_MINUTE = 150;

export interface ScriptPart {
  role: 'hook' | 'key' | 'point' | 'close';
  text: string;
}

export interface Script {
  parts: ScriptPart[];
  text: string;
  words: number;
  /** Seconds at WORDS_PER_MINUTE. */
  readingSec: number;
  targetSec: number;
  generator: 'built-in' | 'llm';
}

export function targetWords(durationSec: number, wpm = WORDS_PER_MINUTE): number {
  return Math.round((durationSec * wpm) / 60);
}

export function readingSeconds(text: string, wpm = WORDS_PER_MINUTE): number {
  return Math.round((wordCount(text) / wpm) * 60 * 10) / 10;
}

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth'];
const MAX_POINT_WORDS = 32;

function hook(tone: Tone, topic: string, points: number, durationSec: number): string {
  switch (tone) {
    case 'energetic':
      return `Stop scrolling: here is what is changing in ${topic}, and why it matters.`;
    case 'casual':
      return `Let's talk about ${topic} for a minute.`;
    case 'educational':
      return points > 1
        ? `In the next ${durationSec} seconds, you will learn ${numberWord(points)} things about ${topic}.`
        : `In the next ${durationSec} seconds, you will learn what is new in ${topic}.`;
    case 'professional':
      return `Here is what you need to know about ${topic}.`;
  }
}

function close(platform: VideoPlatform, topic: string): string {
  switch (platform) {
    case 'linkedin':
      return 'What is your take? Share it in the comments.';
    case 'youtube':
      return `Subscribe for more breakdowns on ${topic}.`;
    case 'x':
      return 'Repost if this was useful.';
    default:
      return `Follow for more on ${topic}.`;
  }
}

function numberWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five', 'six'][n] ?? String(n);
}

/** Shortens an over-long sentence at its last clause boundary within the limit. */
function clip(sentence: string, maxWords: number): string {
  const w = words(sentence);
  if (w.length <= maxWords) return sentence;
  const tokens = sentence.split(/\s+/);
  const head = tokens.slice(0, maxWords);
  for (let i = head.length - 1; i >= Math.floor(maxWords / 2); i--) {
    if (/[,;:]$/.test(head[i]!)) return terminate(head.slice(0, i + 1).join(' '));
  }
  return terminate(head.join(' '));
}

/**
 * Labels end in a colon so every extracted sentence keeps its own capitalisation: a name
 * at the start of a sentence is never lower-cased by mistake.
 *
 * The built-in script writer: hook, key message, numbered points, the key message again,
 * and a platform call to action, sized to the target by words per minute. Deterministic:
 * the same insights always give the same script, so a retried job renders the same words.
 */
export function buildScript(
  insights: Insights,
  opts: { durationSec: number; platform: VideoPlatform; tone: Tone; keyMessage?: string },
): Script {
  const budget = targetWords(opts.durationSec);
  const key = terminate(opts.keyMessage ?? insights.keyMessage);
  const keyNorm = key.toLowerCase();
  const candidates = insights.insights.filter((s) => s.toLowerCase() !== keyNorm).map((s) => clip(s, MAX_POINT_WORDS));

  const closing = close(opts.platform, insights.topic);
  const keyLine = `The short version: ${key}`;
  const recap = `Remember: ${key}`;
  // Short videos cannot afford the recap; it goes first when the budget is tight.
  const fixedWithRecap = wordCount(keyLine) + wordCount(recap) + wordCount(closing) + 14;
  const useRecap = budget >= fixedWithRecap + 25;
  let remaining = budget - wordCount(keyLine) - wordCount(closing) - 14 - (useRecap ? wordCount(recap) : 0);

  const points: string[] = [];
  for (const c of candidates) {
    if (points.length >= ORDINALS.length) break;
    const n = wordCount(c) + 1;
    if (n > remaining) continue;
    points.push(c);
    remaining -= n;
  }

  const parts: ScriptPart[] = [{ role: 'hook', text: hook(opts.tone, insights.topic, points.length, opts.durationSec) }];
  parts.push({ role: 'key', text: keyLine });
  points.forEach((p, i) => {
    const label = points.length === 1 ? 'Why it matters' : i === points.length - 1 && i > 0 ? 'Finally' : ORDINALS[i]!;
    parts.push({ role: 'point', text: `${label}: ${p}` });
  });
  if (useRecap) parts.push({ role: 'close', text: recap });
  parts.push({ role: 'close', text: closing });

  const text = parts.map((p) => capitalise(p.text)).join(' ');
  return { parts, text, words: wordCount(text), readingSec: readingSeconds(text), targetSec: opts.durationSec, generator: 'built-in' };
}
