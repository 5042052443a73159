import { and, asc, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { checkKeyMessageConsistency, contentTypes, planCampaign, TONE_FOR, type PlannedVideo, type RosterMember } from '../../shared/video/campaign.ts';
import { createCampaignRequest, type CampaignView } from '../../shared/video/contract.ts';
import { selectCasting, type AvatarInfo } from '../../shared/video/select.ts';
import { buildStoryboard, type Storyboard } from '../../shared/video/storyboard.ts';
import type { VideoPlatform } from '../../shared/video/formats.ts';
import { campaigns, videoBatches, videoJobs } from '../db/schema.ts';
import { accountOf, heygenFromEnv, REQUEST_RATE_LIMIT_WAIT_MS } from '../heygen/env.ts';
import { iso, type AppEnv } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { idempotent } from '../lib/idempotency.ts';
import { zv } from '../lib/validate.ts';
import { placeCampaign } from '../lib/campaign-calendar.ts';
import { enqueueRenders, ensureQuota, insertJobs, jobRows } from './video-jobs.ts';
import { catalogueFor } from './videos.ts';

interface StoredBrief {
  goal: string;
  audience: string;
  platforms: VideoPlatform[];
  pillars: string[];
  keyMessage: string;
  roster: RosterMember[];
  plan: (PlannedVideo & { jobId: string })[];
}

/**
 * A campaign: goal, audience, platforms, an avatar roster and messaging pillars, planned
 * into N storyboards with avatars assigned by content type, one key message checked across
 * every script, and a publishing slot for each. `render: true` queues them as a batch.
 */
export const campaignRoutes = new Hono<AppEnv>()
  .post('/', idempotent, zv('json', createCampaignRequest), async (c) => {
    const { workspaceId } = c.get('auth');
    const input = c.req.valid('json');
    const db = c.get('db');
    const client = heygenFromEnv(c.env, { maxRateLimitWaitMs: REQUEST_RATE_LIMIT_WAIT_MS });
    const account = await accountOf(c.env);
    const catalogue = await catalogueFor(db, workspaceId, client);

    // Without a roster, cast the best avatar of the catalogue for each content type's tone.
    const roster: RosterMember[] =
      input.roster.length > 0
        ? input.roster
        : contentTypes.map((type) => ({ avatarId: selectCasting(catalogue.avatars, catalogue.voices, { tone: TONE_FOR[type], audience: input.audience }).avatar.id, contentTypes: [type] }));
    const startAt = input.startAt ? Date.parse(input.startAt) : Date.now() + 86_400_000;
    const id = crypto.randomUUID();
    const drafted = planCampaign({ ...input, roster, startAt });

    const storyboards: Storyboard[] = drafted.map((p) => {
      const member = roster.find((r) => r.avatarId === p.avatarId);
      const avatar: AvatarInfo = catalogue.avatars.find((a) => a.id === p.avatarId) ?? { id: p.avatarId, name: member?.name ?? p.avatarId, gender: 'unknown' };
      return buildStoryboard(
        { sourceText: p.sourceText, topic: p.topic, platform: p.platform, durationSec: input.durationSec, tone: p.tone, audience: input.audience, keyMessage: input.keyMessage, blockedWords: input.blockedWords, avatarIds: [avatar.id] },
        { avatars: [avatar], voices: catalogue.voices },
      );
    });
    const consistency = checkKeyMessageConsistency(storyboards.map((s) => s.script.text), input.keyMessage);

    const render = input.render && client !== null && account !== null;
    if (input.render && !render) throw new ApiError(400, 'bad_request', 'render: true needs HeyGen: set HEYGEN_API_KEY, or plan storyboards with render: false');
    if (render) await ensureQuota(db, client!, account!, storyboards.filter((s) => s.quality.ok).length * input.durationSec);
    // Only once the request is known to be good: placing writes the videos onto the calendar.
    const plan = await placeCampaign(db, workspaceId, id, drafted, { from: startAt });

    const now = Date.now();
    const batchId = render ? crypto.randomUUID() : null;
    const rows = jobRows(
      storyboards.map((storyboard, i) => ({ storyboard, sourceText: plan[i]!.sourceText, durationSec: input.durationSec, publishAt: plan[i]!.publishAt })),
      { workspaceId, account: render ? account : null, batchId, campaignId: id, now },
    );
    const brief: StoredBrief = {
      goal: input.goal,
      audience: input.audience,
      platforms: input.platforms,
      pillars: input.pillars,
      keyMessage: input.keyMessage,
      roster,
      plan: plan.map((p, i) => ({ ...p, jobId: rows[i]!.id! })),
    };
    await db.insert(campaigns).values({ id, workspaceId, brief: brief as unknown as Record<string, unknown>, consistency, batchId, createdAt: now });
    if (batchId) await db.insert(videoBatches).values({ id: batchId, workspaceId, campaignId: id, total: rows.length, createdAt: now });
    await insertJobs(db, rows);
    if (render) await enqueueRenders(c.env, rows as { id: string; state: string }[]);
    return c.json(await campaignView(db, workspaceId, id), 201);
  })

  .get('/', zv('query', z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) })), async (c) => {
    const { workspaceId } = c.get('auth');
    const rows = await c.get('db').select().from(campaigns).where(eq(campaigns.workspaceId, workspaceId)).orderBy(desc(campaigns.createdAt)).limit(c.req.valid('query').limit).all();
    return c.json({
      campaigns: rows.map((r) => {
        const b = r.brief as unknown as StoredBrief;
        return { id: r.id, goal: b.goal, audience: b.audience, platforms: b.platforms, videos: b.plan.length, batchId: r.batchId, consistency: r.consistency, createdAt: iso(r.createdAt) };
      }),
    });
  })

  .get('/:id', async (c) => c.json(await campaignView(c.get('db'), c.get('auth').workspaceId, c.req.param('id'))));

async function campaignView(db: AppEnv['Variables']['db'], workspaceId: string, id: string): Promise<CampaignView> {
  const row = await db.select().from(campaigns).where(and(eq(campaigns.id, id), eq(campaigns.workspaceId, workspaceId))).get();
  if (!row) throw ApiError.notFound('campaign');
  const brief = row.brief as unknown as StoredBrief;
  const jobs = await db
    .select({ id: videoJobs.id, state: videoJobs.state, storyboard: videoJobs.storyboard })
    .from(videoJobs)
    .where(and(eq(videoJobs.campaignId, id), eq(videoJobs.workspaceId, workspaceId)))
    .orderBy(asc(videoJobs.publishAt))
    .all();
  return {
    id: row.id,
    goal: brief.goal,
    audience: brief.audience,
    platforms: brief.platforms,
    pillars: brief.pillars,
    keyMessage: brief.keyMessage,
    consistency: row.consistency,
    batchId: row.batchId,
    createdAt: iso(row.createdAt),
    videos: brief.plan.map((p) => {
      const job = jobs.find((j) => j.id === p.jobId);
      return {
        jobId: p.jobId,
        index: p.index,
        pillar: p.pillar,
        contentType: p.contentType,
        platform: p.platform,
        avatarId: p.avatarId,
        publishAt: iso(p.publishAt),
        slotReason: p.slotReason,
        state: job?.state ?? 'failed',
        script: (job?.storyboard as unknown as Storyboard | undefined)?.script.text ?? '',
      };
    }),
  };
}
