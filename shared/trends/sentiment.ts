/**
 * Lexicon sentiment of short texts (titles), -1..1.
 *
 * compromise has no sentiment model, so this is a small hand-made valence list in the
 * AFINN style (integers -3..3), written for the words that colour tech and news headlines.
 * It is deliberately small: it tells "breach", "lawsuit", "layoffs" from "launch",
 * "faster", "love", and says nothing (null) about a title it has no words for.
 */

// A Map, not an object literal: a title saying "constructor" must not read Object.prototype's.
const valence = new Map<string, number>();
const groups: [number, string][] = [
  [3, 'amazing awesome brilliant excellent fantastic incredible outstanding superb wonderful breakthrough triumph thrilled delighted love loved loving'],
  [2, 'good great nice happy excited exciting impressive beautiful elegant faster fast win wins won winning success successful celebrate celebrates best better improve improved improves improvement boost boosts record free thanks thank helpful fun cool legalized legalizes legalize wholesome cute heartwarming hero heroes rescue rescued saved'],
  [1, 'launch launches launched release released ship ships shipped new growth grow grows growing gain gains easy simple clean safe secure stable support supports useful solved fix fixes fixed upgrade help helps hope hopeful agree approve approved'],
  [-1, 'slow slower bug bugs issue issues problem problems delay delayed deprecated deprecate hard difficult confusing concern concerns worry warn warns warning risk risky lose loses lost decline declines drop drops weird bad'],
  [-2, 'fail fails failed failure broken crash crashes crashed outage leak leaks leaked breach vulnerability exploit exploited hack hacked lawsuit sue sued sues fined ban banned bans layoffs layoff fired scam fraud angry hate hated terrible awful poor worse wrong dangerous harmful toxic sad shame protest protests arrested killed dead death dies died war attack attacks'],
  [-3, 'worst disaster catastrophic horrible disgusting evil murder murdered tragedy tragic devastating abuse'],
];
for (const [score, words] of groups) for (const w of words.split(' ')) valence.set(w, score);

const negators = new Set(['not', 'no', 'never', "don't", "doesn't", "isn't", "wasn't", "won't", "can't", 'without', 'nobody', 'nothing']);
const intensifiers = new Set(['very', 'really', 'extremely', 'incredibly', 'so', 'super', 'totally']);

/**
 * Sum of valences (a negator within the two previous words flips a word's sign, an
 * intensifier scales it by 1.5), squashed to -1..1 by x/sqrt(x²+α) as VADER does, so one
 * strong word moves a short title clearly and several do not run past ±1.
 * Returns null when the text has no lexicon word.
 */
export function sentimentOf(text: string): number | null {
  const words = text.toLowerCase().match(/[a-z']+/g);
  if (!words) return null;
  let sum = 0;
  let hits = 0;
  for (let i = 0; i < words.length; i++) {
    const v = valence.get(words[i]!);
    if (v === undefined) continue;
    let s = v;
    if (negators.has(words[i - 1] ?? '') || negators.has(words[i - 2] ?? '')) s = -s * 0.75;
    if (intensifiers.has(words[i - 1] ?? '')) s *= 1.5;
    sum += s;
    hits++;
  }
  if (hits === 0) return null;
  return sum / Math.sqrt(sum * sum + 15);
}
