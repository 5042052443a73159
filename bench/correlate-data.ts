/**
 * Observations for bench/correlate and the real-data correlation test: Hacker News posts,
 * Reddit hourly snapshots and GitHub trending days from ../shared/data when present, else a
 * seeded synthetic stream. Never copies the data: it is read where it lies.
 *
 * The three sets come from different years (HN 2015–16, Reddit 2023–24, GitHub 2025–26), so
 * each source's rows are rebased: shifted to end at `now` and, when they span more than the
 * window, compressed into it. Order and spacing within a source stay real.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Observation, TrendSource } from '../shared/trends/types.ts';

export const dataDir = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data');
const hourMs = 3_600_000;

/** RFC 4180 rows (quoted fields, doubled quotes, commas and newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function records(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  if (!header) return [];
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
}

function num(s: string | undefined): number | null {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** HN's `M/D/YYYY H:MM` (timezone unstated: read as UTC). */
function parseHnDate(s: string): number | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(s.trim());
  return m ? Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!) : null;
}

export function loadHackerNews(): Observation[] {
  const out: Observation[] = [];
  for (const r of records(path.join(dataDir, 'hackernews', 'posts.csv'))) {
    const created = parseHnDate(r.created_at ?? '');
    if (created === null || !r.title) continue;
    // The set holds each post's final counts, read here as seen six hours after posting.
    out.push({ source: 'hackernews', externalId: r.id!, title: r.title, text: null, url: r.url || null, score: num(r.num_points), comments: num(r.num_comments), createdAt: created, observedAt: created + 6 * hourMs });
  }
  return out;
}

export function loadReddit(): Observation[] {
  const out: Observation[] = [];
  for (const r of records(path.join(dataDir, 'reddit-hourly', 'snapshots.csv'))) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})$/.exec(r.date ?? '');
    const created = num(r.created);
    if (!m || created === null || !r.title) continue;
    out.push({ source: 'reddit', externalId: `t3_${r.id}`, title: r.title, text: null, url: r.url || null, score: num(r.score), comments: num(r.num_comments), createdAt: created * 1000, observedAt: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!) });
  }
  return out;
}

export function loadGithub(): Observation[] {
  const rows = records(path.join(dataDir, 'github-trending', 'daily.csv'));
  const firstSeen = new Map<string, number>();
  const parsed = rows.flatMap((r) => {
    const t = Date.parse(`${r.date}T00:00:00Z`);
    if (!Number.isFinite(t) || !r.name) return [];
    firstSeen.set(r.name, Math.min(firstSeen.get(r.name) ?? t, t));
    return [{ r, t }];
  });
  // Trending lists say when a repo trended, not when it was created: first listing stands in for creation.
  return parsed.map(({ r, t }) => ({ source: 'github' as const, externalId: r.name!, title: r.name!, text: r.description || null, url: `https://github.com/${r.name}`, score: num(r.stars), comments: null, createdAt: firstSeen.get(r.name!)!, observedAt: t + Math.max(0, 25 - (num(r.rank) ?? 25)) * 60_000 }));
}

/** Shift a source's observations to end at `now`, compressing them into `windowMs` if they span more. */
function rebase(obs: Observation[], now: number, windowMs: number): Observation[] {
  if (obs.length === 0) return obs;
  let lo = Infinity;
  let hi = -Infinity;
  for (const o of obs) {
    lo = Math.min(lo, o.createdAt, o.observedAt);
    hi = Math.max(hi, o.observedAt);
  }
  const scale = hi - lo > windowMs ? windowMs / (hi - lo) : 1;
  const map = (t: number) => Math.round(now - (hi - t) * scale);
  return obs.map((o) => ({ ...o, createdAt: map(o.createdAt), observedAt: map(o.observedAt) }));
}

/** The most recent observations of a source, whole items only (all sightings of an item or none). */
function latest(obs: Observation[], n: number): Observation[] {
  const sorted = [...obs].sort((a, b) => b.observedAt - a.observedAt);
  const keep = new Set<string>();
  let count = 0;
  const perItem = new Map<string, number>();
  for (const o of obs) perItem.set(o.externalId, (perItem.get(o.externalId) ?? 0) + 1);
  for (const o of sorted) {
    if (count >= n) break;
    if (keep.has(o.externalId)) continue;
    keep.add(o.externalId);
    count += perItem.get(o.externalId)!;
  }
  return obs.filter((o) => keep.has(o.externalId));
}

export interface ObservationSet {
  observations: Observation[];
  description: string;
}

/**
 * About `target` observations: Reddit 45 %, HN 40 %, GitHub 15 % of the target as far as the
 * data goes, HN making up the rest. When HN runs short, posts also get an earlier sighting
 * (a third of their final counts one hour in), as an hourly crawler would record.
 */
export function realObservations(target: number, now: number, windowHours = 72): ObservationSet | null {
  if (!existsSync(dataDir)) return null;
  const window = windowHours * hourMs;
  const reddit = latest(loadReddit(), Math.round(target * 0.45));
  const github = latest(loadGithub(), Math.round(target * 0.15));
  const hnAll = loadHackerNews();
  const hnNeed = target - reddit.length - github.length;
  let hn = latest(hnAll, hnNeed);
  if (hn.length < hnNeed) {
    const extra = hn.slice(0, hnNeed - hn.length).map((o) => ({ ...o, score: o.score === null ? null : Math.round(o.score / 3), comments: o.comments === null ? null : Math.round(o.comments / 3), observedAt: o.createdAt + hourMs }));
    hn = [...hn, ...extra];
  }
  const observations = [...rebase(reddit, now, window), ...rebase(hn, now, window), ...rebase(github, now, window)];
  const count = (s: TrendSource) => observations.filter((o) => o.source === s).length;
  return {
    observations,
    description: `real data from ../shared/data (HN ${count('hackernews')}, Reddit ${count('reddit')}, GitHub ${count('github')} observations; each source rebased into the last ${windowHours} h)`,
  };
}

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Seeded synthetic stream: 300 topics of 2–3 topical words each, titles mixing topic words
 * with filler, items on 1–3 sources, Reddit items re-observed hourly with growing scores.
 */
export function syntheticObservations(target: number, now: number, windowHours = 72): ObservationSet {
  const rand = seeded(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const topicWords = 'rust linux kernel webgpu browser llm agent model postgres database compiler wasm runtime android iphone privacy passkey cloud outage gpu chip quantum battery rocket launch election court ruling climate storm vaccine study telescope galaxy robot startup funding layoffs security breach ransomware protocol editor terminal python typescript react framework'.split(' ');
  const filler = 'the new how why we i my a of for with is are built show ask release update guide about on to from after finally faster open source free lessons year review'.split(' ');
  const topics = Array.from({ length: 300 }, () => [pick(topicWords), pick(topicWords), pick(topicWords)].slice(0, 2 + Math.floor(rand() * 2)));
  const sources: TrendSource[] = ['hackernews', 'reddit', 'github'];
  const out: Observation[] = [];
  let n = 0;
  while (out.length < target) {
    const topic = pick(topics);
    const source = pick(sources);
    const created = now - Math.floor(rand() * windowHours * hourMs);
    const words = [...topic, pick(filler), pick(filler), pick(filler)].sort(() => rand() - 0.5);
    const title = words.join(' ');
    const sightings = source === 'reddit' ? 1 + Math.floor(rand() * 8) : 1;
    const finalScore = Math.floor(rand() ** 3 * 2000);
    for (let s = 0; s < sightings && out.length < target; s++) {
      const observedAt = Math.min(now, created + (s + 1) * hourMs);
      const frac = (s + 1) / sightings;
      out.push({ source, externalId: `${source}-${n}`, title, text: null, url: null, score: Math.round(finalScore * frac), comments: Math.round(finalScore * frac * 0.1), createdAt: created, observedAt });
    }
    n++;
  }
  return { observations: out, description: `seeded synthetic stream (../shared/data absent), ${n} items` };
}
