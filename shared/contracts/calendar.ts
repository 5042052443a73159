import { z } from 'zod';
import { timeZoneName } from './api.ts';
import { daysInMonth } from '../calendar/seasonal.ts';
import { POST_STATES, type CalendarPost } from '../calendar/state.ts';
import { DRAFT_PLATFORMS } from '../draft/draft.ts';
import { HOOK_STYLES } from '../draft/draft.ts';

const isoTime = z.iso.datetime({ offset: true });
const platform = z.enum(DRAFT_PLATFORMS);

export const createCalendarPostRequest = z.object({
  platform,
  topic: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(20_000),
  pieceId: z.string().max(64).nullable().default(null),
  /** With a time the post is scheduled; without it, it stays a draft. */
  scheduledAt: isoTime.nullable().default(null),
});

export const transitionRequest = z.object({
  to: z.enum(POST_STATES),
  /** Needed when scheduling a draft or rescheduling a missed post. */
  scheduledAt: isoTime.optional(),
});

export const calendarQuery = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
  state: z.enum(POST_STATES).optional(),
});

export const allocateRequest = z.object({
  posts: z
    .array(z.object({ platform, topic: z.string().trim().min(1).max(200), text: z.string().min(1).max(20_000), pieceId: z.string().max(64).nullable().default(null) }))
    .min(1)
    .max(50),
  timeZone: timeZoneName.default('UTC'),
  /** Start of the planning window; default now (planning next month works too). */
  startAt: isoTime.optional(),
  days: z.number().int().min(1).max(28).default(7),
  /** true: store the placed posts as scheduled; false: only propose. */
  commit: z.boolean().default(false),
});

export const importCalendarRequest = z.object({ csv: z.string().min(1).max(256 * 1024) });

export const draftRequest = z.object({
  platform,
  hook: z.enum(HOOK_STYLES).default('lead'),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('trend'), trendId: z.string().min(1).max(64) }),
    z.object({ kind: z.literal('research'), itemId: z.string().min(1).max(64) }),
    z.object({ kind: z.enum(['page', 'text']), text: z.string().min(20, 'needs at least a sentence').max(50_000), title: z.string().max(300).nullable().default(null), url: z.url().max(2048).nullable().default(null) }),
  ]),
});

export const repurposeRequest = z.object({
  text: z.string().min(20).max(50_000),
  title: z.string().max(300).optional(),
  platforms: z.array(platform).min(1).max(DRAFT_PLATFORMS.length),
  variants: z.number().int().min(1).max(3).default(1),
});

/** Draft and video platforms map onto the social account whose history informs their timing. */
export const accountPlatform = (p: string): 'x' | 'linkedin' | 'youtube' => (p === 'x' || p === 'linkedin' ? p : 'youtube');

export type CalendarPostResponse = CalendarPost & { createdAt: string };

const month = z.number().int().min(1).max(12);
// Measured in a leap year: the longest each month gets (29 February occurs in leap years).
const LEAP_YEAR = 2024;
const dateRule = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('fixed'), month, day: z.number().int().min(1).max(31) })
    // "30 February" would be stored and silently never match any day.
    .refine((r) => r.day <= daysInMonth(LEAP_YEAR, r.month), { path: ['day'], message: 'that day does not exist in that month' }),
  z.object({ kind: z.literal('nth-weekday'), month, weekday: z.number().int().min(0).max(6), n: z.union([z.literal(-1), z.number().int().min(1).max(5)]), offsetDays: z.number().int().min(-14).max(14).optional() }),
  z.object({ kind: z.literal('easter'), offsetDays: z.number().int().min(-60).max(60) }),
]);

/** The workspace's own seasonal events; an id equal to a bundled event's overrides it. */
export const seasonalEventsRequest = z.object({
  events: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(64),
        name: z.string().trim().min(1).max(120),
        rule: dateRule,
        lift: z.number().min(0).max(5),
        topicLift: z.number().min(0).max(5).optional(),
        topics: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
        region: z.string().trim().max(60).default('custom'),
        disabled: z.boolean().optional(),
      }),
    )
    .max(200),
});
