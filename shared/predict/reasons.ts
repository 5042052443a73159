import { DAY_NAMES } from '../posts/time.ts';
import type { Draft } from './features.ts';
import type { SparseVector } from './logistic.ts';
import type { EngagementModelJson } from './model.ts';
import { sourceName } from '../trends/types.ts';
import { domainOf } from './tokenize.ts';

export interface Reason {
  /** Plain words for the user. */
  text: string;
  /** Signed contribution to the log-odds (positive helps). */
  weight: number;
  feature: string;
}

const TERM_WORDS: Record<string, string> = {
  __num: 'titles with numbers',
  __year: 'titles with a year',
  __money: 'titles with an amount of money',
  'show hn': '"Show HN" posts',
  'ask hn': '"Ask HN" posts',
  'tell hn': '"Tell HN" posts',
  pdf: 'PDF links',
  video: 'videos',
};

const FLAG_WORDS: Record<string, string> = {
  'flag:number': 'titles with numbers',
  'flag:starts_number': 'titles that open with a number',
  'flag:question': 'questions',
  'flag:exclaim': 'titles with an exclamation mark',
  'flag:colon': 'titles with a colon',
  'flag:hashtag': 'posts with hashtags',
  'flag:mention': 'posts that mention someone',
  'flag:inline_link': 'posts with a link in the text',
  'flag:caps_word': 'titles with an all-caps word',
  'flag:proper_noun': 'titles naming a person, product or place',
  'flag:title_case': 'titles in Title Case',
  'url:https': 'links to https pages',
  'url:home': 'links to a site\'s home page',
  'url:deep': 'links deep into a site',
  'url:dated': 'links to dated articles',
  'url:pdf': 'PDF links',
  'url:blog': 'links to blogs',
  'flag:positive': 'upbeat wording',
  'flag:negative': 'negative wording',
  'flag:no_link': 'posts without a link',
  'len:short': 'short titles (4 words or fewer)',
  'len:medium': 'titles of 5–8 words',
  'len:long': 'titles of 9–12 words',
  'len:very_long': 'titles over 12 words',
};

/**
 * Function words carry evidence (a "what" often opens a question) but make no reason a
 * writer can act on: "posts with "would" have done well". Their weight stays in the score;
 * a term is worded only when it holds a content word, and a phrase folds only into one.
 */
const FUNCTION_WORDS = new Set(
  'a about after all also am an and any are as at be been before being but by can could did do does for from had has have he her his i if in into is it its just me more most my no not now of off on once only or our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your'.split(' '),
);
const saysSomething = (t: string) => t.startsWith('__') || TERM_WORDS[t] !== undefined || t.split(' ').some((w) => !FUNCTION_WORDS.has(w));

function termPhrase(t: string): string {
  if (TERM_WORDS[t]) return TERM_WORDS[t]!;
  const shown = t.split(' ').map((p) => (p.startsWith('__') ? `<${p.slice(2).replace(/_/g, ' ')}>` : p));
  return `titles with "${shown.join(' ')}"`;
}

function verb(good: boolean, plural = true): string {
  return good ? (plural ? 'do better' : 'does better') : plural ? 'do worse' : 'does worse';
}

function phrase(feature: string, good: boolean, model: EngagementModelJson, d: Draft): string | null {
  const where = model.scope === 'account' ? 'for this account' : `on ${Object.keys(model.thresholds).map(sourceName).join('/') || 'this platform'}`;
  if (feature.startsWith('term:')) return `${termPhrase(feature.slice(5))} have done ${good ? 'well' : 'poorly'} ${where}`;
  if (FLAG_WORDS[feature]) return `${FLAG_WORDS[feature]} ${verb(good)} ${where}`;
  if (feature === 'dom_lift' || feature === 'dom_mean_log') return `links to ${domainOf(d.url ?? '')} have done ${good ? 'well' : 'poorly'}`;
  if (feature === 'author_lift' || feature === 'author_mean_log') return `this author's earlier posts did ${good ? 'well' : 'poorly'}`;
  if (feature === 'author_log_posts') return good ? 'authors who post often here tend to do better' : 'frequent posters here tend to do worse';
  if (feature === 'author_new') return `first posts from a new author ${verb(good)} ${where}`;
  const h = /^hour:(\d+)$/.exec(feature);
  if (h) return `posts around ${h[1]!.padStart(2, '0')}:00 (${model.timeZone}) ${verb(good)} ${where}`;
  const day = /^day:(\d)$/.exec(feature);
  if (day) return `posts on ${DAY_NAMES[Number(day[1])]} ${verb(good)} ${where}`;
  return null;
}

/**
 * The draft's largest contributions to the model's log-odds, in words. Word evidence is
 * split back from the single naive-Bayes feature into its terms so a reason can name
 * the word. Strongest positives come first; the strongest negative is added when it
 * is large, so the user also learns what holds the draft back.
 */
export function explain(model: EngagementModelJson, x: SparseVector, terms: readonly string[], termWeight: (t: string) => number, d: Draft, max: number): Reason[] {
  const parts: Reason[] = [];
  for (const [k, v] of x) {
    if (k === 'nb' || k === 'term_lift') continue;
    const w = (model.lr.weights[k] ?? 0) * v;
    if (w !== 0) parts.push({ feature: k, weight: w, text: '' });
  }
  const weights = new Map<string, number>();
  for (const t of new Set(terms)) weights.set(t, termWeight(t));
  // A phrase that only echoes one of its words ("rust code" when "rust" already helps) is
  // folded into that word, so the reason names what actually matters.
  for (const [t, w] of weights) {
    if (!t.includes(' ') || w === 0) continue;
    const same = t.split(' ').filter((u) => saysSomething(u) && Math.sign(weights.get(u) ?? 0) === Math.sign(w));
    if (!same.length) continue;
    const to = same.sort((a, b) => Math.abs(weights.get(b)!) - Math.abs(weights.get(a)!))[0]!;
    weights.set(to, weights.get(to)! + w);
    weights.set(t, 0);
  }
  for (const [t, w] of weights) if (w !== 0 && saysSomething(t)) parts.push({ feature: `term:${t}`, weight: w, text: '' });
  const MIN = 0.03;
  // Link aggregators are judged by their titles; elsewhere the whole post is the text.
  const noun = Object.keys(model.thresholds).every((p) => p === 'hackernews' || p === 'reddit') ? 'titles' : 'posts';
  const worded = parts
    .filter((p) => Math.abs(p.weight) >= MIN)
    .map((p) => ({ ...p, text: (phrase(p.feature, p.weight > 0, model, d) ?? '').replace(/\btitles\b/g, noun) }))
    .filter((p) => p.text);
  const positives = worded.filter((p) => p.weight > 0).sort((a, b) => b.weight - a.weight);
  const negatives = worded.filter((p) => p.weight < 0).sort((a, b) => a.weight - b.weight);
  const out = positives.slice(0, negatives.length ? max - 1 : max);
  for (const r of [...negatives, ...positives.slice(out.length)]) {
    if (out.length >= max) break;
    out.push(r);
  }
  return out;
}
