import type { Script } from './script.ts';
import { WORDS_PER_MINUTE } from './script.ts';
import { capitalise, splitSentences, wordCount } from './text.ts';

export interface Scene {
  index: number;
  role: 'hook' | 'key' | 'point' | 'close';
  text: string;
  startSec: number;
  endSec: number;
}

/** HeyGen accepts 1–50 scenes per video. */
export const MAX_SCENES = 50;
const MAX_SCENE_WORDS = 45;

/**
 * One scene per script part (a hook, each point and the close get their own cut, which
 * is where a short video changes framing); parts longer than MAX_SCENE_WORDS split at
 * sentence boundaries. Timings follow words per minute.
 */
export function splitScenes(script: Script, wpm = WORDS_PER_MINUTE): Scene[] {
  const chunks: { role: Scene['role']; text: string }[] = [];
  for (const part of script.parts) {
    let current = '';
    for (const sentence of splitSentences(capitalise(part.text))) {
      if (current && wordCount(current) + wordCount(sentence) > MAX_SCENE_WORDS) {
        chunks.push({ role: part.role, text: current });
        current = sentence;
      } else current = current ? `${current} ${sentence}` : sentence;
    }
    if (current) chunks.push({ role: part.role, text: current });
  }
  // Merge from the end if a very long script would exceed the API's scene limit.
  while (chunks.length > MAX_SCENES) {
    const last = chunks.pop()!;
    chunks[chunks.length - 1]!.text += ` ${last.text}`;
  }
  let t = 0;
  return chunks.map((c, index) => {
    const start = t;
    t += (wordCount(c.text) / wpm) * 60;
    return { index, role: c.role, text: c.text, startSec: round(start), endSec: round(t) };
  });
}

const round = (n: number) => Math.round(n * 1000) / 1000;
