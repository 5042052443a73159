import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import type { VideoBatchView, VideoJobView } from '../../shared/video/contract.ts';
import { builtInAvatars } from '../../shared/video/select.ts';
import { hmacHex } from '../heygen/webhook.ts';
import { withD1Limits } from '../test/d1-limits.ts';
import { call, signup, testEnv } from '../test/helpers.ts';
import { configureFake, fakeLog, recordingQueue } from '../test/video-driver.ts';

const heygenUrl = inject('heygenUrl');
const source =
  'AI agents are moving from demos into production workflows at large companies. A survey of 1,200 engineering leaders found that 41% already run AI agents in at least one internal process. The biggest gains come from support triage and code review, where AI agents cut response times by half. Teams that succeed keep a human approval step for every action that touches customers.';

/** An env with HeyGen connected to its own account on the fake server, and a recording VIDEO queue. */
function heygenEnv() {
  const key = `test-${crypto.randomUUID()}`;
  const rec = recordingQueue();
  return { key, rec, env: { ...testEnv, HEYGEN_API_KEY: key, HEYGEN_BASE_URL: heygenUrl, HEYGEN_RETRY_BASE_MS: '1', HEYGEN_WEBHOOK_SECRET: 'whsec_test_secret', VIDEO: rec.queue } };
}

describe('POST /v1/videos without a HeyGen key', () => {
  it('returns the complete storyboard, marked ready to render', async () => {
    const u = await signup();
    const res = await call('/v1/videos', { method: 'POST', token: u.token, json: { sourceText: source, platform: 'tiktok', durationSec: 45, tone: 'energetic' } });
    expect(res.status).toBe(201);
    const job = (await res.json()) as VideoJobView;
    expect(job.state).toBe('storyboard');
    expect(job.status).toBe('ready to render: connect HeyGen');
    expect(job.format).toBe('9:16');
    const sb = job.storyboard;
    expect(sb.dimension).toEqual({ width: 1080, height: 1920 });
    expect(sb.script.text).toMatch(/^Stop scrolling: here is what is changing in AI agents, and why it matters\. The short version: /);
    expect(sb.scenes.length).toBeGreaterThanOrEqual(3);
    expect(builtInAvatars.map((a) => a.id)).toContain(sb.casting.avatar.id);
    expect(sb.casting.voice.id).toBeTruthy();
    expect(sb.captionsSrt).toMatch(/^1\n00:00:00,000 --> 00:00:0\d,\d{3}\n/);
    expect(sb.quality).toEqual({ ok: true, issues: [] });

    const again = (await (await call(`/v1/videos/${job.id}`, { token: u.token })).json()) as VideoJobView;
    expect(again).toEqual(job);
  });

  it('makes a video from a saved research item of the same workspace only', async () => {
    const u = await signup();
    const other = await signup();
    const item = (await (await call('/v1/research-items', { method: 'POST', token: u.token, json: { url: 'https://example.com/agents', title: 'Agents in production', text: source } })).json()) as { id: string };
    const res = await call('/v1/videos', { method: 'POST', token: u.token, json: { researchItemId: item.id, platform: 'linkedin' } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as VideoJobView).storyboard.insights.topic).toBe('AI agents');
    expect((await call('/v1/videos', { method: 'POST', token: other.token, json: { researchItemId: item.id, platform: 'linkedin' } })).status).toBe(404);
    expect((await call('/v1/videos', { method: 'POST', token: u.token, json: { platform: 'linkedin' } })).status).toBe(400);
  });

  it('makes a video from a trend the workspace can see, narrating its headlines', async () => {
    const u = await signup();
    const other = await signup();
    const id = `video-trend-${crypto.randomUUID()}`;
    const detail = {
      members: {
        hackernews: [{ title: 'Passkeys are now the default sign-in at three major banks' }, { title: 'Why passkeys beat passwords for phishing resistance' }],
        reddit: [{ title: 'Passkeys rollout: what broke for users with shared devices' }],
      },
    };
    await env.DB.prepare(
      `insert into trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, first_detected_at, updated_at, detail)
       values (?, ?, 'Passkeys', '["passkeys","phishing"]', '["hackernews","reddit"]', 0.9, 0.8, 0, 0, ?)`,
    )
      .bind(id, u.workspace.id, JSON.stringify(detail))
      .run();
    const res = await call('/v1/videos', { method: 'POST', token: u.token, json: { trendId: id, platform: 'shorts', durationSec: 30 } });
    expect(res.status).toBe(201);
    const job = (await res.json()) as VideoJobView;
    expect(job.storyboard.script.text).toContain('Passkeys are now the default sign-in at three major banks.');
    expect((await call('/v1/videos', { method: 'POST', token: other.token, json: { trendId: id, platform: 'shorts' } })).status).toBe(404);
  });

  it('makes a video from the story that absorbed a superseded trend', async () => {
    const u = await signup();
    const tag = crypto.randomUUID().slice(0, 8);
    const add = env.DB.prepare(
      `insert into trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, first_detected_at, updated_at, detail, superseded_by) values (?, ?, ?, '[]', '["hackernews"]', 0.9, 0.8, 0, 0, ?, ?)`,
    );
    const members = (title: string) => JSON.stringify({ members: { hackernews: [{ title }] } });
    await env.DB.batch([
      add.bind(`now-${tag}`, u.workspace.id, 'Passkey recovery', members('Banks cut lockouts in half by enrolling a second passkey at sign-up'), null),
      add.bind(`was-${tag}`, u.workspace.id, 'Passkeys', members('An older headline about password managers'), `now-${tag}`),
    ]);
    const res = await call('/v1/videos', { method: 'POST', token: u.token, json: { trendId: `was-${tag}`, platform: 'shorts', durationSec: 30 } });
    expect(res.status).toBe(201);
    const script = ((await res.json()) as VideoJobView).storyboard.script.text;
    expect(script).toContain('Banks cut lockouts in half by enrolling a second passkey at sign-up.');
    expect(script).not.toMatch(/password managers/i);
  });

  it('lists the built-in presenters to cast from, saying so', async () => {
    const u = await signup();
    const body = (await (await call('/v1/videos/avatars', { token: u.token })).json()) as { source: string; avatars: { id: string; name: string }[] };
    expect(body.source).toBe('built-in');
    expect(body.avatars.map((a) => a.id)).toEqual(builtInAvatars.map((a) => a.id));
  });

  it('reports the quota as not connected', async () => {
    const u = await signup();
    expect(await (await call('/v1/videos/quota', { token: u.token })).json()).toEqual({ connected: false, remainingSec: null, committedSec: 0 });
  });

  it('rejects bad input naming the field', async () => {
    const u = await signup();
    const res = await call('/v1/videos', { method: 'POST', token: u.token, json: { sourceText: source, platform: 'myspace' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/platform/);
  });

  it('batches storyboards and reports them per job', async () => {
    const u = await signup();
    const items = [
      { sourceText: source, platform: 'tiktok', format: '9:16' },
      { sourceText: source, platform: 'linkedin', format: '1:1' },
      { sourceText: source, platform: 'youtube', format: '16:9' },
    ];
    const created = await call('/v1/video-batches', { method: 'POST', token: u.token, json: { items } });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const batch = (await (await call(`/v1/video-batches/${id}`, { token: u.token })).json()) as VideoBatchView;
    expect(batch).toMatchObject({ id, total: 3, queued: 0, rendering: 0, done: 0, failed: 0, storyboard: 3 });
    expect(batch.jobs.map((j) => j.state)).toEqual(['storyboard', 'storyboard', 'storyboard']);
  });
});

describe('workspace isolation', () => {
  it('another workspace gets 404 for a batch, a video and a campaign', async () => {
    const a = await signup('A');
    const b = await signup('B');
    const batch = (await (await call('/v1/video-batches', { method: 'POST', token: b.token, json: { items: [{ sourceText: source, platform: 'x' }] } })).json()) as { id: string };
    const video = (await (await call('/v1/videos', { method: 'POST', token: b.token, json: { sourceText: source, platform: 'x' } })).json()) as VideoJobView;
    const campaign = (await (
      await call('/v1/campaigns', { method: 'POST', token: b.token, json: { goal: 'Grow sign-ups', audience: 'founders', platforms: ['linkedin'], pillars: ['How to ship agents safely'], keyMessage: 'Agents need human approval.', videos: 2 } })
    ).json()) as { id: string };
    expect((await call(`/v1/video-batches/${batch.id}`, { token: a.token })).status).toBe(404);
    expect((await call(`/v1/videos/${video.id}`, { token: a.token })).status).toBe(404);
    expect((await call(`/v1/campaigns/${campaign.id}`, { token: a.token })).status).toBe(404);
    expect(((await (await call('/v1/video-batches', { token: a.token })).json()) as { batches: unknown[] }).batches).toEqual([]);
    expect((await call(`/v1/video-batches/${batch.id}`, { token: b.token })).status).toBe(200);
    expect((await call(`/v1/campaigns/${campaign.id}`, { token: b.token })).status).toBe(200);
  });

  it('requires a token', async () => {
    expect((await call('/v1/video-batches/x')).status).toBe(401);
  });
});

describe('with HeyGen connected', () => {
  it('queues one render, casting from the account’s avatars, cached per workspace', async () => {
    const { key, rec, env: e } = heygenEnv();
    const u = await signup();
    const res = await call('/v1/videos', { method: 'POST', token: u.token, json: { sourceText: source, platform: 'youtube', tone: 'professional', audience: 'B2B founders' } }, e);
    expect(res.status).toBe(202);
    const job = (await res.json()) as VideoJobView;
    expect(job.state).toBe('queued');
    expect(job.storyboard.casting.avatar.id).toBe('Anna_public_3_20240108');
    expect(job.storyboard.casting.voice.id).toBe('v_en_f_professional');
    expect(rec.sent).toEqual([{ body: { type: 'video-render', jobId: job.id }, delaySeconds: 0 }]);

    await call('/v1/videos', { method: 'POST', token: u.token, json: { sourceText: source, platform: 'x' } }, e);
    const paths = (await fakeLog(heygenUrl, key)).requests.map((r) => r.path);
    // One page each of the account's own and the public looks, and of its own and the public voices.
    expect(paths.filter((p) => p === '/v3/avatars/looks')).toHaveLength(2);
    expect(paths.filter((p) => p === '/v3/voices')).toHaveLength(2);
    expect(paths.filter((p) => !p.startsWith('/v3/'))).toEqual([]);
    const cached = await env.DB.prepare('select kind from heygen_catalog where workspace_id = ? order by kind').bind(u.workspace.id).all();
    expect(cached.results).toEqual([{ kind: 'avatars-v3' }, { kind: 'voices-v3' }]);
  });

  it('lists the account’s own avatars to cast from, read once and then cached', async () => {
    const { key, env: e } = heygenEnv();
    const u = await signup();
    const first = (await (await call('/v1/videos/avatars', { token: u.token }, e)).json()) as { source: string; avatars: { id: string }[] };
    expect(first.source).toBe('heygen');
    // Looks, not avatar groups; the private look still training cannot render and is left out.
    expect(first.avatars.map((a) => a.id)).toEqual(['Anna_public_3_20240108', 'Brandon_casual_hoodie_20240301', 'Carla_teacher_office_20240215']);
    const again = (await (await call('/v1/videos/avatars', { token: u.token }, e)).json()) as { source: string; avatars: { id: string }[] };
    expect(again).toEqual({ ...first, source: 'cache' });
    expect((await fakeLog(heygenUrl, key)).requests.filter((r) => r.path === '/v3/avatars/looks')).toHaveLength(2);
  });

  it('lists the account’s own look even behind more public looks than the page bound', async () => {
    const { key, env: e } = heygenEnv();
    // 600 public looks: 12 pages of 50, beyond the 10 read; the twin would come after them all.
    await configureFake(heygenUrl, key, { extraPublicLooks: 600, extraPrivateLooks: [{ id: 'look_my_twin', name: 'My Twin', gender: 'female' }] });
    const u = await signup();
    const res = (await (await call('/v1/videos/avatars', { token: u.token }, e)).json()) as { source: string; avatars: { id: string }[] };
    expect(res.source).toBe('heygen');
    expect(res.avatars[0]).toEqual({ id: 'look_my_twin', name: 'My Twin', gender: 'female' });
    expect(res.avatars.filter((a) => a.id === 'look_my_twin')).toHaveLength(1);
    // The public looks stay bounded: 10 pages of 50.
    expect(res.avatars.filter((a) => a.id !== 'look_my_twin')).toHaveLength(500);
  });

  it('serves a day-old v3 catalogue when HeyGen is down, but never rows the v2 client stored, whatever their date', async () => {
    const { key, env: e } = heygenEnv();
    await configureFake(heygenUrl, key, {}, [{ path: '/v3/avatars/looks', status: 503, times: 100 }]);
    const u = await signup();
    const store = (kinds: string[], fetchedAt: number) =>
      env.DB.batch(
        kinds.map((kind) =>
          env.DB.prepare('insert or replace into heygen_catalog (workspace_id, kind, items, fetched_at) values (?, ?, ?, ?)').bind(
            u.workspace.id,
            kind,
            JSON.stringify(kind.startsWith('avatars') ? [{ id: `${kind}_avatar`, name: 'Old', gender: 'female' }] : [{ id: `${kind}_voice`, name: 'Old', language: 'English', gender: 'female', emotionSupport: false }]),
            fetchedAt,
          ),
        ),
      );
    // Rows a v2 deployment wrote after the cut-over, even fresh ones, are neither served nor a fallback.
    await store(['avatars', 'voices'], Date.now() - 60_000);
    expect((await call('/v1/videos/avatars', { token: u.token }, e)).status).toBe(503);
    await store(['avatars', 'voices'], Date.now() - 2 * 24 * 3600_000);
    expect((await call('/v1/videos/avatars', { token: u.token }, e)).status).toBe(503);
    // A v3 list a day old is the fallback; the v2 rows next to it are still ignored.
    await store(['avatars-v3', 'voices-v3'], Date.now() - 2 * 24 * 3600_000);
    expect(await (await call('/v1/videos/avatars', { token: u.token }, e)).json()).toEqual({ source: 'stale-cache', avatars: [{ id: 'avatars-v3_avatar', name: 'Old', gender: 'female' }] });
    // And a fresh v3 list is served from the cache without asking HeyGen.
    const looksCalls = (await fakeLog(heygenUrl, key)).requests.filter((r) => r.path === '/v3/avatars/looks').length;
    await store(['avatars-v3', 'voices-v3'], Date.now() - 60_000);
    expect(await (await call('/v1/videos/avatars', { token: u.token }, e)).json()).toEqual({ source: 'cache', avatars: [{ id: 'avatars-v3_avatar', name: 'Old', gender: 'female' }] });
    expect((await fakeLog(heygenUrl, key)).requests.filter((r) => r.path === '/v3/avatars/looks')).toHaveLength(looksCalls);
  });

  it('refuses a batch that would exceed the remaining quota, with a clear message', async () => {
    const { key, rec, env: e } = heygenEnv();
    await configureFake(heygenUrl, key, { quotaSec: 100 });
    const u = await signup();
    const items = [1, 2, 3].map(() => ({ sourceText: source, platform: 'tiktok', durationSec: 45 }));
    const res = await call('/v1/video-batches', { method: 'POST', token: u.token, json: { items } }, e);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toBe(
      'not enough HeyGen credit: these videos need about 2.3 min, but the account has 1.7 min left. Remove some videos or add credit.',
    );
    expect(rec.sent).toEqual([]);
    expect((await call('/v1/video-batches', { method: 'POST', token: u.token, json: { items: items.slice(0, 2) } }, e)).status).toBe(202);
  });

  it('reports remaining credit and what queued work will use', async () => {
    const { key, env: e } = heygenEnv();
    await configureFake(heygenUrl, key, { quotaSec: 600 });
    const u = await signup();
    await call('/v1/videos', { method: 'POST', token: u.token, json: { sourceText: source, platform: 'x', durationSec: 40 } }, e);
    expect(await (await call('/v1/videos/quota', { token: u.token }, e)).json()).toEqual({ connected: true, remainingSec: 600, committedSec: 40 });
    expect((await fakeLog(heygenUrl, key)).requests.filter((r) => r.path.includes('/me'))).toEqual([
      { method: 'GET', path: '/v3/users/me', status: 200 },
      { method: 'GET', path: '/v3/users/me', status: 200 },
    ]);
  });

  it('turns the balance into seconds with HEYGEN_COST_PER_SEC (0.1 when unset or not a positive number)', async () => {
    const { key, env: e } = heygenEnv();
    await configureFake(heygenUrl, key, { quotaSec: 600 });
    const u = await signup();
    const quota = async (cost?: string) => ((await (await call('/v1/videos/quota', { token: u.token }, { ...e, HEYGEN_COST_PER_SEC: cost })).json()) as { remainingSec: number }).remainingSec;
    expect([await quota('0.05'), await quota(undefined), await quota('0'), await quota('cheap')]).toEqual([1200, 600, 600, 600]);
  });

  it('reads the balance from /v3/user/me when /v3/users/me does not exist', async () => {
    const { key, env: e } = heygenEnv();
    await configureFake(heygenUrl, key, { quotaSec: 300, userMePath: '/v3/user/me' });
    const u = await signup();
    expect(await (await call('/v1/videos/quota', { token: u.token }, e)).json()).toEqual({ connected: true, remainingSec: 300, committedSec: 0 });
    expect((await fakeLog(heygenUrl, key)).requests.map((r) => [r.path, r.status])).toEqual([
      ['/v3/users/me', 404],
      ['/v3/user/me', 200],
    ]);
  });

  it('an account without a credit limit (usage-based, no cap) reports none and is not refused', async () => {
    const { key, rec, env: e } = heygenEnv();
    await configureFake(heygenUrl, key, { quotaSec: 10, billingType: 'usage_based' });
    const u = await signup();
    const items = [1, 2, 3].map(() => ({ sourceText: source, platform: 'tiktok', durationSec: 45 }));
    expect((await call('/v1/video-batches', { method: 'POST', token: u.token, json: { items } }, e)).status).toBe(202);
    expect(rec.sent).toHaveLength(3);
    expect(await (await call('/v1/videos/quota', { token: u.token }, e)).json()).toEqual({ connected: true, remainingSec: null, committedSec: 135 });
  });

  it('a double click with the same Idempotency-Key creates one batch and one set of renders', async () => {
    const { rec, env: e } = heygenEnv();
    const u = await signup();
    const send = () =>
      call('/v1/video-batches', { method: 'POST', token: u.token, headers: { 'idempotency-key': 'click-1' }, json: { items: [{ sourceText: source, platform: 'reels' }, { sourceText: source, platform: 'shorts' }] } }, e);
    const first = (await (await send()).json()) as { id: string };
    const second = await send();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { id: string }).id).toBe(first.id);
    expect(rec.sent).toHaveLength(2);
    const n = await env.DB.prepare('select count(*) as n from video_jobs where workspace_id = ?').bind(u.workspace.id).first<{ n: number }>();
    expect(n?.n).toBe(2);
  });

  it('fails a video whose script breaks the blocked-words list instead of paying for it', async () => {
    const { rec, env: e } = heygenEnv();
    const u = await signup();
    const res = await call('/v1/videos', { method: 'POST', token: u.token, json: { sourceText: source, platform: 'x', blockedWords: ['code review'] } }, e);
    const job = (await res.json()) as VideoJobView;
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/^quality checks failed: script contains blocked words: code review/);
    expect(rec.sent).toEqual([]);
  });
});

// The LLM path charges the workspace's spend cap, kept in D1 by another change's table.
const spendTable = await env.DB.prepare("select name from sqlite_master where type = 'table' and name = 'llm_spend'").first();
if (!spendTable) console.log('videos.test: no llm_spend table yet, so the LLM script test only checks the fallback');

describe('video scripts from the LLM', () => {
  function llmEnv(llmKey: string) {
    return { ...testEnv, OPENAI_API_KEY: llmKey, OPENAI_BASE_URL: `${heygenUrl}/v1`, OPENAI_MODEL: 'gpt-4o-mini' };
  }
  const key = 'AI agents are moving from demos into production workflows at large companies.';

  it.skipIf(!spendTable)('uses the LLM’s script when one is configured', async () => {
    const llmKey = `llm-${crypto.randomUUID()}`;
    await configureFake(heygenUrl, llmKey, {
      llmReply: `Hook: Your support queue is about to get shorter.\n${key}\nTeams that win keep a human approval step for every customer-facing action.\nSupport triage and code review see the biggest gains, with response times cut in half.\nFollow for more on AI agents.`,
    });
    const u = await signup();
    const job = (await (await call('/v1/videos', { method: 'POST', token: u.token, json: { sourceText: source, platform: 'tiktok', durationSec: 20, keyMessage: key } }, llmEnv(llmKey))).json()) as VideoJobView;
    expect(job.storyboard.script.generator).toBe('llm');
    expect(job.storyboard.script.text).toMatch(/^Your support queue is about to get shorter\. AI agents are moving/);
    expect(job.storyboard.quality.ok).toBe(true);
  });

  it('falls back to the built-in writer when the LLM fails', async () => {
    const llmKey = `llm-${crypto.randomUUID()}`;
    await configureFake(heygenUrl, llmKey, { llmStatus: 400 });
    const u = await signup();
    const res = await call('/v1/videos', { method: 'POST', token: u.token, json: { sourceText: source, platform: 'tiktok' } }, llmEnv(llmKey));
    expect(res.status).toBe(201);
    expect(((await res.json()) as VideoJobView).storyboard.script.generator).toBe('built-in');
  });
});

describe('POST /v1/webhooks/heygen', () => {
  const body = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v_unknown', url: 'https://x.test/v.mp4', callback_id: 'nope' } });

  it('refuses unsigned or wrongly signed deliveries without a bearer token', async () => {
    const { env: e } = heygenEnv();
    const ts = String(Math.floor(Date.now() / 1000));
    expect((await call('/v1/webhooks/heygen', { method: 'POST', body }, e)).status).toBe(401);
    expect((await call('/v1/webhooks/heygen', { method: 'POST', body, headers: { 'heygen-signature': 'ab'.repeat(32), 'heygen-timestamp': ts } }, e)).status).toBe(401);
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const sig = await hmacHex('whsec_test_secret', body);
    expect((await call('/v1/webhooks/heygen', { method: 'POST', body, headers: { 'heygen-signature': sig, 'heygen-timestamp': stale } }, e)).status).toBe(401);
  });

  it('accepts a signed delivery once and reports repeats as duplicates (v3 and legacy headers)', async () => {
    const { env: e } = heygenEnv();
    const sig = await hmacHex('whsec_test_secret', body);
    const headers = { 'heygen-signature': sig, 'heygen-timestamp': String(Math.floor(Date.now() / 1000)), 'heygen-event-id': `evt-${crypto.randomUUID()}` };
    const first = (await (await call('/v1/webhooks/heygen', { method: 'POST', body, headers }, e)).json()) as { duplicate: boolean };
    const again = (await (await call('/v1/webhooks/heygen', { method: 'POST', body, headers }, e)).json()) as { duplicate: boolean };
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    const legacy = await call('/v1/webhooks/heygen', { method: 'POST', body: `${body} `, headers: { signature: await hmacHex('whsec_test_secret', `${body} `) } }, e);
    expect(legacy.status).toBe(200);
  });

  it('is unavailable when no webhook secret is configured', async () => {
    expect((await call('/v1/webhooks/heygen', { method: 'POST', body })).status).toBe(503);
  });
});

describe('GET /v1/video-batches at scale', () => {
  it('lists the newest 100 of 105 batches with their job counts, within D1’s 100-parameter limit', async () => {
    const u = await signup();
    const other = await signup();
    const base = Date.parse('2026-11-01T00:00:00Z');
    const states = ['storyboard', 'queued', 'submitting', 'rendering', 'done', 'failed'] as const;
    const batchIds = Array.from({ length: 105 }, (_, i) => `vb-${u.workspace.id}-${i}`);
    const job = (batchId: string, state: string, workspaceId = u.workspace.id) =>
      env.DB.prepare(
        `insert into video_jobs (id, workspace_id, batch_id, state, platform, format, duration_sec, source_text, storyboard, created_at, updated_at)
         values (?, ?, ?, ?, 'tiktok', '9:16', 30, 'text', '{}', ?, ?)`,
      ).bind(crypto.randomUUID(), workspaceId, batchId, state, base, base);
    // Batch i has i % 7 jobs cycling through the states, so the counts differ batch to batch.
    const jobStates = (i: number) => Array.from({ length: i % 7 }, (_, k) => states[(i + k) % states.length]!);
    const statements = batchIds.flatMap((id, i) => [
      env.DB.prepare('insert into video_batches (id, workspace_id, total, created_at) values (?, ?, ?, ?)').bind(id, u.workspace.id, i % 7, base + i * 1000),
      ...jobStates(i).map((state) => job(id, state)),
      // Another workspace's job carrying this batch id must not be counted.
      job(id, 'done', other.workspace.id),
    ]);
    for (let i = 0; i < statements.length; i += 50) await env.DB.batch(statements.slice(i, i + 50));

    const limited = withD1Limits(env.DB);
    const res = await call('/v1/video-batches?limit=100', { token: u.token }, { ...env, DB: limited.db });
    expect(limited.violations).toEqual([]);
    expect(res.status).toBe(200);
    const { batches } = (await res.json()) as { batches: { id: string }[] };
    const expected = batchIds
      .map((id, i) => {
        const n = (...s: string[]) => jobStates(i).filter((x) => s.includes(x)).length;
        return { id, campaignId: null, total: i % 7, createdAt: new Date(base + i * 1000).toISOString(), queued: n('queued'), rendering: n('submitting', 'rendering'), done: n('done'), failed: n('failed'), storyboard: n('storyboard') };
      })
      .reverse()
      .slice(0, 100);
    expect(batches).toEqual(expected);
  });
});
