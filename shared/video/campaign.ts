import type { Tone, VideoPlatform } from './formats.ts';
import { extractInsights } from './insights.ts';
import { containsKeyMessage } from './quality.ts';

export const contentTypes = ['educational', 'tips', 'announcement', 'testimonial', 'behind-the-scenes'] as const;
export type ContentType = (typeof contentTypes)[number];

export interface RosterMember {
  avatarId: string;
  name?: string;
  /** Content this avatar presents; empty means any. */
  contentTypes?: ContentType[];
}

export interface CampaignBrief {
  goal: string;
  audience: string;
  platforms: VideoPlatform[];
  roster: RosterMember[];
  pillars: string[];
  keyMessage: string;
  videos: number;
  durationSec: number;
  /** First publishing day (epoch ms, UTC midnight or any time that day). */
  startAt: number;
}

export interface PlannedVideo {
  index: number;
  /** The campaign's subject, named by every hook (from the key message). */
  topic: string;
  pillar: string;
  contentType: ContentType;
  platform: VideoPlatform;
  tone: Tone;
  avatarId: string;
  /** The text the storyboard is built from: the pillar framed by the goal. */
  sourceText: string;
  title: string;
  publishAt: number;
  slotReason: string;
}

const TYPE_RULES: [RegExp, ContentType][] = [
  [/\b(how to|tips?|guide|checklist|mistakes?|hacks?|steps?)\b/i, 'tips'],
  [/\b(launch|launches|new|announc\w*|release|introduc\w*|update)\b/i, 'announcement'],
  [/\b(customers?|stor(y|ies)|case stud\w*|results?|review|testimonial)\b/i, 'testimonial'],
  [/\b(team|culture|behind|how we|office|hiring)\b/i, 'behind-the-scenes'],
];

export function contentTypeOf(pillar: string): ContentType {
  for (const [re, type] of TYPE_RULES) if (re.test(pillar)) return type;
  return 'educational';
}

export const TONE_FOR: Record<ContentType, Tone> = {
  educational: 'educational',
  tips: 'energetic',
  announcement: 'energetic',
  testimonial: 'casual',
  'behind-the-scenes': 'casual',
};

/**
 * Default posting hour (UTC) per platform, from the usual published engagement peaks;
 * used when the workspace has no content calendar to place slots on.
 */
const DEFAULT_HOUR: Record<VideoPlatform, number> = { linkedin: 8, x: 13, youtube: 15, tiktok: 19, reels: 18, shorts: 17 };

/**
 * N videos cycling through the pillars and platforms. Each video's avatar is the roster
 * member assigned to its content type (round-robin among them), else the next roster
 * member in turn; a platform gets at most one video a day.
 */
export function planCampaign(brief: CampaignBrief): PlannedVideo[] {
  if (brief.pillars.length === 0) throw new Error('a campaign needs at least one messaging pillar');
  if (brief.platforms.length === 0) throw new Error('a campaign needs at least one platform');
  if (brief.roster.length === 0) throw new Error('a campaign needs at least one avatar in its roster');
  const dayStart = Math.floor(brief.startAt / 86_400_000) * 86_400_000;
  const topic = extractInsights(brief.keyMessage).topic;
  const perType = new Map<ContentType, number>();
  const perPlatform = new Map<VideoPlatform, number>();
  const out: PlannedVideo[] = [];
  for (let i = 0; i < brief.videos; i++) {
    const pillar = brief.pillars[i % brief.pillars.length]!;
    const platform = brief.platforms[i % brief.platforms.length]!;
    const contentType = contentTypeOf(pillar);
    const specialists = brief.roster.filter((r) => r.contentTypes?.includes(contentType));
    const generalists = brief.roster.filter((r) => !r.contentTypes || r.contentTypes.length === 0);
    const pool = specialists.length > 0 ? specialists : generalists.length > 0 ? generalists : brief.roster;
    const turn = perType.get(contentType) ?? 0;
    perType.set(contentType, turn + 1);
    const member = pool[turn % pool.length]!;
    const day = perPlatform.get(platform) ?? 0;
    perPlatform.set(platform, day + 1);
    out.push({
      index: i,
      topic,
      pillar,
      contentType,
      platform,
      tone: TONE_FOR[contentType],
      avatarId: member.avatarId,
      title: pillar,
      // The pillar as a headline (an inner colon would read as a second label), the key
      // message, and why the audience should care.
      sourceText: `${terminateSentence(pillar.replace(/\s*:\s*/g, ' – '))} ${terminateSentence(brief.keyMessage)} This matters to ${brief.audience}, because our goal is to ${lowerGoal(brief.goal)}`,
      publishAt: dayStart + day * 86_400_000 + DEFAULT_HOUR[platform] * 3_600_000,
      slotReason: `default ${platform} slot (${DEFAULT_HOUR[platform]}:00 UTC), day ${day + 1}`,
    });
  }
  return out;
}

/** Every script must carry the campaign's key message; returns the indexes that do not. */
export function checkKeyMessageConsistency(scripts: string[], keyMessage: string): { ok: boolean; missing: number[] } {
  const missing = scripts.flatMap((s, i) => (containsKeyMessage(s, keyMessage) ? [] : [i]));
  return { ok: missing.length === 0, missing };
}

function terminateSentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function lowerGoal(goal: string): string {
  const g = terminateSentence(goal);
  return /^[A-Z][a-z]/.test(g) ? g.charAt(0).toLowerCase() + g.slice(1) : g;
}
