import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Post } from '../posts/canonical.ts';
import { importXHistory } from '../posts/importers.ts';
import { hourOfWeek } from '../posts/time.ts';
import { bestTimes, priorScale, shrink, slotStats, smoothStats } from './best-time.ts';
import { priorLogLifts } from './priors.ts';
import { mulberry32 } from '../predict/logistic.ts';

const MONDAY = Date.UTC(2024, 0, 1); // a Monday, 00:00 UTC

function post(i: number, at: number, likes: number, text = 'a post'): Post {
  return { id: String(i), platform: 'x', author: 'me', text, url: '', publishedAt: new Date(at).toISOString(), likes, comments: 0, shares: 0, views: null };
}

/** Background: `n` ordinary posts over every slot, engagement log-normal (sd ≈ 0.8) as real posts are. */
function background(n: number): Post[] {
  const rand = mulberry32(11);
  return Array.from({ length: n }, (_, i) => {
    const noise = (rand() + rand() + rand() + rand() - 2) * 1.4;
    return post(i, MONDAY + ((i * 5) % 168) * 3_600_000 + Math.floor(i / 168) * 7 * 86_400_000, Math.round(100 * Math.exp(noise)));
  });
}

describe('best-time shrinkage', () => {
  const SLOT = 2 * 24 + 3; // Wed 03:00 UTC: a slot the platform prior dislikes
  const boosted = (k: number) => Array.from({ length: k }, (_, i) => post(10_000 + i, MONDAY + SLOT * 3_600_000 + i * 7 * 86_400_000, 2000));

  it('one great post moves a slot little from its prior; fifty move it a lot', () => {
    const prior = priorLogLifts('x');
    const one = bestTimes([...background(600), ...boosted(1)], { top: 168 });
    const fifty = bestTimes([...background(600), ...boosted(50)], { top: 168 });
    const moveOne = one.logLift[SLOT]! - prior[SLOT]!;
    const moveFifty = fifty.logLift[SLOT]! - prior[SLOT]!;
    const rawOne = slotStats([...background(600), ...boosted(1)], 'UTC', 'total');
    expect(moveOne).toBeGreaterThan(0);
    expect(moveOne).toBeLessThan(0.5 * (rawOne.mean[SLOT]! - prior[SLOT]!));
    expect(moveFifty).toBeGreaterThan(3 * moveOne);
    expect(fifty.slots[0]!.hourOfWeek).toBe(SLOT);
    expect(fifty.slots[0]!.confidence).toBeGreaterThan(one.slots.find((s) => s.hourOfWeek === SLOT)!.confidence);
  });

  it('split-half estimation discounts lifts that appear in only one half of the history', () => {
    const bg = background(1200);
    const last = Math.max(...bg.map((p) => Date.parse(p.publishedAt)));
    // Twenty slots each get eight great posts in the last two weeks: bursts, not yet habits.
    const lastMonday = MONDAY + Math.floor((last - MONDAY) / (7 * 86_400_000)) * 7 * 86_400_000;
    const burst = Array.from({ length: 20 * 8 }, (_, i) => {
      const slot = Math.floor(i / 8) * 7 + 1;
      const week = i % 2 ? 0 : -1;
      return post(20_000 + i, lastMonday + week * 7 * 86_400_000 + slot * 3_600_000 + (i % 8) * 300_000, 3000);
    });
    const slots = [...new Set(burst.map((p) => hourOfWeek(Date.parse(p.publishedAt), 'UTC')))];
    const split = bestTimes([...bg, ...burst], { top: 168 });
    const moments = bestTimes([...bg, ...burst], { top: 168, tau: 'moments' });
    expect(split.tau2!).toBeLessThan(moments.tau2!);
    const mean = (b: typeof split) => slots.reduce((a, s) => a + b.logLift[s]!, 0) / slots.length;
    expect(mean(split)).toBeLessThan(mean(moments));
  });

  it('the evidence weight grows with the posts behind a slot', () => {
    const stats = { n: new Array(168).fill(0).map((_, i) => (i === 0 ? 1 : i === 1 ? 50 : 5)), mean: new Array(168).fill(0.5), sigma2: 1 };
    const r = shrink(stats, new Array(168).fill(0));
    expect(r.weight[0]).toBeLessThan(r.weight[2]!);
    expect(r.weight[2]).toBeLessThan(r.weight[1]!);
    expect(r.mean[1]).toBeGreaterThan(r.mean[0]!);
  });

  it('says so and uses platform defaults when history is thin', () => {
    const r = bestTimes(background(10), { top: 3, platform: 'x' });
    expect(r.usingDefaults).toBe(true);
    expect(r.message).toMatch(/not enough history.*using platform defaults/);
    const prior = priorLogLifts('x');
    expect(r.slots[0]!.hourOfWeek).toBe(prior.indexOf(Math.max(...prior)));
    expect(r.slots.every((s) => s.evidenceWeight === 0)).toBe(true);
  });

  it('buckets in the account time zone and points each slot at its next start within a week', () => {
    const now = Date.UTC(2024, 5, 3, 12, 17);
    const r = bestTimes([...background(600), ...boosted(50)], { timeZone: 'Asia/Tokyo', top: 5, now });
    for (const s of r.slots) {
      const t = Date.parse(s.next);
      expect(t).toBeGreaterThan(now);
      expect(t - now).toBeLessThanOrEqual(7 * 86_400_000);
      expect(hourOfWeek(t, 'Asia/Tokyo')).toBe(s.hourOfWeek);
    }
    // Wed 03:00 UTC is Wed 12:00 in Tokyo (no DST there, so the boosted posts share one slot).
    expect(r.slots[0]!.label).toBe('Wed 12:00');
  });

  it('in zones with half- and quarter-hour offsets too, every slot starts on the local hour within a week', () => {
    const now = Date.UTC(2024, 5, 3, 12, 17);
    for (const timeZone of ['Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kolkata']) {
      const r = bestTimes([], { timeZone, top: 168, now });
      expect(r.slots).toHaveLength(168);
      for (const s of r.slots) {
        const t = Date.parse(s.next);
        expect(t - now, `${timeZone} ${s.label}`).toBeGreaterThan(0);
        expect(t - now, `${timeZone} ${s.label}`).toBeLessThanOrEqual(7 * 86_400_000);
        expect(hourOfWeek(t, timeZone)).toBe(s.hourOfWeek);
        expect(Number(new Intl.DateTimeFormat('en-GB', { timeZone, minute: 'numeric' }).format(t)), `${timeZone} ${s.label}`).toBe(0);
      }
    }
  });
});

const file = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'x-account-history', 'tweets.csv');
if (!existsSync(file)) console.log(`best-time real-data test skipped: ${file} not found`);

describe.skipIf(!existsSync(file))('best time on the real X account history', () => {
  it('uses the account history (not defaults) and returns finite lifts and confidences', () => {
    const posts = importXHistory(readFileSync(file, 'utf8'), { account: '44196397' }).items.filter((p) => p.likes !== null);
    const r = bestTimes(posts, { timeZone: 'America/Chicago', top: 5 });
    expect(r.usingDefaults).toBe(false);
    expect(r.slots).toHaveLength(5);
    for (const s of r.slots) {
      expect(Number.isFinite(s.expectedLift)).toBe(true);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('confidence is calibrated on the history itself', () => {
  /** Weekly posting over `weeks` weeks in every slot; `lift(slot)` is the true log lift. */
  function history(weeks: number, lift: (slot: number) => number, seed: number): Post[] {
    const rand = mulberry32(seed);
    const out: Post[] = [];
    for (let w = 0; w < weeks; w++) {
      for (let s = 0; s < 168; s += 1) {
        const noise = (rand() + rand() + rand() + rand() - 2) * 1.4;
        out.push(post(out.length, MONDAY + (w * 168 + s) * 3_600_000 + Math.floor(rand() * 3_000_000), Math.round(100 * Math.exp(noise + lift(s)))));
      }
    }
    return out;
  }

  it('stays near 0.5 when slots have no true effect (pure noise)', () => {
    for (const seed of [1, 2, 3]) {
      const r = bestTimes(history(12, () => 0, seed), { top: 168 });
      expect(r.usingDefaults).toBe(false);
      expect(Math.max(...r.slots.map((s) => s.confidence))).toBeLessThan(0.8);
      expect(Math.min(...r.slots.map((s) => s.confidence))).toBeGreaterThan(0.2);
    }
  });

  it('goes high for slots with a strong planted effect, low for the weak ones', () => {
    // Weekday office hours (Mon–Fri 13:00–16:00 UTC) draw e^0.8 ≈ 2.2× the rest.
    const good = (s: number) => s < 120 && s % 24 >= 13 && s % 24 <= 16;
    for (const seed of [5, 6, 7]) {
      const r = bestTimes(history(12, (s) => (good(s) ? 0.8 : 0), seed), { top: 168 });
      expect(r.confidenceScale!).toBeLessThan(5);
      const top = r.slots.slice(0, 15);
      expect(top.every((s) => good(s.hourOfWeek))).toBe(true);
      // One widening factor serves all slots, so the clear winners are kept a little modest.
      expect(Math.min(...top.map((s) => s.confidence))).toBeGreaterThan(0.7);
      const goodConf = r.slots.filter((s) => good(s.hourOfWeek)).map((s) => s.confidence);
      expect(goodConf.reduce((a, c) => a + c, 0) / goodConf.length).toBeGreaterThan(0.75);
      // Ordinary slots sit slightly below the account mean here; the platform prior (which
      // favours other hours) and 12 noisy posts each still lift some of them over 0.8.
      const bad = r.slots.filter((s) => !good(s.hourOfWeek));
      expect(bad.filter((s) => s.confidence > 0.8).length).toBeLessThan(bad.length * 0.15);
    }
  });

  it('promises only the lift that held up in later weeks', () => {
    // Pure noise: the earlier weeks' best hours are not the later weeks' best hours. Now and
    // then a noise pattern repeats by chance (as it can fool k too), so judge over seeds.
    const noise = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => bestTimes(history(12, () => 0, seed), { top: 168 }));
    expect(noise.filter((r) => r.liftPersistence! < 0.35).length).toBeGreaterThanOrEqual(5);
    for (const r of noise) {
      expect(r.slots[0]!.expectedLift).toBeLessThan(0.15);
      if (r.liftPersistence! < 1) expect(r.message).toMatch(/expected lifts count \d+ % of the fitted ones/);
    }
    const zero = noise.find((r) => r.liftPersistence === 0)!;
    expect(zero.slots.every((s) => s.expectedLift === 0)).toBe(true);
    // A planted 2.2× lift persists, and the promise for those hours stays close to it.
    const good = (s: number) => s < 120 && s % 24 >= 13 && s % 24 <= 16;
    for (const seed of [5, 6, 7]) {
      const r = bestTimes(history(12, (s) => (good(s) ? 0.8 : 0), seed), { top: 168 });
      expect(r.liftPersistence!).toBeGreaterThan(0.7);
      const top = r.slots.slice(0, 15);
      const mean = top.reduce((a, s) => a + s.expectedLift, 0) / top.length;
      // The true lift over the account's typical post (which includes the good hours) is
      // e^(0.8 − 0.095) − 1 ≈ 1.0; shrinkage keeps the promise under it, never over.
      expect(mean).toBeGreaterThan(0.3);
      expect(mean).toBeLessThan(1.05);
    }
  });

  it('switching calibration off gives the raw posterior probability (k = 1)', () => {
    const r = bestTimes(history(12, () => 0, 9), { top: 168, calibrate: false });
    expect(r.confidenceScale).toBe(1);
  });
});

describe('prior weight and smoothing', () => {
  const prior = priorLogLifts('x');
  it('an unknown platform, even one named like an object property, gets X’s curve', () => {
    for (const name of ['constructor', 'toString', 'mastodon']) expect(priorLogLifts(name)).toEqual(prior);
  });

  it('β is near 1 when slot means follow the platform prior, 0 when they oppose it', () => {
    const n = new Array<number>(168).fill(10);
    expect(priorScale({ n, mean: prior.map((v) => v), sigma2: 1 }, prior)).toBeCloseTo(1, 6);
    expect(priorScale({ n, mean: prior.map((v) => 0.5 * v), sigma2: 1 }, prior)).toBeCloseTo(0.5, 6);
    expect(priorScale({ n, mean: prior.map((v) => -v), sigma2: 1 }, prior)).toBe(0);
  });

  it('keeps the prior whole (β = 1) when the history sits in too few slots to estimate a slope', () => {
    const oneSlot = Array.from({ length: 40 }, (_, i) => post(i, MONDAY + 10 * 3_600_000 + i * 7 * 86_400_000, 50 + (i % 7)));
    expect(priorScale(slotStats(oneSlot, 'UTC', 'likes'), prior)).toBe(1);
    const r = bestTimes(oneSlot, { timeZone: 'UTC', top: 3, now: MONDAY + 400 * 86_400_000 });
    // With the prior intact, the top slots are the platform's good hours, not midnight.
    expect(r.slots[0]!.label).not.toBe('Mon 00:00');
    expect(r.slots[0]!.expectedLift).toBeGreaterThan(0);
  });

  it('kernel smoothing pools neighbours (across midnight) and block3 shares one value per block', () => {
    const n = new Array<number>(168).fill(0);
    const mean = new Array<number>(168).fill(0);
    n[0] = 4;
    mean[0] = 1;
    n[167] = 4;
    mean[167] = -1;
    const k = smoothStats({ n, mean, sigma2: 1 }, 'kernel');
    expect(k.n[1]).toBeCloseTo(2 + 1, 6); // half of slot 0, a quarter of slot 167
    expect(k.mean[1]).toBeCloseTo((2 - 1) / 3, 6);
    expect(k.mean[0]).toBeCloseTo((4 - 2) / 6, 6);
    const b = smoothStats({ n, mean, sigma2: 1 }, 'block3');
    expect(b.n[2]).toBe(4);
    expect(b.mean[2]).toBe(1);
    expect(b.mean[165]).toBe(-1);
  });
});
