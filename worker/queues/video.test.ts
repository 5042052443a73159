import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import type { VideoBatchView, VideoJobView } from '../../shared/video/contract.ts';
import worker from '../index.ts';
import { call, signup, testEnv } from '../test/helpers.ts';
import { configureFake, deliverWebhooks, drive, fakeLog, recordingQueue } from '../test/video-driver.ts';
import type { VideoMessage } from '../heygen/settle.ts';
import { HeyGenError, type HeyGenClient } from '../heygen/client.ts';
import { enqueueStaleVideoJobs, handleVideoQueue, renderIdempotencyKey, renderMarker, runVideoJob, videoRetryDelaySeconds } from './video.ts';

const heygenUrl = inject('heygenUrl');
const source =
  'AI agents are moving from demos into production workflows at large companies. A survey of 1,200 engineering leaders found that 41% already run AI agents in at least one internal process. The biggest gains come from support triage and code review, where AI agents cut response times by half. Teams that succeed keep a human approval step for every action that touches customers.';

async function setup(opts: { config?: Record<string, unknown>; faults?: unknown[]; concurrency?: number } = {}) {
  const key = `test-${crypto.randomUUID()}`;
  if (opts.config || opts.faults) await configureFake(heygenUrl, key, opts.config ?? {}, opts.faults);
  const rec = recordingQueue();
  const e = {
    ...testEnv,
    HEYGEN_API_KEY: key,
    HEYGEN_BASE_URL: heygenUrl,
    HEYGEN_RETRY_BASE_MS: '1',
    HEYGEN_WEBHOOK_SECRET: 'whsec_test_secret',
    HEYGEN_MAX_CONCURRENCY: String(opts.concurrency ?? 3),
    VIDEO: rec.queue,
  };
  const u = await signup();
  return { key, rec, env: e, u };
}

async function createBatch(s: Awaited<ReturnType<typeof setup>>, n: number, platform = 'tiktok') {
  const items = Array.from({ length: n }, (_, i) => ({ sourceText: source, platform, durationSec: 30 + (i % 3) * 5 }));
  const res = await call('/v1/video-batches', { method: 'POST', token: s.u.token, json: { items } }, s.env);
  if (res.status !== 202) throw new Error(`batch refused: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const initial = s.rec.sent.splice(0).map((m) => m.body);
  return { id, initial };
}

const batchView = async (token: string, id: string) => (await (await call(`/v1/video-batches/${id}`, { token })).json()) as VideoBatchView;
const duplicates = (renders: Record<string, number>) => Object.values(renders).filter((n) => n > 1).length;
type LoggedRequest = { method: string; path: string; status: number };
const isCreate = (r: LoggedRequest) => r.method === 'POST' && r.path === '/v3/videos';
const isList = (r: LoggedRequest) => r.method === 'GET' && r.path === '/v3/videos';
const replays = async (key: string) => ((await fakeLog(heygenUrl, key)) as unknown as { idempotentReplays: number }).idempotentReplays;
/** A minimal valid v3 avatar create for the fake. */
const createBody = (extra: Record<string, unknown> = {}) => ({ type: 'avatar', avatar_id: 'Anna_public_3_20240108', script: 'Hello there.', voice_id: 'v_en_f_professional', ...extra });
const postCreate = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${heygenUrl}/v3/videos`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('video render jobs', () => {
  it('render → poll → done: stores the video URL, thumbnail, captions and duration', async () => {
    const s = await setup();
    const { id, initial } = await createBatch(s, 1);
    await drive(s.env, initial);
    const batch = await batchView(s.u.token, id);
    expect(batch).toMatchObject({ total: 1, done: 1, failed: 0 });
    const job = (await (await call(`/v1/videos/${batch.jobs[0]!.id}`, { token: s.u.token }, s.env)).json()) as VideoJobView;
    expect(job.videoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/v_\w+\.mp4\?Expires=\d+$/);
    expect(job.thumbnailUrl).toMatch(/\.jpg\?/);
    expect(job.captionUrl).toMatch(/\.srt\?/);
    expect(job.durationSec).toBeCloseTo(job.storyboard.script.readingSec, 0);
    expect(job.warnings).toEqual([]);
    expect(Date.parse(job.urlsExpireAt!)).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);

    const log = await fakeLog(heygenUrl, s.key);
    const generate = log.requests.find(isCreate);
    expect(generate?.status).toBe(200);
    expect(log.rendersByCallback).toEqual({ [job.id]: 1 });
    expect(log.rendersByKey).toEqual({ [renderIdempotencyKey(job.id)]: 1 });
  });

  it('honours 429 Retry-After by re-scheduling the render for that long', async () => {
    const s = await setup({ faults: [{ path: '/v3/videos', method: 'POST', status: 429, headers: { 'retry-after': '17' }, times: 1 }] });
    const { id, initial } = await createBatch(s, 1);
    const stats = await drive(s.env, initial);
    expect(stats.delays).toContain(17);
    expect(stats.queueRetries).toBe(0);
    expect((await batchView(s.u.token, id)).done).toBe(1);
  });

  it('a 429 whose code says the usage quota or credit is spent fails the job at once, with one create and no render', async () => {
    for (const code of ['insufficient_credit', 'usage_quota_exceeded']) {
      const body = JSON.stringify({ error: { code, message: 'Your account has 0 credits left.' } });
      const s = await setup({ faults: [{ path: '/v3/videos', method: 'POST', status: 429, headers: { 'retry-after': '60' }, body, times: 1000 }] });
      const { id, initial } = await createBatch(s, 1);
      const stats = await drive(s.env, initial);
      const batch = await batchView(s.u.token, id);
      expect(batch).toMatchObject({ done: 0, failed: 1 });
      expect(batch.jobs[0]!.error).toBe(
        `HeyGen refused the render because the account's usage quota or credit is spent (HeyGen rate limit reached (HTTP 429): ${code}: Your account has 0 credits left.); add credit, then queue the video again`,
      );
      const log = await fakeLog(heygenUrl, s.key);
      expect(log.requests.filter(isCreate)).toHaveLength(1);
      expect(log.rendersByCallback).toEqual({});
      expect(stats.delays).not.toContain(60);
    }
  });

  it('a job HeyGen keeps refusing with 429 fails after 20 refused creates in a row, naming the quota', async () => {
    const s = await setup({ faults: [{ path: '/v3/videos', method: 'POST', status: 429, headers: { 'retry-after': '60' }, times: 1000 }] });
    const { id, initial } = await createBatch(s, 1);
    const stats = await drive(s.env, initial);
    const batch = await batchView(s.u.token, id);
    expect(batch).toMatchObject({ done: 0, failed: 1 });
    expect(batch.jobs[0]!.error).toBe(
      "HeyGen kept refusing with 429 (20 times in a row; last: HeyGen rate limit reached (HTTP 429): http_429: injected 429); check the account's usage quota, then queue the video again",
    );
    expect((await fakeLog(heygenUrl, s.key)).requests.filter(isCreate)).toHaveLength(20);
    // Each refusal waited its Retry-After without using the queue's retry budget.
    expect(stats.delays.filter((d) => d === 60)).toHaveLength(19);
    expect(stats.queueRetries).toBe(0);
    const row = await env.DB.prepare('select state from video_jobs where id = ?').bind(batch.jobs[0]!.id).first<{ state: string }>();
    expect(row?.state).toBe('failed');
  });

  it('19 refused creates in a row, then an accepted one: the job renders once', async () => {
    const s = await setup({ faults: [{ path: '/v3/videos', method: 'POST', status: 429, headers: { 'retry-after': '60' }, times: 19 }] });
    const { id, initial } = await createBatch(s, 1);
    await drive(s.env, initial);
    const batch = await batchView(s.u.token, id);
    expect(batch).toMatchObject({ done: 1, failed: 0 });
    const log = await fakeLog(heygenUrl, s.key);
    expect(log.requests.filter(isCreate)).toHaveLength(20);
    expect(log.rendersByCallback).toEqual({ [batch.jobs[0]!.id]: 1 });
  });

  it('the count of refused creates starts again after an uncertain outcome', async () => {
    // 15 refusals, a lost response that started nothing (503 before the render), then 15 more:
    // 30 refusals, but never 20 in a row, so the job renders.
    const s = await setup({
      faults: [
        { path: '/v3/videos', method: 'POST', status: 429, headers: { 'retry-after': '60' }, times: 15 },
        { path: '/v3/videos', method: 'POST', status: 503, times: 1 },
        { path: '/v3/videos', method: 'POST', status: 429, headers: { 'retry-after': '60' }, times: 15 },
      ],
    });
    const { id, initial } = await createBatch(s, 1);
    await drive(s.env, initial);
    const batch = await batchView(s.u.token, id);
    expect(batch).toMatchObject({ done: 1, failed: 0 });
    const log = await fakeLog(heygenUrl, s.key);
    expect(log.requests.filter(isCreate).map((r) => r.status)).toEqual([...Array(15).fill(429), 503, ...Array(15).fill(429), 200]);
    expect(log.rendersByCallback).toEqual({ [batch.jobs[0]!.id]: 1 });
  });

  it('a lost response (HeyGen rendered, answered 500) is looked up in GET /v3/videos and adopted, never re-sent: one render', async () => {
    const s = await setup({ config: { rate500AfterCommit: 1 } });
    const { id, initial } = await createBatch(s, 1);
    await drive(s.env, initial);
    const batch = await batchView(s.u.token, id);
    expect(batch.done).toBe(1);
    const log = await fakeLog(heygenUrl, s.key);
    expect(log.requests.filter(isCreate).map((r) => r.status)).toEqual([500]);
    expect(log.requests.filter(isList).map((r) => r.status)).toEqual([200]);
    expect(log.rendersByCallback).toEqual({ [batch.jobs[0]!.id]: 1 });
  });

  it('the fake, like v3, replays a create with the same Idempotency-Key (one render); another key or none is a second render', async () => {
    // The control for the duplicate detector: re-sends without the job's key are counted as the paid renders they are.
    const key = `test-${crypto.randomUUID()}`;
    const body = createBody({ callback_id: 'job-1' });
    const first = (await (await postCreate(key, body, { 'idempotency-key': 'same-key' })).json()) as { data: { video_id: string; status: string } };
    const again = await postCreate(key, { ...body, title: 'slightly different' }, { 'idempotency-key': 'same-key' });
    expect(first.data.status).toBe('waiting');
    expect(((await again.json()) as { data: { video_id: string } }).data.video_id).toBe(first.data.video_id);
    expect((await fakeLog(heygenUrl, key)).rendersByCallback).toEqual({ 'job-1': 1 });
    await postCreate(key, body, { 'idempotency-key': 'other-key' });
    await postCreate(key, body);
    const log = await fakeLog(heygenUrl, key);
    expect(log.rendersByCallback).toEqual({ 'job-1': 3 });
    expect(log.rendersByKey).toEqual({ 'same-key': 1, 'other-key': 1 });
    expect(await replays(key)).toBe(1);
  });

  it('the fake, like v3, refuses fields v3 does not know, missing required fields and the retired v2 create', async () => {
    const key = `test-${crypto.randomUUID()}`;
    const refusals = [
      [createBody({ dimension: { width: 1080, height: 1920 } }), 'Extra inputs are not permitted', 'dimension'],
      [createBody({ test: true }), 'Extra inputs are not permitted', 'test'],
      [createBody({ caption: true }), 'caption.file_format must be srt', 'caption.file_format'],
      [createBody({ voice_settings: { speed: 1, emotion: 'Excited' } }), 'Extra inputs are not permitted', 'voice_settings.emotion'],
      [{ avatar_id: 'Anna_public_3_20240108', script: 'Hi.' }, 'Field required', 'type'],
      [{ type: 'avatar', script: 'Hi.' }, 'Field required', 'avatar_id'],
      [{ type: 'avatar', avatar_id: 'Anna_public_3_20240108' }, 'Field required', 'script'],
    ] as const;
    for (const [body, message, param] of refusals) {
      const res = await postCreate(key, body);
      expect([res.status, await res.json()]).toEqual([400, { error: { code: 'invalid_parameter', message, param, doc_url: expect.stringMatching(/^https:\/\/developers\.heygen\.com\//) } }]);
    }
    const legacy = await fetch(`${heygenUrl}/v2/video/generate`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: '{}' });
    expect(legacy.status).toBe(404);
    expect(((await legacy.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await fakeLog(heygenUrl, key)).videos).toBe(0);
  });

  /** HeyGen has this job's render (title marker, callback_id and key as the client sends them) while our database never heard back. */
  async function renderAtHeyGen(key: string, jobId: string, opts: { title?: string } = {}): Promise<string> {
    const created = await postCreate(key, createBody({ title: opts.title ?? `AI agents (tiktok) ${renderMarker(jobId)}`, callback_id: jobId }), { 'idempotency-key': renderIdempotencyKey(jobId) });
    return ((await created.json()) as { data: { video_id: string } }).data.video_id;
  }

  it('a re-sent create whose first render HeyGen does not list yet gets the first answer back from its Idempotency-Key: one render', async () => {
    const s = await setup();
    const { id, initial } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    // The lookup cannot see it (as if HeyGen's list lagged its create), so the job sends its create again.
    const videoId = await renderAtHeyGen(s.key, jobId, { title: 'not listed yet' });
    await env.DB.prepare("update video_jobs set state = 'submitting', submit_attempts = 1, error = 'HeyGen failed with HTTP 500', updated_at = ? where id = ?").bind(Date.now(), jobId).run();
    await drive(s.env, initial);
    const job = (await (await call(`/v1/videos/${jobId}`, { token: s.u.token }, s.env)).json()) as VideoJobView;
    expect(job.state).toBe('done');
    expect(job.videoUrl).toContain(videoId);
    const log = await fakeLog(heygenUrl, s.key);
    expect([log.requests.filter(isList).length, log.requests.filter(isCreate).length]).toEqual([1, 2]);
    expect(log.rendersByKey).toEqual({ [renderIdempotencyKey(jobId)]: 1 });
    expect(log.rendersByCallback).toEqual({ [jobId]: 1 });
    expect(await replays(s.key)).toBe(1);
  });

  it('a 409 request_in_progress on the create is an unknown outcome: looked up on the next delivery, then sent once more', async () => {
    const inProgress = JSON.stringify({ error: { code: 'request_in_progress', message: 'A request with this Idempotency-Key is still being processed', doc_url: 'https://developers.heygen.com/docs/error-codes' } });
    const s = await setup({ faults: [{ path: '/v3/videos', method: 'POST', status: 409, body: inProgress, times: 1 }] });
    const { id, initial } = await createBatch(s, 1);
    const stats = await drive(s.env, initial);
    const batch = await batchView(s.u.token, id);
    expect(batch.done).toBe(1);
    expect(stats.queueRetries).toBe(1);
    const log = await fakeLog(heygenUrl, s.key);
    expect(log.requests.filter((r) => isCreate(r) || isList(r)).map((r) => [r.method, r.status])).toEqual([
      ['POST', 409],
      ['GET', 200],
      ['POST', 200],
    ]);
    expect(log.rendersByCallback).toEqual({ [batch.jobs[0]!.id]: 1 });
  });

  it('a job left submitting after HeyGen accepted it (answer lost, consumer gone) is adopted by the cron fallback, not re-sent', async () => {
    const s = await setup();
    const { id } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    const videoId = await renderAtHeyGen(s.key, jobId);
    await env.DB.prepare("update video_jobs set state = 'submitting', submit_attempts = 1, updated_at = ? where id = ?").bind(Date.now() - 31 * 60_000, jobId).run();
    const video = recordingQueue();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '*/15 * * * *' }), { ...s.env, JOBS: recordingQueue().queue, VIDEO: video.queue }, ctx);
    await waitOnExecutionContext(ctx);
    expect(video.sent.map((m) => m.body)).toContainEqual({ type: 'video-render', jobId });
    await drive(s.env, video.sent.map((m) => m.body));
    const job = (await (await call(`/v1/videos/${jobId}`, { token: s.u.token }, s.env)).json()) as VideoJobView;
    expect(job.state).toBe('done');
    expect(job.videoUrl).toContain(videoId);
    const log = await fakeLog(heygenUrl, s.key);
    expect(log.rendersByCallback).toEqual({ [jobId]: 1 });
  });

  it('a success webhook for a job still submitting (its create’s answer lost) adopts the render; the retry sends nothing', async () => {
    const s = await setup({ config: { renderMs: 0 } });
    const { id, initial } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    const videoId = await renderAtHeyGen(s.key, jobId);
    await env.DB.prepare("update video_jobs set state = 'submitting', submit_attempts = 1, error = 'HeyGen failed with HTTP 500', updated_at = ? where id = ?").bind(Date.now(), jobId).run();
    await fakeLog(heygenUrl, s.key);
    const polls = await deliverWebhooks(s.env, heygenUrl, s.key);
    const row = await env.DB.prepare('select state, heygen_video_id as v from video_jobs where id = ?').bind(jobId).first<{ state: string; v: string }>();
    expect(row).toEqual({ state: 'rendering', v: videoId });
    expect(polls.map((p) => p.body)).toEqual([{ type: 'video-poll', jobId, seq: 0 }]);
    expect(await runVideoJob(initial[0] as VideoMessage, s.env)).toBeNull();
    expect((await fakeLog(heygenUrl, s.key)).rendersByCallback).toEqual({ [jobId]: 1 });
  });

  it('a dead-lettered submitting job: kept when HeyGen cannot be asked, failed with where to look when the lookup cannot be certain', async () => {
    const s = await setup();
    const { id, initial } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    await env.DB.prepare("update video_jobs set state = 'submitting', submit_attempts = 6, error = 'HeyGen failed with HTTP 500', updated_at = ? where id = ?").bind(Date.now(), jobId).run();
    const deadLetter = async (client: unknown) => {
      const { createMessageBatch, getQueueResult } = await import('cloudflare:test');
      const batch = createMessageBatch('sightline-video-dlq', [{ id: 'd1', timestamp: new Date(), attempts: 6, body: initial[0]! }]);
      const ctx = createExecutionContext();
      await handleVideoQueue(batch, { ...s.env, VIDEO: recordingQueue().queue }, ctx, { client: client as HeyGenClient });
      await getQueueResult(batch, ctx);
      return env.DB.prepare('select state, error from video_jobs where id = ?').bind(jobId).first<{ state: string; error: string }>();
    };
    const down = { findRender: async () => Promise.reject(new HeyGenError('transient', 'HeyGen failed with HTTP 503', 503)) };
    expect((await deadLetter(down))?.state).toBe('submitting');
    const crowded = { findRender: async () => ({ unknown: 'not among the 5 newest pages of HeyGen videos' }) };
    expect(await deadLetter(crowded)).toEqual({ state: 'failed', error: `gave up after 6 attempts: cannot tell whether HeyGen started this render; look for "${renderMarker(jobId)}" in HeyGen's video titles before queueing it again` });
  });

  it('a re-send refused with 429 keeps the job submitting and its slot (its earlier create may be rendering); the next delivery looks again: one render', async () => {
    // The first create fails before HeyGen commits it; the re-send after the lookup is refused with 429.
    const s = await setup({ faults: [
      { path: '/v3/videos', method: 'POST', status: 503, times: 1 },
      { path: '/v3/videos', method: 'POST', status: 429, headers: { 'retry-after': '60' }, times: 1 },
    ] });
    const { id, initial } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    const message = initial[0] as VideoMessage;
    await expect(runVideoJob(message, s.env)).rejects.toThrow(/503/);
    await env.DB.prepare('update video_jobs set updated_at = ? where id = ?').bind(Date.now() - 3 * 60_000, jobId).run();
    // It waits out the Retry-After still holding its slot, not given back to the queue as if
    // nothing were rendering, so the next delivery looks it up again before any re-send.
    expect(await runVideoJob(message, s.env)).toEqual({ body: { type: 'video-render', jobId }, delaySeconds: 60 });
    expect(await env.DB.prepare('select state from video_jobs where id = ?').bind(jobId).first('state')).toBe('submitting');
    expect(await runVideoJob(message, s.env)).toMatchObject({ body: { type: 'video-poll', jobId } });
    expect((await fakeLog(heygenUrl, s.key)).requests.filter(isList)).toHaveLength(2);
    expect((await fakeLog(heygenUrl, s.key)).rendersByCallback).toEqual({ [jobId]: 1 });
  });

  it('a success webhook for a job already given up on takes its paid render back instead of leaving it lost', async () => {
    const s = await setup({ config: { renderMs: 0 } });
    const { id } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    const videoId = await renderAtHeyGen(s.key, jobId, { title: 'not listed yet' });
    await env.DB.prepare("update video_jobs set state = 'failed', error = 'gave up after 6 attempts: HeyGen failed with HTTP 503', updated_at = ? where id = ?").bind(Date.now(), jobId).run();
    await fakeLog(heygenUrl, s.key);
    const polls = await deliverWebhooks(s.env, heygenUrl, s.key);
    expect(polls.map((p) => p.body)).toEqual([{ type: 'video-poll', jobId, seq: 0 }]);
    await drive(s.env, polls.map((p) => p.body));
    const job = (await (await call(`/v1/videos/${jobId}`, { token: s.u.token }, s.env)).json()) as VideoJobView;
    expect(job).toMatchObject({ state: 'done', error: null });
    expect(job.videoUrl).toContain(videoId);
    expect((await fakeLog(heygenUrl, s.key)).rendersByCallback).toEqual({ [jobId]: 1 });
  });

  it('asks HeyGen for webhooks only when this deployment can verify them (HEYGEN_WEBHOOK_SECRET set)', async () => {
    const s = await setup();
    const { initial } = await createBatch(s, 2);
    const creates: unknown[] = [];
    const client = { generate: async (req: unknown) => (creates.push(req), `v_${creates.length}`) } as unknown as HeyGenClient;
    const withUrl = { ...s.env, PUBLIC_BASE_URL: 'https://sightline.example/' };
    await runVideoJob(initial[0] as VideoMessage, withUrl, { client });
    // Without a secret every delivery would be refused (503) and retried by HeyGen for nothing.
    await runVideoJob(initial[1] as VideoMessage, { ...withUrl, HEYGEN_WEBHOOK_SECRET: undefined }, { client });
    expect(creates[0]).toMatchObject({ callback_url: 'https://sightline.example/v1/webhooks/heygen' });
    expect(creates[1]).not.toHaveProperty('callback_url');
  });

  it('does not re-send while another consumer’s create for the job is still in flight (fresh claim, no error yet)', async () => {
    const s = await setup();
    const { id, initial } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    await env.DB.prepare("update video_jobs set state = 'submitting', submit_attempts = 1, error = null, updated_at = ? where id = ?").bind(Date.now() - 5000, jobId).run();
    const next = await runVideoJob(initial[0] as VideoMessage, s.env);
    expect(next).toMatchObject({ body: { type: 'video-render', jobId } });
    expect((await fakeLog(heygenUrl, s.key)).requests.filter((r) => r.path === '/v3/videos')).toEqual([]);
  });

  it('a redelivered render message does not render twice', async () => {
    const s = await setup();
    const { id, initial } = await createBatch(s, 1);
    await drive(s.env, [...initial, ...initial, ...initial]);
    const batch = await batchView(s.u.token, id);
    expect(batch.done).toBe(1);
    expect(Object.values((await fakeLog(heygenUrl, s.key)).rendersByCallback)).toEqual([1]);
  });

  it('a render HeyGen fails is marked failed with its reason, and never re-rendered', async () => {
    const s = await setup({ config: { failRenderRate: 1 } });
    const { id, initial } = await createBatch(s, 2);
    await drive(s.env, initial);
    const batch = await batchView(s.u.token, id);
    expect(batch).toMatchObject({ done: 0, failed: 2 });
    expect(batch.jobs.map((j) => j.error)).toEqual(['HeyGen render failed: Avatar rendering failed (rendering_failed)', 'HeyGen render failed: Avatar rendering failed (rendering_failed)']);
    expect(Object.values((await fakeLog(heygenUrl, s.key)).rendersByCallback)).toEqual([1, 1]);
  });

  it('dead-letters a job HeyGen keeps failing, with the reason', async () => {
    const s = await setup({ faults: [{ path: '/v3/videos', method: 'POST', status: 503, times: 1000 }] });
    const { id, initial } = await createBatch(s, 1);
    const stats = await drive(s.env, initial);
    expect(stats.deadLettered).toBe(1);
    expect(stats.queueRetries).toBe(6);
    const batch = await batchView(s.u.token, id);
    expect(batch.failed).toBe(1);
    expect(batch.jobs[0]!.error).toBe('gave up after 6 attempts: HeyGen failed with HTTP 503');
    // One create per delivery (a 503's outcome is unknown, so it is never re-sent inside the
    // call), each after GET /v3/videos showed the last one never started; the dead-letter
    // handler looks once more before giving up.
    const log = await fakeLog(heygenUrl, s.key);
    expect(log.requests.filter(isCreate)).toHaveLength(6);
    expect(log.requests.filter(isList)).toHaveLength(6);
  });

  it('never has more renders in flight per account than the cap', async () => {
    const s = await setup({ concurrency: 2, config: { renderMs: 40 } });
    const { id, initial } = await createBatch(s, 7);
    let peak = 0;
    await drive(s.env, initial, {
      onRound: async () => {
        const r = await env.DB.prepare("select count(*) as n from video_jobs where batch_id = ? and state in ('submitting', 'rendering')").bind(id).first<{ n: number }>();
        peak = Math.max(peak, r!.n);
      },
    });
    expect(peak).toBe(2);
    expect((await batchView(s.u.token, id)).done).toBe(7);
  });

  it('settles from webhooks, ignoring duplicate deliveries', async () => {
    const s = await setup({ config: { duplicateWebhooks: 2, renderMs: 0 } });
    const { id, initial } = await createBatch(s, 3);
    const stats = await drive(s.env, initial, { heygenUrl, heygenKey: s.key });
    expect(stats.webhooksDelivered).toBe(9);
    expect(stats.webhookDuplicates).toBe(6);
    expect((await batchView(s.u.token, id)).done).toBe(3);
    const events = await env.DB.prepare('select count(*) as n from heygen_webhook_events where video_id in (select heygen_video_id from video_jobs where batch_id = ?)').bind(id).first<{ n: number }>();
    expect(events?.n).toBe(3);
  });

  it('a fail webhook marks the job failed with HeyGen’s message', async () => {
    const s = await setup({ config: { failRenderRate: 1, renderMs: 0 } });
    const { id, initial } = await createBatch(s, 1);
    // Submit only; the webhook arrives before any poll runs.
    const submitted = recordingQueue();
    const ctx = createExecutionContext();
    const { createMessageBatch } = await import('cloudflare:test');
    await worker.queue(createMessageBatch('sightline-video', [{ id: 'r1', timestamp: new Date(), attempts: 1, body: initial[0]! }]), { ...s.env, VIDEO: submitted.queue }, ctx);
    await waitOnExecutionContext(ctx);
    await new Promise((r) => setTimeout(r, 5));
    await fakeLog(heygenUrl, s.key);
    await deliverWebhooks(s.env, heygenUrl, s.key);
    const batch = await batchView(s.u.token, id);
    expect(batch.jobs[0]).toMatchObject({ state: 'failed', error: 'HeyGen render failed: Avatar rendering failed' });
  });

  it('refreshes expiring download links from the status endpoint', async () => {
    const s = await setup();
    const { id, initial } = await createBatch(s, 1);
    await drive(s.env, initial);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    await env.DB.prepare("update video_jobs set urls_expire_at = ?, video_url = 'https://old.test/expired.mp4' where id = ?").bind(Date.now() - 1000, jobId).run();
    const job = (await (await call(`/v1/videos/${jobId}`, { token: s.u.token }, s.env)).json()) as VideoJobView;
    expect(job.videoUrl).toMatch(/^http:\/\/127\.0\.0\.1/);
    expect(Date.parse(job.urlsExpireAt!)).toBeGreaterThan(Date.now());
  });

  it('the cron re-polls renders nobody has checked for 10 minutes', async () => {
    const s = await setup();
    const { id, initial } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    await env.DB.prepare("update video_jobs set state = 'rendering', heygen_video_id = 'v_x', updated_at = ? where id = ?").bind(Date.now() - 11 * 60_000, jobId).run();
    const jobs = recordingQueue();
    const video = recordingQueue();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '*/15 * * * *' }), { ...s.env, JOBS: jobs.queue, VIDEO: video.queue }, ctx);
    await waitOnExecutionContext(ctx);
    expect(video.sent.map((m) => m.body)).toContainEqual({ type: 'video-poll', jobId, seq: 0 });
    expect(initial).toHaveLength(1);
  });
});

describe('one poll chain per job', () => {
  async function rendering(faults: unknown[]) {
    const s = await setup({ config: { renderMs: 60_000 }, faults });
    const { id, initial } = await createBatch(s, 1);
    const jobId = (await batchView(s.u.token, id)).jobs[0]!.id;
    const first = await runVideoJob(initial[0] as VideoMessage, s.env);
    expect(first).toMatchObject({ body: { type: 'video-poll', jobId } });
    return { s, jobId, first: first! };
  }

  it('a status check rate-limited for 15 minutes keeps its one chain alive: the cron never starts a second', async () => {
    const { s, jobId, first } = await rendering([{ path: '/v3/videos/', method: 'GET', status: 429, headers: { 'retry-after': '60' }, times: 100 }]);
    const t0 = Date.now();
    let message = first.body;
    let revivals = 0;
    for (let minute = 0; minute < 15; minute++) {
      const next = await runVideoJob(message, s.env, { now: () => t0 + minute * 60_000 });
      expect(next?.body).toMatchObject({ type: 'video-poll', jobId });
      expect(next!.delaySeconds).toBe(60);
      message = next!.body;
      const cron = recordingQueue();
      await enqueueStaleVideoJobs({ ...s.env, VIDEO: cron.queue }, t0 + minute * 60_000 + 30_000);
      revivals += cron.sent.filter((m) => 'jobId' in m.body && m.body.jobId === jobId).length;
    }
    expect(revivals).toBe(0);
  });

  it('status checks HeyGen keeps refusing (a revoked key) count toward the limit: the job fails and frees its slot instead of rendering forever', async () => {
    const { s, jobId, first } = await rendering([{ path: '/v3/videos/', method: 'GET', status: 403, times: 1000 }]);
    // A refused check neither throws into the queue's retries nor stands still: it counts.
    const next = await runVideoJob(first.body, s.env);
    expect(next).toMatchObject({ body: { type: 'video-poll', jobId, seq: 1 } });
    expect(await env.DB.prepare('select polls from video_jobs where id = ?').bind(jobId).first('polls')).toBe(1);
    // The last allowed check (about six hours of them) ends it.
    await env.DB.prepare('update video_jobs set polls = 359 where id = ?').bind(jobId).run();
    await runVideoJob({ type: 'video-poll', jobId, seq: 359 }, s.env);
    const row = await env.DB.prepare('select state, error from video_jobs where id = ?').bind(jobId).first<{ state: string; error: string }>();
    expect(row?.state).toBe('failed');
    expect(row?.error).toMatch(/after 360 checks; giving up/);
  });

  it('a job waiting for a render slot keeps one chain: the cron does not take it for a stuck job', async () => {
    const s = await setup({ concurrency: 1, config: { renderMs: 3_600_000 } });
    const { id, initial } = await createBatch(s, 2);
    const jobs = (await batchView(s.u.token, id)).jobs.map((j) => j.id);
    const t0 = Date.now();
    expect(await runVideoJob(initial[0] as VideoMessage, s.env, { now: () => t0 })).toMatchObject({ body: { type: 'video-poll' } });
    const waiting = initial[1] as VideoMessage & { jobId: string };
    let revivals = 0;
    for (let minute = 0; minute < 60; minute += 5) {
      // The waiting job's own chain comes round (every ~20 s; every 5 minutes is enough here).
      expect(await runVideoJob(waiting, s.env, { now: () => t0 + minute * 60_000 })).toMatchObject({ body: { type: 'video-render', jobId: waiting.jobId } });
      const cron = recordingQueue();
      await enqueueStaleVideoJobs({ ...s.env, VIDEO: cron.queue }, t0 + minute * 60_000 + 60_000);
      revivals += cron.sent.filter((m) => 'jobId' in m.body && m.body.jobId === waiting.jobId).length;
    }
    expect(jobs).toContain(waiting.jobId);
    expect(revivals).toBe(0);
  });

  it('a webhook’s status check and the pending poll race for one slot: one chain continues', async () => {
    const { s, jobId, first } = await rendering([{ path: '/v3/videos/', method: 'GET', status: 429, headers: { 'retry-after': '30' }, times: 10 }]);
    const { createMessageBatch, getQueueResult } = await import('cloudflare:test');
    // What the webhook route sends on avatar_video.success for a rendering job.
    const row = await env.DB.prepare('select polls from video_jobs where id = ?').bind(jobId).first<{ polls: number }>();
    const fromWebhook = { type: 'video-poll', jobId, seq: row!.polls };
    const round = async (bodies: unknown[]) => {
      const out = recordingQueue();
      const batch = createMessageBatch<unknown>('sightline-video', bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })));
      const ctx = createExecutionContext();
      await worker.queue(batch, { ...s.env, VIDEO: out.queue }, ctx);
      await getQueueResult(batch, ctx);
      return out.sent.map((m) => m.body);
    };
    // The webhook's check, the chain's pending check, and a poll without a count (an older
    // sender) that takes the chain over: every rate-limited check re-schedules, yet after
    // one more round a single chain is left.
    const second = await round([fromWebhook, first.body, { type: 'video-poll', jobId }]);
    const third = await round(second);
    expect(third).toHaveLength(1);
    expect(await round(third)).toHaveLength(1);
  });
});

describe('videoRetryDelaySeconds', () => {
  it.each([
    [1, 0, 5],
    [1, 1, 15],
    [3, 0.5, 40],
    [9, 0.5, 600],
  ])('attempt %i with jitter %f waits %i s', (attempts, r, seconds) => {
    expect(videoRetryDelaySeconds(attempts, () => r)).toBe(seconds);
  });
});

/**
 * 20 % of all API calls fail transiently: 8% 429 (Retry-After), 8% 500, and 4% 500s sent
 * after the render was started (lost responses). 10% of renders are slow, and every webhook
 * is delivered twice. With `honourIdempotencyKey: false` the fake renders every create, as
 * HeyGen does once a key's 24 h are over, so only the title-marker look-up stands between a
 * lost response and a second paid render.
 */
async function twentyPercentBatch(label: string, extra: Record<string, unknown> = {}) {
  const s = await setup({
    concurrency: 3,
    config: { rate429: 0.08, rate500: 0.08, rate500AfterCommit: 0.04, retryAfterSec: 2, slowRenderRate: 0.1, slowRenderMs: 200, renderMs: 10, duplicateWebhooks: 1, seed: 20261124, ...extra },
  });
  const started = Date.now();
  const { id, initial } = await createBatch(s, 100);
  const stats = await drive(s.env, initial, { heygenUrl, heygenKey: s.key, maxRounds: 20_000 });
  const seconds = (Date.now() - started) / 1000;
  const batch = await batchView(s.u.token, id);
  const log = await fakeLog(heygenUrl, s.key);
  const figures = {
    completed: batch.done,
    failed: batch.failed,
    duplicateRenders: duplicates(log.rendersByCallback),
    renders: Object.values(log.rendersByCallback).reduce((a, b) => a + b, 0),
    apiCalls: log.requests.length,
    createCalls: log.requests.filter(isCreate).length,
    // Look-ups after a create whose outcome was unknown (GET /v3/videos filtered by the title marker).
    listLookups: log.requests.filter(isList).length,
    // Re-sent creates HeyGen answered from the Idempotency-Key instead of rendering again.
    idempotentReplays: await replays(s.key),
    http429: log.statusCounts['429'] ?? 0,
    http500: log.statusCounts['500'] ?? 0,
    // Every 429 and 500 was retried: a read's 500s inside the call with backoff, a create's
    // 500 only after GET /v3/videos showed no render (listLookups), 429s by re-queueing after Retry-After.
    retriedCalls: (log.statusCounts['429'] ?? 0) + (log.statusCounts['500'] ?? 0),
    queueRetries: stats.queueRetries,
    requeues: stats.requeues,
    deadLettered: stats.deadLettered,
    webhooks: stats.webhooksDelivered,
    duplicateWebhooksIgnored: stats.webhookDuplicates,
    wallSeconds: Math.round(seconds * 10) / 10,
  };
  console.log(`video batch figures${label}: ${JSON.stringify(figures)}`);
  expect(batch.total).toBe(100);
  expect(batch.done).toBeGreaterThanOrEqual(99);
  expect(figures.duplicateRenders).toBe(0);
  expect(figures.renders).toBe(batch.done + batch.failed - batch.jobs.filter((j) => j.state === 'failed' && !j.error?.startsWith('HeyGen render failed')).length);
  expect(figures.http429 + figures.http500).toBeGreaterThan(0);
  return figures;
}

describe('a 100-job batch against a HeyGen failing 20% of calls', () => {
  it('completes at least 99 jobs and renders none twice', async () => {
    await twentyPercentBatch('');
  }, 120_000);

  it('renders none twice even when HeyGen ignores the Idempotency-Key (the title-marker look-up alone)', async () => {
    const figures = await twentyPercentBatch(' without idempotency keys', { honourIdempotencyKey: false });
    expect(figures.idempotentReplays).toBe(0);
    // Lost responses happened, so the look-up had work to do.
    expect(figures.listLookups).toBeGreaterThan(0);
  }, 120_000);
});

describe('a 100-job batch against a HeyGen failing 50% of calls', () => {
  it('still renders nothing twice, and every job ends done or failed with a reason', async () => {
    const s = await setup({ concurrency: 3, config: { renderMs: 10 } });
    const { id, initial } = await createBatch(s, 100);
    // Faults start after the batch is accepted (the request itself would get a clear 429).
    await configureFake(heygenUrl, s.key, { rate429: 0.15, rate500: 0.25, rate500AfterCommit: 0.1, retryAfterSec: 5, seed: 7 });
    const stats = await drive(s.env, initial, { maxRounds: 40_000 });
    const batch = await batchView(s.u.token, id);
    const log = await fakeLog(heygenUrl, s.key);
    console.log(
      `video batch figures at 50% faults: ${JSON.stringify({
        completed: batch.done,
        failed: batch.failed,
        duplicateRenders: duplicates(log.rendersByCallback),
        renders: Object.values(log.rendersByCallback).reduce((a, b) => a + b, 0),
        createCalls: log.requests.filter(isCreate).length,
        listLookups: log.requests.filter(isList).length,
        idempotentReplays: await replays(s.key),
        queueRetries: stats.queueRetries,
        deadLettered: stats.deadLettered,
        apiCalls: log.requests.length,
      })}`,
    );
    expect(batch.done + batch.failed).toBe(100);
    expect(duplicates(log.rendersByCallback)).toBe(0);
    for (const j of batch.jobs.filter((x) => x.state === 'failed')) expect(j.error).toMatch(/^gave up after 6 attempts: HeyGen/);
    expect(batch.done).toBeGreaterThanOrEqual(95);
  }, 120_000);
});
