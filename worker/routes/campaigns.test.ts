import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import type { CampaignView, VideoBatchView } from '../../shared/video/contract.ts';
import { call, signup, testEnv } from '../test/helpers.ts';
import { recordingQueue } from '../test/video-driver.ts';

const brief = {
  goal: 'Grow sign-ups for the agent platform',
  audience: 'engineering leaders',
  platforms: ['linkedin', 'tiktok'],
  roster: [
    { avatarId: 'Carla_teacher_office_20240215', name: 'Carla', contentTypes: ['educational', 'tips'] },
    { avatarId: 'Anna_public_3_20240108', name: 'Anna', contentTypes: ['announcement'] },
    { avatarId: 'Brandon_casual_hoodie_20240301', name: 'Brandon' },
  ],
  pillars: ['How to ship agents safely', 'We launch scoped tokens for agents', 'Customer story: Acme halves support time', 'Why agents need human approval'],
  keyMessage: 'Sightline agents ship safely with human approval.',
  videos: 8,
  durationSec: 30,
  startAt: '2026-12-01T00:00:00.000Z',
};

describe('/v1/campaigns', () => {
  it('plans N storyboards: avatars by content type, one key message everywhere, calendar slots', async () => {
    const u = await signup();
    const res = await call('/v1/campaigns', { method: 'POST', token: u.token, json: brief });
    expect(res.status).toBe(201);
    const c = (await res.json()) as CampaignView;
    expect(c.videos).toHaveLength(8);
    expect(c.consistency).toEqual({ ok: true, missing: [] });
    expect(c.batchId).toBeNull();
    expect(c.videos.slice(0, 4).map((v) => [v.contentType, v.avatarId])).toEqual([
      ['tips', 'Carla_teacher_office_20240215'],
      ['announcement', 'Anna_public_3_20240108'],
      ['testimonial', 'Brandon_casual_hoodie_20240301'],
      ['educational', 'Carla_teacher_office_20240215'],
    ]);
    for (const v of c.videos) {
      expect(v.state).toBe('storyboard');
      expect(v.script).toContain('Sightline agents ship safely with human approval');
    }
    // Slots come from the content calendar: one short video a day (the calendar's cap), all
    // after the start, each also booked on the calendar under the campaign.
    const tiktok = c.videos.filter((v) => v.platform === 'tiktok').map((v) => v.publishAt);
    expect(new Set(tiktok.map((t) => t.slice(0, 10))).size).toBe(4);
    for (const v of c.videos) {
      expect(Date.parse(v.publishAt)).toBeGreaterThanOrEqual(Date.parse(brief.startAt));
      expect(v.slotReason).toMatch(/^calendar slot /);
    }
    const calendar = (await (await call('/v1/calendar?state=scheduled', { token: u.token })).json()) as { posts: { pieceId: string; scheduledAt: string; platform: string }[] };
    const booked = calendar.posts.filter((p) => p.pieceId === c.id);
    expect(booked.map((p) => p.scheduledAt).sort()).toEqual(c.videos.map((v) => v.publishAt).sort());
    expect(new Set(booked.map((p) => p.platform))).toEqual(new Set(['linkedin', 'short-video']));
    expect((await (await call(`/v1/campaigns/${c.id}`, { token: u.token })).json()) as CampaignView).toEqual(c);
    const list = (await (await call('/v1/campaigns', { token: u.token })).json()) as { campaigns: { id: string; videos: number }[] };
    expect(list.campaigns.map((x) => [x.id, x.videos])).toEqual([[c.id, 8]]);
  });

  it('casts a roster from the catalogue when none is given', async () => {
    const u = await signup();
    const c = (await (await call('/v1/campaigns', { method: 'POST', token: u.token, json: { ...brief, roster: [], videos: 4 } })).json()) as CampaignView;
    expect(new Set(c.videos.map((v) => v.avatarId)).size).toBeGreaterThan(1);
  });

  it('refuses to render without HeyGen', async () => {
    const u = await signup();
    const res = await call('/v1/campaigns', { method: 'POST', token: u.token, json: { ...brief, render: true } });
    expect(res.status).toBe(400);
    // A refused campaign leaves nothing behind on the calendar.
    expect(((await (await call('/v1/calendar', { token: u.token })).json()) as { posts: unknown[] }).posts).toEqual([]);
  });

  it('with HeyGen, render: true queues the campaign as a batch', async () => {
    const rec = recordingQueue();
    const e = { ...testEnv, HEYGEN_API_KEY: `test-${crypto.randomUUID()}`, HEYGEN_BASE_URL: inject('heygenUrl'), VIDEO: rec.queue };
    const u = await signup();
    const c = (await (await call('/v1/campaigns', { method: 'POST', token: u.token, json: { ...brief, render: true, videos: 4 } }, e)).json()) as CampaignView;
    expect(c.batchId).toBeTruthy();
    expect(rec.sent.map((s) => s.body.type)).toEqual(['video-render', 'video-render', 'video-render', 'video-render']);
    const batch = (await (await call(`/v1/video-batches/${c.batchId}`, { token: u.token })).json()) as VideoBatchView;
    expect(batch).toMatchObject({ total: 4, queued: 4, campaignId: c.id });
  });
});
