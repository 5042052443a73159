import type { Script } from './script.ts';
import { contentWords } from './text.ts';

/** HeyGen's limit on the text of one video. */
export const MAX_SCRIPT_CHARS = 5000;

/** Words no brand video should say; callers add their own. */
export const defaultBlockedWords = ['guaranteed returns', 'get rich quick', 'risk-free', 'miracle cure', '100% guaranteed'];

export interface QualityIssue {
  check: 'length' | 'reading-time' | 'blocked-words' | 'key-message' | 'duration';
  message: string;
}

export interface QualityReport {
  ok: boolean;
  issues: QualityIssue[];
}

/** Reading time may fall short of the target by this much (a short source) but never run over by more than 10 %. */
const MIN_FILL = 0.5;
const MAX_OVERRUN = 1.1;

export function checkScript(script: Script, opts: { keyMessage: string; blockedWords?: string[] }): QualityReport {
  const issues: QualityIssue[] = [];
  if (script.text.length > MAX_SCRIPT_CHARS) {
    issues.push({ check: 'length', message: `script is ${script.text.length} characters; HeyGen accepts at most ${MAX_SCRIPT_CHARS}` });
  }
  if (script.readingSec > script.targetSec * MAX_OVERRUN) {
    issues.push({ check: 'reading-time', message: `script reads in ${script.readingSec} s, over the ${script.targetSec} s target` });
  } else if (script.readingSec < script.targetSec * MIN_FILL) {
    issues.push({ check: 'reading-time', message: `script reads in ${script.readingSec} s, under half the ${script.targetSec} s target: the source is too thin` });
  }
  const blocked = findBlockedWords(script.text, [...defaultBlockedWords, ...(opts.blockedWords ?? [])]);
  if (blocked.length > 0) issues.push({ check: 'blocked-words', message: `script contains blocked words: ${blocked.join(', ')}` });
  if (!containsKeyMessage(script.text, opts.keyMessage)) {
    issues.push({ check: 'key-message', message: `the key message is missing: "${opts.keyMessage}"` });
  }
  return { ok: issues.length === 0, issues };
}

export function findBlockedWords(text: string, blocked: string[]): string[] {
  const lower = text.toLowerCase();
  return [...new Set(blocked.map((b) => b.trim().toLowerCase()).filter(Boolean))].filter((b) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(b)}($|[^\\p{L}\\p{N}])`, 'u').test(lower),
  );
}

/** At least 80 % of the key message's content words appear in the script. */
export function containsKeyMessage(text: string, keyMessage: string): boolean {
  const want = [...new Set(contentWords(keyMessage))];
  if (want.length === 0) return true;
  const have = new Set(contentWords(text));
  return want.filter((w) => have.has(w)).length / want.length >= 0.8;
}

/** After rendering: the video's length is within max(3 s, 20 %) of what the script reads in. */
export function checkDuration(actualSec: number, expectedSec: number): QualityReport {
  const tolerance = Math.max(3, expectedSec * 0.2);
  const ok = Math.abs(actualSec - expectedSec) <= tolerance;
  return ok
    ? { ok, issues: [] }
    : { ok, issues: [{ check: 'duration', message: `rendered ${actualSec} s, expected ${expectedSec} s ± ${Math.round(tolerance * 10) / 10} s` }] };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
