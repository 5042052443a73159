import { z } from 'zod';
import type { ContentType } from './campaign.ts';
import { tones, videoFormats, videoPlatforms, type VideoFormat, type VideoPlatform } from './formats.ts';
import type { Storyboard } from './storyboard.ts';

/** Wire contract of /v1/videos, /v1/video-batches and /v1/campaigns. */

const durationSec = z.number().int().min(10).max(300).default(45);
const sourceText = z.string().trim().min(20, 'sourceText needs at least a sentence').max(20_000);
/** What every video request says about the video itself, one or in a batch. */
const videoSpec = {
  title: z.string().trim().max(200).optional(),
  platform: z.enum(videoPlatforms),
  format: z.enum(videoFormats).optional(),
  durationSec,
  tone: z.enum(tones).default('professional'),
  audience: z.string().trim().max(200).optional(),
  keyMessage: z.string().trim().min(3).max(400).optional(),
};

export const createVideoRequest = z
  .object({
    /** The text to make a video from; or name a saved research item or a trend instead. */
    sourceText: sourceText.optional(),
    researchItemId: z.string().min(1).max(64).optional(),
    trendId: z.string().min(1).max(64).optional(),
    ...videoSpec,
    blockedWords: z.array(z.string().trim().min(1).max(60)).max(100).default([]),
  })
  .refine((r) => [r.sourceText, r.researchItemId, r.trendId].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of sourceText, researchItemId or trendId',
    path: ['sourceText'],
  });
export type CreateVideoRequest = z.input<typeof createVideoRequest>;

export const createVideoBatchRequest = z.object({
  items: z
    .array(
      z.object({ sourceText, ...videoSpec }),
    )
    .min(1)
    .max(200),
  blockedWords: z.array(z.string().trim().min(1).max(60)).max(100).default([]),
});
export type CreateVideoBatchRequest = z.input<typeof createVideoBatchRequest>;

export const contentTypeValues = ['educational', 'tips', 'announcement', 'testimonial', 'behind-the-scenes'] as const;

export const createCampaignRequest = z.object({
  goal: z.string().trim().min(3).max(300),
  audience: z.string().trim().min(2).max(200),
  platforms: z.array(z.enum(videoPlatforms)).min(1).max(6),
  roster: z
    .array(z.object({ avatarId: z.string().min(1).max(120), name: z.string().max(120).optional(), contentTypes: z.array(z.enum(contentTypeValues)).max(5).optional() }))
    .max(20)
    .default([]),
  pillars: z.array(z.string().trim().min(3).max(300)).min(1).max(12),
  keyMessage: z.string().trim().min(3).max(400),
  videos: z.number().int().min(1).max(100).default(6),
  durationSec,
  startAt: z.iso.datetime().optional(),
  /** Queue the renders right away (needs HeyGen); otherwise storyboards only. */
  render: z.boolean().default(false),
  blockedWords: z.array(z.string().trim().min(1).max(60)).max(100).default([]),
});
export type CreateCampaignRequest = z.input<typeof createCampaignRequest>;

export interface VideoQuota {
  /** False without HEYGEN_API_KEY (storyboards only). */
  connected: boolean;
  remainingSec: number | null;
  /** Seconds of video this account has queued or rendering. */
  committedSec: number;
}

export const READY_TO_RENDER = 'ready to render: connect HeyGen';

export type VideoJobState = 'storyboard' | 'queued' | 'submitting' | 'rendering' | 'done' | 'failed';

export interface VideoJobView {
  id: string;
  batchId: string | null;
  campaignId: string | null;
  /** `storyboard` jobs read "ready to render: connect HeyGen" here. */
  state: VideoJobState;
  status: string;
  platform: VideoPlatform;
  format: VideoFormat;
  videoUrl: string | null;
  thumbnailUrl: string | null;
  captionUrl: string | null;
  durationSec: number | null;
  urlsExpireAt: string | null;
  error: string | null;
  warnings: string[];
  publishAt: string | null;
  createdAt: string;
  storyboard: Storyboard;
}

export interface VideoBatchJob {
  id: string;
  state: VideoJobState;
  videoUrl: string | null;
  error: string | null;
}

export interface VideoBatchView {
  id: string;
  campaignId: string | null;
  total: number;
  queued: number;
  rendering: number;
  done: number;
  failed: number;
  storyboard: number;
  createdAt: string;
  jobs: VideoBatchJob[];
}

export interface CampaignVideoView {
  jobId: string;
  index: number;
  pillar: string;
  contentType: ContentType;
  platform: VideoPlatform;
  avatarId: string;
  publishAt: string;
  slotReason: string;
  state: VideoJobState;
  script: string;
}

export interface CampaignView {
  id: string;
  goal: string;
  audience: string;
  platforms: VideoPlatform[];
  pillars: string[];
  keyMessage: string;
  consistency: { ok: boolean; missing: number[] };
  batchId: string | null;
  createdAt: string;
  videos: CampaignVideoView[];
}
