import { domainOf } from './tokenize.ts';
import { zonedParts } from '../posts/time.ts';
import { sentimentOf } from '../trends/sentiment.ts';
import type { SparseVector } from './logistic.ts';

/** What is known about a draft before it is published. */
export interface Draft {
  text: string;
  url?: string;
  author?: string;
  /** ISO 8601; when absent the time features are left out. */
  publishedAt?: string;
}

/** Running label statistics for one key (a domain, an author), from earlier posts only. */
export interface KeyStats {
  n: number;
  /** Posts that landed in the top quartile. */
  hits: number;
  /** Sum of log1p(engagement). */
  sumLog: number;
}

export interface FeatureContext {
  timeZone: string;
  /** Top-quartile base rate of the training posts. */
  baseRate: number;
  /** Mean log1p(engagement) of the training posts. */
  meanLog: number;
  /** Pseudo-count pulling a key's rate toward the base rate. */
  shrink: number;
  /** Off for one account's own model: there the author is a constant (and its post count only a clock). */
  authorFeatures: boolean;
  domain(d: string): KeyStats | undefined;
  author(a: string): KeyStats | undefined;
}

const logitOf = (p: number) => Math.log(p / (1 - p));

/** Empirical-Bayes (beta prior with `shrink` pseudo-posts) log-odds lift of a key over the base rate. */
export function shrunkLift(s: KeyStats | undefined, ctx: FeatureContext): number {
  if (!s || s.n === 0) return 0;
  const p = (s.hits + ctx.shrink * ctx.baseRate) / (s.n + ctx.shrink);
  return logitOf(p) - logitOf(ctx.baseRate);
}

/**
 * Text-shape flags, each with a plain-words name used by the reasons. Kept to surface
 * properties a writer can act on (add a number, ask a question, shorten the title).
 */
export function shapeFlags(text: string, url: string): Record<string, number> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const sentiment = sentimentOf(text) ?? 0;
  const f: Record<string, number> = {};
  if (/\d/.test(text)) f['flag:number'] = 1;
  if (/^\s*\d/.test(text)) f['flag:starts_number'] = 1;
  if (/\?\s*$/.test(text)) f['flag:question'] = 1;
  if (/!/.test(text)) f['flag:exclaim'] = 1;
  if (/:/.test(text)) f['flag:colon'] = 1;
  if (/#\w/.test(text)) f['flag:hashtag'] = 1;
  if (/(^|\s)@\w/.test(text)) f['flag:mention'] = 1;
  if (/https?:\/\//.test(text)) f['flag:inline_link'] = 1;
  if (/\b[A-Z]{3,}\b/.test(text)) f['flag:caps_word'] = 1;
  // Capitalised words past the first: a cheap stand-in for named entities in titles.
  if (words.slice(1).some((w) => /^[A-Z][a-z]+/.test(w)) && !words.every((w) => /^[A-Z]/.test(w))) f['flag:proper_noun'] = 1;
  const letters = words.filter((w) => /^[A-Za-z]/.test(w) && w.length > 3);
  // Title Case on most longer words reads as a headline or press release.
  if (letters.length >= 3 && letters.filter((w) => /^[A-Z]/.test(w)).length >= 0.8 * letters.length) f['flag:title_case'] = 1;
  if (sentiment > 0) f['flag:positive'] = 1;
  if (sentiment < 0) f['flag:negative'] = 1;
  if (!url) f['flag:no_link'] = 1;
  else {
    const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
    const segments = path.split(/[?#]/)[0]!.split('/').filter(Boolean);
    if (/^https:/i.test(url)) f['url:https'] = 1;
    if (segments.length === 0) f['url:home'] = 1;
    if (segments.length >= 4) f['url:deep'] = 1;
    // A dated path (/2013/04/…) is an article, often an old one.
    if (segments.some((s) => /^(19|20)\d\d$/.test(s))) f['url:dated'] = 1;
    if (/\.pdf$/i.test(segments[segments.length - 1] ?? '')) f['url:pdf'] = 1;
    if (/blog/i.test(url)) f['url:blog'] = 1;
  }
  const n = words.length;
  f[`len:${n <= 4 ? 'short' : n <= 8 ? 'medium' : n <= 12 ? 'long' : 'very_long'}`] = 1;
  return f;
}

/**
 * The structured features of a draft. Words are not here: they enter the model as two
 * text scores (naive-Bayes evidence and term lift, see model.ts), which validated better
 * on later posts than thousands of per-word weights and keep the model small. Domain and
 * author enter as shrunk track records rather than one-hot columns for the same reason.
 */
export function draftFeatures(d: Draft, ctx: FeatureContext): SparseVector {
  const x: SparseVector = new Map();
  const url = d.url ?? '';
  for (const [k, v] of Object.entries(shapeFlags(d.text, url))) x.set(k, v);
  const dom = domainOf(url);
  if (dom) {
    const ds = ctx.domain(dom);
    x.set('dom_lift', shrunkLift(ds, ctx));
    if (ds && ds.n > 0) x.set('dom_mean_log', (ds.sumLog + ctx.shrink * ctx.meanLog) / (ds.n + ctx.shrink) - ctx.meanLog);
  }
  if (d.author && ctx.authorFeatures) {
    const s = ctx.author(d.author);
    x.set('author_lift', shrunkLift(s, ctx));
    if (s && s.n > 0) {
      x.set('author_log_posts', Math.log1p(s.n));
      const shrunkMean = (s.sumLog + ctx.shrink * ctx.meanLog) / (s.n + ctx.shrink);
      x.set('author_mean_log', shrunkMean - ctx.meanLog);
    } else x.set('author_new', 1);
  }
  if (d.publishedAt) {
    const ms = Date.parse(d.publishedAt);
    if (Number.isFinite(ms)) {
      const p = zonedParts(ms, ctx.timeZone);
      x.set(`hour:${p.hour}`, 1);
      x.set(`day:${p.weekday}`, 1);
    }
  }
  return x;
}

/** Every 0/1 key `shapeFlags` can set, in a fixed order for the dense vector (length buckets are covered by `words`). */
export const FLAG_KEYS = [
  'flag:number', 'flag:starts_number', 'flag:question', 'flag:exclaim', 'flag:colon', 'flag:hashtag', 'flag:mention',
  'flag:inline_link', 'flag:caps_word', 'flag:proper_noun', 'flag:title_case', 'flag:positive', 'flag:negative',
  'flag:no_link', 'url:https', 'url:home', 'url:deep', 'url:dated', 'url:pdf', 'url:blog',
] as const;

/** Inputs of the boosted-tree stage, by name; a model stores the order it was trained with. */
export const DENSE_FEATURES = [
  'nb', 'term_lift',
  'dom_lift', 'dom_mean_log', 'dom_log_posts',
  'author_lift', 'author_mean_log', 'author_log_posts',
  'hour', 'weekday', 'words', 'chars',
  ...FLAG_KEYS,
] as const;

/**
 * The draft as named numbers for the boosted trees. Unlike the sparse vector, unknowns are
 * NaN rather than absent (no link: no domain record; no time: no hour), so a tree can send
 * them their own way; counts enter as log1p so a split means the same on any data size.
 */
export function denseFeatures(d: Draft, ctx: FeatureContext, text: { nb: number; lift: number }): Record<string, number> {
  const url = d.url ?? '';
  const x: Record<string, number> = { nb: text.nb, term_lift: text.lift };
  const dom = domainOf(url);
  const ds = dom ? ctx.domain(dom) : undefined;
  x.dom_lift = dom ? shrunkLift(ds, ctx) : NaN;
  x.dom_mean_log = ds && ds.n > 0 ? (ds.sumLog + ctx.shrink * ctx.meanLog) / (ds.n + ctx.shrink) - ctx.meanLog : NaN;
  x.dom_log_posts = dom ? Math.log1p(ds?.n ?? 0) : NaN;
  const as = d.author && ctx.authorFeatures ? ctx.author(d.author) : undefined;
  const authorKnown = Boolean(d.author && ctx.authorFeatures);
  x.author_lift = authorKnown ? shrunkLift(as, ctx) : NaN;
  x.author_mean_log = as && as.n > 0 ? (as.sumLog + ctx.shrink * ctx.meanLog) / (as.n + ctx.shrink) - ctx.meanLog : NaN;
  x.author_log_posts = authorKnown ? Math.log1p(as?.n ?? 0) : NaN;
  const ms = d.publishedAt ? Date.parse(d.publishedAt) : NaN;
  const p = Number.isFinite(ms) ? zonedParts(ms, ctx.timeZone) : null;
  x.hour = p ? p.hour : NaN;
  x.weekday = p ? p.weekday : NaN;
  x.words = d.text.trim().split(/\s+/).filter(Boolean).length;
  x.chars = d.text.length;
  const flags = shapeFlags(d.text, url);
  for (const k of FLAG_KEYS) x[k] = flags[k] ?? 0;
  return x;
}
