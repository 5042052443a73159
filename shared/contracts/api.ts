import { z } from 'zod';
import type { CompetitorGrowth } from '../competitors/growth.ts';

/**
 * The wire contract between the worker, the console, the extension and the CLI.
 * Request schemas are what the worker validates; response types are what it promises.
 */

export const errorCodes = [
  'bad_request',
  'malformed_json',
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_in_progress',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  /** Field-level problems, for `invalid_request`. */
  issues?: { path: string; message: string }[];
}

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }))
  .pipe(z.string().max(254));

// NIST 800-63B: length over composition rules; the upper bound keeps PBKDF2 input sane.
const password = z.string().min(10, 'must be at least 10 characters').max(200);

export const signupRequest = z.object({
  email,
  password,
  workspace: z.string().trim().min(1, 'must not be empty').max(80),
  /** The deployment's SIGNUP_CODE, where it sets one (GET /healthz says `signup: 'invite-code'`). */
  inviteCode: z.string().trim().max(200).optional(),
});
export type SignupRequest = z.infer<typeof signupRequest>;

export const loginRequest = z.object({
  email,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequest>;

/** Pairing codes are 8 characters from an unambiguous alphabet, shown as XXXX-XXXX. */
export const pairingCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const pairRequest = z.object({
  code: z
    .string()
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^[${pairingCodeAlphabet}]{8}$`), 'must be an 8-character pairing code')),
  device: z.string().trim().min(1).max(80).default('Browser extension'),
});
export type PairRequest = z.input<typeof pairRequest>;

export interface TokenResponse {
  token: string;
  workspace: { id: string; name: string };
  user: { id: string; email: string } | null;
}

export interface WorkspaceResponse {
  id: string;
  name: string;
  user: { id: string; email: string };
  tokenKind: 'session' | 'extension';
}

export const renameWorkspaceRequest = z.object({ name: z.string().trim().min(1).max(80) });

export interface PairingCodeResponse {
  /** Formatted for reading aloud / typing: XXXX-XXXX. */
  code: string;
  expiresAt: string;
}

export interface DeviceTokenInfo {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const platforms = ['reddit', 'hackernews', 'github', 'google-trends', 'linkedin', 'x', 'youtube'] as const;
export type Platform = (typeof platforms)[number];

export interface Trend {
  id: string;
  name: string;
  keywords: string[];
  platforms: Platform[];
  /** 0..1: how sure we are this is one real topic rising, see shared/trends/score.ts. */
  confidence: number;
  /** 0..1: how fast it is rising, normalised. */
  velocity: number;
  /** -1..1 lexicon sentiment of member items. */
  sentiment: number | null;
  /** 0..100 headline number shown to users, see trendScore(). */
  score: number;
  firstDetectedAt: string;
  peakPredictedAt: string | null;
  relatedTrendIds: string[];
  updatedAt: string;
  /** null for public trends every workspace sees; set for a workspace's own topic trends. */
  workspaceId: string | null;
}

export const listTrendsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(100).optional(),
});

export interface TrendList {
  trends: Trend[];
  generatedAt: string;
}

export const socialPlatforms = ['linkedin', 'x', 'youtube'] as const;
export type SocialPlatform = (typeof socialPlatforms)[number];

export const createResearchItemRequest = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  title: z.string().trim().max(300).default(''),
  text: z.string().max(20_000).default(''),
  platform: z.enum(socialPlatforms).nullable().default(null),
  trendId: z.string().max(64).nullable().default(null),
});
export type CreateResearchItemRequest = z.input<typeof createResearchItemRequest>;

export interface ResearchItem {
  id: string;
  url: string;
  title: string;
  text: string;
  platform: SocialPlatform | null;
  trendId: string | null;
  createdAt: string;
}

export interface SourceStatus {
  source: 'hackernews' | 'reddit' | 'github' | 'google-trends';
  status: 'ok' | 'unreachable' | 'rate_limited' | 'never_run';
  lastSuccessAt: string | null;
  /** Start of the current failure streak. */
  failingSince: string | null;
  lastError: string | null;
  /** When the next fetch may run; null when healthy (every cron run). */
  nextAttemptAt: string | null;
  lastObservationCount: number | null;
}

export const topicsRequest = z.object({
  topics: z.array(z.string().trim().min(2, 'topics need at least 2 characters').max(100)).max(50),
});

export interface HealthResponse {
  ok: true;
  version: string;
  /** Which path LLM and video work takes on this deployment. */
  llm: 'openai-compatible' | 'built-in';
  video: 'heygen' | 'storyboard-only';
  /** Whether anyone may create a workspace here, or only with the deployment's invite code. */
  signup: 'open' | 'invite-code';
}

/** GET /v1/workspace/llm-usage: this month's LLM spend against the workspace's cap. */
export interface LlmUsageResponse {
  /** Which path drafts take: without a key nothing is spent. */
  llm: HealthResponse['llm'];
  /** The calendar month (UTC) the cap applies to, as YYYY-MM. */
  period: string;
  /** Spent this period, requests in flight counted at their worst case. */
  spentUsd: number;
  capUsd: number;
  requests: number;
}

/** Maximum JSON body the API accepts; larger requests get 413. */
export const maxBodyBytes = 256 * 1024;

/**
 * A post history import's larger allowance: X's export alone is up to 3,200 posts (~450 KB
 * as canonical CSV), and a manager's history should go in as one file, not in pieces:
 * 8 MiB holds 5,000 long LinkedIn posts. At most `maxImportRows` rows, though, so a file of
 * tiny rows cannot make one request hold hundreds of thousands of them in a Worker's 128 MB.
 */
export const maxImportBytes = 8 * 1024 * 1024;
export const maxImportRows = 20_000;

/** An account's handle (X), vanity name (LinkedIn) or channel handle/id (YouTube), stored without '@', lower case. */
const accountHandle = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .transform((h) => h.replace(/^@/, '').toLowerCase());

export const trackCompetitorRequest = z.object({
  platform: z.enum(socialPlatforms),
  handle: accountHandle,
  name: z.string().trim().max(200).nullable().default(null),
  url: z.url({ protocol: /^https$/ }).max(2048).nullable().default(null),
});
export type TrackCompetitorRequest = z.input<typeof trackCompetitorRequest>;

/** PUT /v1/accounts/:platform: this workspace's own account there (one per platform). */
export const ownAccountRequest = trackCompetitorRequest.omit({ platform: true });
export type OwnAccountRequest = z.input<typeof ownAccountRequest>;

export interface OwnAccount {
  platform: SocialPlatform;
  handle: string;
  name: string | null;
  url: string | null;
  createdAt: string;
}

const count = z.number().int().min(0).max(1e13).nullable().default(null);

export const competitorPostInput = z.object({
  externalId: z.string().min(1).max(200),
  text: z.string().max(10_000),
  // Rendered as a link in the console and on the card: web pages only.
  url: z.url({ protocol: /^https?$/ }).max(2048).nullable().default(null),
  publishedAt: z.iso.datetime({ offset: true }),
  likes: count,
  comments: count,
  shares: count,
  views: count,
});

export const competitorSnapshotRequest = z.object({
  capturedAt: z.iso.datetime({ offset: true }),
  followers: count,
  following: count,
  /** Other page figures: connections, employees, subscribers, videos. */
  metrics: z.record(z.string().max(40), z.union([z.number(), z.string().max(200), z.null()])).default({}),
  posts: z.array(competitorPostInput).max(100).default([]),
});
export type CompetitorSnapshotRequest = z.input<typeof competitorSnapshotRequest>;

/** POST /v1/accounts/:platform/posts: the posts a visit to the workspace's own profile showed. */
export const ownPostsRequest = z.object({
  /** The profile the posts were read from: must be the account claimed for the platform. */
  handle: accountHandle,
  capturedAt: z.iso.datetime({ offset: true }),
  posts: z.array(competitorPostInput).min(1).max(100),
});
export type OwnPostsRequest = z.input<typeof ownPostsRequest>;

export interface OwnPostsResponse {
  stored: number;
  /** Whether this delivery queued a retraining of the platform's models. */
  training: boolean;
}

export interface Competitor {
  id: string;
  platform: SocialPlatform;
  handle: string;
  name: string | null;
  url: string | null;
  createdAt: string;
  lastSnapshotAt: string | null;
}

export interface CompetitorDetail extends Competitor {
  snapshots: { capturedAt: string; followers: number | null; following: number | null; metrics: Record<string, unknown> }[];
  /** As computed by competitorGrowth(), with times as ISO strings. */
  growth: Omit<CompetitorGrowth, 'bestRecentPosts'> & {
    bestRecentPosts: { id: string; text: string; url: string | null; publishedAt: string; engagement: number }[];
  };
}

export const importPostsRequest = z.object({
  kind: z.enum(['own', 'competitor']).default('own'),
  /** The canonical posts CSV: id,platform,author,text,url,published_at,likes,comments,shares,views */
  csv: z.string().min(1, 'must not be empty').max(maxImportBytes),
});

/** DELETE /v1/posts and GET /v1/posts/export: the workspace's stored posts on one platform, its own or competitors'. */
export const platformPostsQuery = z.object({
  platform: z.enum(socialPlatforms),
  kind: z.enum(['own', 'competitor']).default('own'),
});

export interface DeletePostsResponse {
  deleted: number;
  /** The platform's models learned from these posts are gone; a job retrains from what remains. */
  training: boolean;
}

export interface ImportPostsResponse {
  imported: number;
  skipped: number;
  /** The first problems, each naming its line and field. */
  errors: { line: number; field: string; message: string }[];
  /** Platforms whose models are being retrained. */
  training: string[];
}

/** An IANA time zone name ("Europe/Berlin"); the runtime's Intl decides which exist. */
export const timeZoneName = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone');

export const predictRequest = z.object({
  platform: z.enum(socialPlatforms),
  text: z.string().trim().min(1).max(10_000),
  url: z.url().max(2048).optional(),
  plannedAt: z.iso.datetime({ offset: true }).optional(),
  timeZone: timeZoneName.default('UTC'),
});
export type PredictRequest = z.input<typeof predictRequest>;

/** One trained model's summary, as stored beside it. */
export interface ModelSummaryView {
  trainedOn: number;
  /** AUC on the model's own later posts (held out while fitting); null when it could not be measured. */
  heldOutAuc: number | null;
  trainedAt: string;
}

/** GET /v1/models: per platform, the workspace's models and which one answers predictions, and why. */
export interface ModelsResponse {
  platforms: {
    platform: SocialPlatform;
    ownPosts: number;
    /** Posts with engagement counts it takes to train a model. */
    postsNeeded: number;
    answering: 'workspace-model' | 'general-model' | 'no-model';
    why: string;
    own: ModelSummaryView | null;
    general: ModelSummaryView | null;
  }[];
}

export const currentModelQuery = z.object({
  platform: z.enum(socialPlatforms),
  /** trainedAt of the model the caller holds: an unchanged model is not sent again. */
  have: z.coerce.number().int().optional(),
});

/**
 * GET /v1/models/current: the model POST /v1/predict would answer with, for scoring where the
 * worker is not at hand (the extension's composer hint, offline). `model` is the engagement
 * model JSON (shared/predict/model.ts), left out when the caller already has this `trainedAt`.
 */
export type CurrentModelResponse =
  | { path: 'no-model'; message: string }
  | { path: 'workspace-model' | 'general-model'; message: string; trainedAt: number; model: unknown | null };

/** POST /v1/predict's answer: a model's prediction, or (path 'no-model') why there is none yet. */
export interface PredictResponse {
  path: 'workspace-model' | 'general-model' | 'no-model';
  /** Which model answered and why, or what to import for one to exist. */
  message: string;
  /** Calibrated chance of landing in the account's top quarter of engagement (likes + comments + shares). */
  probability: number | null;
  /** Engagement of past posts scored alike: interquartile range and median. */
  expected: { low: number; median: number; high: number } | null;
  reasons: { text: string; weight: number }[];
  /** Better slots when the planned time is weak. */
  betterTimes: { label: string; next: string; expectedLift: number; confidence: number }[];
  /** How the best times behind betterTimes were found; null without a planned time. */
  timing: string | null;
}

export const bestTimesQuery = z.object({
  platform: z.enum(socialPlatforms),
  timeZone: timeZoneName.default('UTC'),
  top: z.coerce.number().int().min(1).max(24).default(5),
});
