import { priorLogLifts } from '../schedule/priors.ts';
import { hourOfWeek, zonedParts } from '../posts/time.ts';
import { eventsForYears, seasonalFactor, type SeasonalEvent } from './seasonal.ts';

/**
 * Smart slot allocation: puts posts into the coming days' hours where they are expected to
 * do best while keeping a healthy calendar.
 *
 * Value of an hour for a post = exp(log-lift of its hour of the week) × seasonal factor of
 * that local day. Log-lifts come from the best-time engine (shared/schedule/best-time.ts,
 * `BestTimes.logLift`, the account's own history shrunk toward platform defaults) or, for a
 * platform without one, the platform defaults themselves.
 *
 * Hard constraints, checked against posts already on the calendar and earlier picks:
 * - per-platform daily cap (local day);
 * - minimum spacing between two posts on the same platform;
 * - no two posts on the same topic back to back in the whole calendar (posts of the same
 *   piece excepted: those are meant to go together);
 * - the posts of one piece go out in platform order (X thread, then LinkedIn, then
 *   YouTube, unless the piece says otherwise), each at least `pieceGapMinutes` after the
 *   previous one and within `pieceWindowHours` of the first;
 * - a post's own earliest/latest bounds.
 *
 * Greedy in request order with pieces kept together: each post takes the best free hour;
 * a post blocked only by the topic rule is retried after the others (up to three rounds),
 * since posts on other topics may then sit between. Not a global optimum, but predictable
 * (a post placed earlier never moves because a later one arrived), which is what users of
 * a calendar expect.
 */

export interface PostToPlace {
  id: string;
  platform: string;
  topic: string;
  pieceId?: string | null;
  /** Position within its piece; default from PIECE_ORDER. */
  pieceOrder?: number;
  earliest?: string;
  latest?: string;
}

export interface PlacedPost {
  platform: string;
  topic: string;
  pieceId?: string | null;
  /** ISO 8601 UTC. */
  at: string;
}

export interface AllocationRules {
  /** Posts per platform per local day. */
  dailyCap: Record<string, number>;
  /** Minimum minutes between two posts on the same platform. */
  minSpacingMinutes: number;
  /** Minimum minutes between any two posts: one reminder at a time. */
  minSpacingAnyMinutes: number;
  pieceGapMinutes: number;
  pieceWindowHours: number;
  /** Local hours never used (night). */
  quietHours: readonly number[];
}

export const DEFAULT_RULES: AllocationRules = {
  dailyCap: { x: 3, linkedin: 1, youtube: 1, 'youtube-shorts': 1, 'short-video': 1, default: 2 },
  minSpacingMinutes: 180,
  minSpacingAnyMinutes: 60,
  pieceGapMinutes: 120,
  pieceWindowHours: 48,
  quietHours: [0, 1, 2, 3, 4, 5],
};

/** Cross-platform order of one piece: the thread first starts the conversation the long post and the video build on. */
export const PIECE_ORDER: readonly string[] = ['x', 'linkedin', 'youtube-shorts', 'short-video', 'youtube'];

export interface AllocationInput {
  posts: readonly PostToPlace[];
  existing?: readonly PlacedPost[];
  /** Per platform: 168 hour-of-week log-lifts from bestTimes(); missing platforms use platform defaults. */
  logLift?: Record<string, readonly number[]>;
  timeZone?: string;
  /** Start of the planning window (epoch ms); slots start at the next whole hour. */
  from: number;
  days?: number;
  rules?: Partial<AllocationRules>;
  /** Extra or overriding seasonal events (same id replaces a bundled one). */
  events?: readonly SeasonalEvent[];
}

export interface Allocation {
  postId: string;
  platform: string;
  at: string;
  /** Local label, e.g. "Tue 2026-11-24 14:00". */
  local: string;
  /** Expected value relative to a typical hour (1 = typical). */
  value: number;
  reasons: string[];
}

export interface AllocationResult {
  placed: Allocation[];
  unplaced: { postId: string; reason: string }[];
}

const HOUR = 3_600_000;

export function normTopic(topic: string): string {
  return topic
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .sort()
    .join(' ');
}

function localDate(t: number, tz: string): string {
  const p = zonedParts(t, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function allocate(input: AllocationInput): AllocationResult {
  const tz = input.timeZone ?? 'UTC';
  const rules: AllocationRules = { ...DEFAULT_RULES, ...input.rules, dailyCap: { ...DEFAULT_RULES.dailyCap, ...input.rules?.dailyCap } };
  const days = input.days ?? 7;
  // Candidate times are the account's local hours: in a zone offset by a half or quarter hour
  // (Kathmandu, St John's) a whole UTC hour would be 10:45 on the calendar.
  const QUARTER = HOUR / 4;
  let start = Math.ceil(input.from / QUARTER) * QUARTER;
  for (let k = 0; k < 4 && zonedParts(start, tz).minute !== 0; k++) start += QUARTER;
  const hours: number[] = [];
  for (let t = start; t < start + days * 24 * HOUR; t += HOUR) if (!rules.quietHours.includes(zonedParts(t, tz).hour)) hours.push(t);
  const years = [...new Set(hours.map((t) => zonedParts(t, tz).year))];
  const events = eventsForYears(years, input.events ?? []);
  const lifts = new Map<string, readonly number[]>();
  // Platform names are data: the caller's tables go into Maps (own entries only), or
  // 'constructor' would read Object.prototype.constructor as a table entry.
  const accountLift = new Map(Object.entries(input.logLift ?? {}));
  const caps = new Map(Object.entries(rules.dailyCap));
  const liftOf = (platform: string) => {
    let l = lifts.get(platform) ?? accountLift.get(platform);
    // YouTube formats share YouTube's audience curve; priorLogLifts gives X's to platforms without a prior.
    if (!l) l = priorLogLifts(platform.startsWith('youtube') || platform === 'short-video' ? 'youtube' : platform);
    lifts.set(platform, l);
    return l;
  };

  const timeline: { t: number; platform: string; topic: string; pieceId: string | null }[] = (input.existing ?? []).map((e) => ({ t: Date.parse(e.at), platform: e.platform, topic: normTopic(e.topic), pieceId: e.pieceId ?? null }));
  const cap = (p: string) => caps.get(p) ?? caps.get('default') ?? 2;

  // Pieces stay together, in platform order; the first post of a piece keeps the request position.
  const ordered: PostToPlace[] = [];
  const seenPieces = new Set<string>();
  for (const p of input.posts) {
    if (!p.pieceId) {
      ordered.push(p);
      continue;
    }
    if (seenPieces.has(p.pieceId)) continue;
    seenPieces.add(p.pieceId);
    const rank = (q: PostToPlace) => q.pieceOrder ?? (PIECE_ORDER.indexOf(q.platform) + 1 || PIECE_ORDER.length + 1);
    ordered.push(...input.posts.filter((q) => q.pieceId === p.pieceId).sort((a, b) => rank(a) - rank(b)));
  }

  const placed: Allocation[] = [];
  const unplaced: { postId: string; reason: string }[] = [];
  const pieceTimes = new Map<string, { first: number; last: number }>();
  const failedPieces = new Set<string>();

  let queue: PostToPlace[] = ordered;
  // A post blocked only because its topic neighbours itself gets another round once
  // posts on other topics sit between the slots.
  for (let round = 0; queue.length; round++) {
    const retry: { post: PostToPlace; reason: string }[] = [];
    for (const post of queue) {
      if (post.pieceId && failedPieces.has(post.pieceId)) {
        unplaced.push({ postId: post.id, reason: `an earlier post of piece ${post.pieceId} could not be placed` });
        continue;
      }
      const topic = normTopic(post.topic);
      const lift = liftOf(post.platform);
      const earliest = post.earliest ? Date.parse(post.earliest) : -Infinity;
      const latest = post.latest ? Date.parse(post.latest) : Infinity;
      const piece = post.pieceId ? pieceTimes.get(post.pieceId) : undefined;
      const counts = { cap: 0, spacing: 0, topic: 0, piece: 0, bounds: 0 };
      let best: { t: number; value: number; reasons: string[] } | null = null;
      for (const t of hours) {
        if (t < earliest || t > latest) {
          counts.bounds++;
          continue;
        }
        if (piece && (t < piece.last + rules.pieceGapMinutes * 60_000 || t > piece.first + rules.pieceWindowHours * HOUR)) {
          counts.piece++;
          continue;
        }
        const day = localDate(t, tz);
        const same = timeline.filter((e) => e.platform === post.platform);
        if (same.filter((e) => localDate(e.t, tz) === day).length >= cap(post.platform)) {
          counts.cap++;
          continue;
        }
        if (same.some((e) => Math.abs(e.t - t) < rules.minSpacingMinutes * 60_000)) {
          counts.spacing++;
          continue;
        }
        if (timeline.some((e) => Math.abs(e.t - t) < rules.minSpacingAnyMinutes * 60_000)) {
          counts.spacing++;
          continue;
        }
        // Neighbours in the whole calendar (any platform) must be on other topics. Posts at
        // the same time form a group in no particular order: one other topic in it suffices.
        let prevT = -Infinity;
        let nextT = Infinity;
        for (const e of timeline) {
          if (e.t <= t && e.t > prevT) prevT = e.t;
          if (e.t > t && e.t < nextT) nextT = e.t;
        }
        const clash = (at: number) => {
          const group = timeline.filter((e) => e.t === at);
          return group.length > 0 && group.every((e) => e.topic === topic && !(post.pieceId && e.pieceId === post.pieceId));
        };
        if (clash(prevT) || clash(nextT)) {
          counts.topic++;
          continue;
        }
        const season = seasonalFactor(day, post.topic, events);
        const value = Math.exp(lift[hourOfWeek(t, tz)] ?? 0) * season.factor;
        if (!best || value > best.value + 1e-12) {
          const reasons = [`${accountLift.get(post.platform) ? 'account best-time' : 'platform default'} lift ${(Math.exp(lift[hourOfWeek(t, tz)] ?? 0) - 1 >= 0 ? '+' : '')}${Math.round((Math.exp(lift[hourOfWeek(t, tz)] ?? 0) - 1) * 100)}%`];
          for (const e of season.events) reasons.push(`${e.name} (×${season.factor.toFixed(2)})`);
          if (piece) reasons.push(`after the previous post of piece ${post.pieceId}`);
          best = { t, value, reasons };
        }
      }
      if (!best) {
        const why = Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${n} hours blocked by ${k === 'cap' ? 'the daily cap' : k === 'spacing' ? 'minimum spacing' : k === 'topic' ? 'same topic back to back' : k === 'piece' ? 'piece ordering' : 'earliest/latest'}`)
          .join(', ');
        const reason = `no free slot in the next ${days} days${why ? `: ${why}` : ''}`;
        if (!post.pieceId && counts.topic > 0 && round < 3) {
          retry.push({ post, reason });
          continue;
        }
        unplaced.push({ postId: post.id, reason });
        if (post.pieceId) failedPieces.add(post.pieceId);
        continue;
      }
      timeline.push({ t: best.t, platform: post.platform, topic, pieceId: post.pieceId ?? null });
      if (post.pieceId) pieceTimes.set(post.pieceId, { first: piece?.first ?? best.t, last: best.t });
      const p = zonedParts(best.t, tz);
      placed.push({
        postId: post.id,
        platform: post.platform,
        at: new Date(best.t).toISOString(),
        local: `${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][p.weekday]} ${localDate(best.t, tz)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`,
        value: Math.round(best.value * 1000) / 1000,
        reasons: best.reasons,
      });
    }
    if (retry.length === queue.length) {
      unplaced.push(...retry.map((r) => ({ postId: r.post.id, reason: r.reason })));
      break;
    }
    queue = retry.map((r) => r.post);
  }
  return { placed, unplaced };
}
