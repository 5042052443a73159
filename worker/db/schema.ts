import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are epoch milliseconds (sortable, compact); the API renders them as ISO 8601.
// JSON lists are stored as JSON text.

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_workspace_idx').on(t.workspaceId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    kind: text('kind', { enum: ['session', 'extension'] }).notNull(),
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_workspace_idx').on(t.workspaceId)],
);

export const pairingCodes = sqliteTable('pairing_codes', {
  /** SHA-256 of the normalised code. */
  codeHash: text('code_hash').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/** The seed's cross_source_trends, adapted to SQLite. */
export const trends = sqliteTable(
  'trends',
  {
    id: text('id').primaryKey(),
    /** NULL: a public trend every workspace sees. Otherwise only that workspace sees it. */
    workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    sourcePlatforms: text('source_platforms', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    confidenceScore: real('confidence_score').notNull(),
    velocityScore: real('velocity_score').notNull(),
    sentimentScore: real('sentiment_score'),
    firstDetectedAt: integer('first_detected_at').notNull(),
    peakPredictedAt: integer('peak_predicted_at'),
    relatedTrends: text('related_trends', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Members per source, the hourly volume series and the latest forecast, as served by GET /v1/trends/:id. */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    /**
     * Set when a later recompute found this story inside another trend (most of its members
     * now belong to that one): no longer listed, still readable by id, and the id to follow.
     */
    supersededBy: text('superseded_by'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('trends_workspace_updated_idx').on(t.workspaceId, t.updatedAt)],
);

/** Pages and posts a user saved from the extension or console for later drafting. */
export const researchItems = sqliteTable(
  'research_items',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    platform: text('platform'),
    trendId: text('trend_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('research_items_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/**
 * Responses to writes sent with an Idempotency-Key, so a client that retries after a
 * lost response (the extension's outbox does) gets the first result instead of a
 * second write. status 0 marks a request still being processed.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    body: text('body'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/**
 * Sightings of public items (HN stories, Reddit posts, GitHub repos, Google Trends
 * searches). Public data, so not per workspace. The unique key makes ingestion
 * idempotent: a redelivered queue message re-inserts the same rows and changes nothing.
 */
export const observations = sqliteTable(
  'observations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    title: text('title').notNull(),
    text: text('text'),
    url: text('url'),
    score: real('score'),
    comments: integer('comments'),
    createdAt: integer('created_at').notNull(),
    observedAt: integer('observed_at').notNull(),
    /**
     * '' for the general feed everyone sees; otherwise the key of the topic list it was
     * searched for (worker/lib/feeds.ts), whose trends only the workspaces watching those
     * topics see: one workspace's topics must not surface in another's trends.
     */
    feed: text('feed').notNull().default(''),
    /**
     * The clock hour of the sighting. Trend series are hourly and built from growth between
     * sightings, so an item keeps at most one row per hour (the hour's latest sighting) and
     * none when its counts did not move (ingest.ts): what a 15-minute cron adds is bounded
     * by items × hours, and a recompute can read the whole 72 h window.
     */
    observedHour: integer('observed_hour').generatedAlwaysAs(sql`observed_at / 3600000`, { mode: 'virtual' }),
  },
  (t) => [
    uniqueIndex('observations_item_hour_unique').on(t.source, t.feed, t.externalId, t.observedHour),
    index('observations_feed_observed_idx').on(t.feed, t.observedAt),
  ],
);

/**
 * Title embeddings from the OpenAI-compatible endpoint, when one is configured: each distinct
 * title is paid for once per model and size, then reused by every recompute.
 */
export const textEmbeddings = sqliteTable(
  'text_embeddings',
  {
    /** SHA-256 of the text, hex. */
    textHash: text('text_hash').notNull(),
    model: text('model').notNull(),
    dimensions: integer('dimensions').notNull(),
    /** Float32 little-endian, base64. */
    vector: text('vector').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.textHash, t.model, t.dimensions] }), index('text_embeddings_created_idx').on(t.createdAt)],
);

/** Health of each source client, so the console can say "unreachable since …, next try …". */
export const sourceState = sqliteTable('source_state', {
  source: text('source').primaryKey(),
  status: text('status', { enum: ['ok', 'unreachable', 'rate_limited', 'never_run'] }).notNull(),
  lastSuccessAt: integer('last_success_at'),
  /** Start of the current failure streak. */
  failingSince: integer('failing_since'),
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  /** The cron does not enqueue this source again before this time (circuit breaker). */
  nextAttemptAt: integer('next_attempt_at'),
  lastObservationCount: integer('last_observation_count'),
  updatedAt: integer('updated_at').notNull(),
});

/** Topics a workspace wants watched; each distinct list becomes a fetch job per source. */
export const workspaceTopics = sqliteTable(
  'workspace_topics',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.topic] })],
);

/**
 * The seed's trend_predictions: a peak forecast made when a trend alarmed, and, once the
 * real peak has passed, what actually happened, so the product tracks its own accuracy.
 */
export const trendPredictions = sqliteTable(
  'trend_predictions',
  {
    id: text('id').primaryKey(),
    trendId: text('trend_id').notNull(),
    alarmAt: integer('alarm_at').notNull(),
    predictedPeakAt: integer('predicted_peak_at').notNull(),
    peakLowAt: integer('peak_low_at').notNull(),
    peakHighAt: integer('peak_high_at').notNull(),
    predictedPeakLevel: real('predicted_peak_level'),
    halfLifeHours: real('half_life_hours'),
    /** What the rise looked like at the alarm; becomes a training case once resolved. */
    features: text('features', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    support: integer('support').notNull(),
    createdAt: integer('created_at').notNull(),
    actualPeakAt: integer('actual_peak_at'),
    actualPeakLevel: real('actual_peak_level'),
    /** 0..1, see peakAccuracy() in shared/trends/forecast.ts. */
    accuracy: real('accuracy'),
    /** Outcome (lag, peak ratio, half-life) once resolved. */
    outcome: text('outcome', { mode: 'json' }).$type<Record<string, number | null>>(),
  },
  (t) => [uniqueIndex('trend_predictions_alarm_unique').on(t.trendId, t.alarmAt), index('trend_predictions_open_idx').on(t.actualPeakAt)],
);

/**
 * Posts a workspace knows about: its own history (imported, or captured from the user's
 * own profile) and tracked competitors' posts, kept apart by `kind`.
 */
export const posts = sqliteTable(
  'posts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['own', 'competitor'] }).notNull(),
    platform: text('platform').notNull(),
    /** The platform's id, or the canonical CSV's id. */
    externalId: text('external_id').notNull(),
    author: text('author'),
    text: text('text').notNull(),
    url: text('url'),
    publishedAt: integer('published_at').notNull(),
    likes: integer('likes'),
    comments: integer('comments'),
    shares: integer('shares'),
    views: integer('views'),
    capturedAt: integer('captured_at').notNull(),
  },
  (t) => [
    uniqueIndex('posts_identity_unique').on(t.workspaceId, t.kind, t.platform, t.externalId),
    index('posts_workspace_published_idx').on(t.workspaceId, t.kind, t.publishedAt),
  ],
);

/** Per-workspace engagement models, trained by a queue job from the workspace's own posts. */
export const engagementModels = sqliteTable(
  'engagement_models',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    model: text('model').notNull(),
    postsUsed: integer('posts_used').notNull(),
    validationAuc: real('validation_auc'),
    trainedAt: integer('trained_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.platform] })],
);

/** Accounts a workspace chose to track; nothing is captured from accounts not listed here. */
export const competitors = sqliteTable(
  'competitors',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    handle: text('handle').notNull(),
    name: text('name'),
    url: text('url'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('competitors_identity_unique').on(t.workspaceId, t.platform, t.handle)],
);

/**
 * The workspace's own account on each platform, claimed from its profile page in the
 * extension: visits there save the page's posts as the workspace's own history.
 */
export const ownAccounts = sqliteTable(
  'own_accounts',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    handle: text('handle').notNull(),
    name: text('name'),
    url: text('url'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.platform] })],
);

export const competitorSnapshots = sqliteTable(
  'competitor_snapshots',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    competitorId: text('competitor_id')
      .notNull()
      .references(() => competitors.id, { onDelete: 'cascade' }),
    capturedAt: integer('captured_at').notNull(),
    followers: integer('followers'),
    following: integer('following'),
    /** Everything else the page showed (subscribers, employees, recent posts' metrics). */
    metrics: text('metrics', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('competitor_snapshots_idx').on(t.workspaceId, t.competitorId, t.capturedAt)],
);

/**
 * Avatar videos (issue 7). One row per render target: a storyboard, and once HeyGen is
 * connected, one paid render. `state` moves storyboard | queued → submitting → rendering →
 * done | failed; the `submitting` claim is what stops a redelivered message from paying
 * for a second render.
 */
export const videoJobs = sqliteTable(
  'video_jobs',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    batchId: text('batch_id'),
    campaignId: text('campaign_id'),
    state: text('state', { enum: ['storyboard', 'queued', 'submitting', 'rendering', 'done', 'failed'] }).notNull(),
    platform: text('platform').notNull(),
    format: text('format').notNull(),
    durationSec: integer('duration_sec').notNull(),
    sourceText: text('source_text').notNull(),
    /** The complete storyboard (script, scenes, casting, captions, quality). */
    storyboard: text('storyboard', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Short hash of the HeyGen key: the account whose concurrency slots this job uses. */
    account: text('account'),
    heygenVideoId: text('heygen_video_id'),
    videoUrl: text('video_url'),
    thumbnailUrl: text('thumbnail_url'),
    captionUrl: text('caption_url'),
    renderedDurationSec: real('rendered_duration_sec'),
    /** HeyGen's download links expire after 7 days; refreshed from the status endpoint. */
    urlsExpireAt: integer('urls_expire_at'),
    error: text('error'),
    warnings: text('warnings', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    submitAttempts: integer('submit_attempts').notNull().default(0),
    polls: integer('polls').notNull().default(0),
    publishAt: integer('publish_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('video_jobs_workspace_idx').on(t.workspaceId, t.createdAt),
    index('video_jobs_batch_idx').on(t.batchId),
    index('video_jobs_account_state_idx').on(t.account, t.state),
    index('video_jobs_heygen_idx').on(t.heygenVideoId),
  ],
);

export const videoBatches = sqliteTable(
  'video_batches',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: text('campaign_id'),
    total: integer('total').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('video_batches_workspace_idx').on(t.workspaceId, t.createdAt)],
);

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    brief: text('brief', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    consistency: text('consistency', { mode: 'json' }).$type<{ ok: boolean; missing: number[] }>().notNull(),
    batchId: text('batch_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('campaigns_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/** Each workspace's HeyGen avatars and voices, cached (the lists are large and change rarely). */
export const heygenCatalog = sqliteTable(
  'heygen_catalog',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** 'avatars'/'voices' were written by the retired v2 client and are never read (catalog.ts). */
    kind: text('kind', { enum: ['avatars', 'voices', 'avatars-v3', 'voices-v3'] }).notNull(),
    items: text('items', { mode: 'json' }).$type<unknown[]>().notNull(),
    fetchedAt: integer('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind] })],
);

/** Webhook deliveries already processed, so a duplicate delivery changes nothing. */
export const heygenWebhookEvents = sqliteTable('heygen_webhook_events', {
  eventId: text('event_id').primaryKey(),
  eventType: text('event_type').notNull(),
  videoId: text('video_id'),
  receivedAt: integer('received_at').notNull(),
});
