import type { Scene } from './scenes.ts';

export interface Cue {
  startSec: number;
  endSec: number;
  text: string;
}

/** Short-form captions read best at about 7 words (two short lines) per cue. */
const WORDS_PER_CUE = 7;
const MAX_LINE_CHARS = 32;

/** Caption cues timed within each scene by word position. */
export function captionCues(scenes: Scene[]): Cue[] {
  const cues: Cue[] = [];
  for (const scene of scenes) {
    const tokens = scene.text.split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const perWord = (scene.endSec - scene.startSec) / tokens.length;
    for (let i = 0; i < tokens.length; i += WORDS_PER_CUE) {
      const chunk = tokens.slice(i, i + WORDS_PER_CUE);
      cues.push({
        startSec: scene.startSec + i * perWord,
        endSec: scene.startSec + (i + chunk.length) * perWord,
        text: wrap(chunk.join(' ')),
      });
    }
  }
  return cues;
}

function wrap(text: string): string {
  if (text.length <= MAX_LINE_CHARS) return text;
  const tokens = text.split(' ');
  let best = 1;
  let bestDiff = Infinity;
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens.slice(0, i).join(' ').length;
    const diff = Math.abs(text.length - 2 * a);
    if (diff < bestDiff) {
      bestDiff = diff;
      best = i;
    }
  }
  return `${tokens.slice(0, best).join(' ')}\n${tokens.slice(best).join(' ')}`;
}

/** SubRip: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, blank line between cues. */
export function toSrt(cues: Cue[]): string {
  return cues.map((c, i) => `${i + 1}\n${timestamp(c.startSec)} --> ${timestamp(c.endSec)}\n${c.text}\n`).join('\n');
}

export function timestamp(sec: number): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)},${pad(ms % 1000, 3)}`;
}
