import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import type { CalendarPost } from '../../shared/calendar/state.ts';
import type { LlmUsageResponse } from '../../shared/contracts/api.ts';
import worker from '../index.ts';
import { call, signup } from '../test/helpers.ts';

const HOUR = 3600_000;
const article =
  'Passkeys are replacing passwords faster than most security teams expected. Microsoft made passkeys the default sign-in for new accounts this year. ' +
  'Banks report fewer account takeovers after switching customers to passkeys. The hard part is recovery when a user loses every device.';

async function tick(now: number) {
  const batch = createMessageBatch('sightline-jobs', [{ id: crypto.randomUUID(), timestamp: new Date(now), attempts: 1, body: { type: 'calendar-tick', now } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
}

describe('/v1/calendar', () => {
  it('walks a post through draft → scheduled → due → notified → opened → published, storing each time', async () => {
    const u = await signup();
    const created = await call('/v1/calendar', { method: 'POST', token: u.token, json: { platform: 'x', topic: 'passkeys', text: 'Passkeys are here.' } });
    expect(created.status).toBe(201);
    const draft = (await created.json()) as CalendarPost;
    expect(draft.state).toBe('draft');

    const at = new Date(Date.now() + HOUR).toISOString();
    const move = (to: string, extra: Record<string, unknown> = {}) => call(`/v1/calendar/${draft.id}/transition`, { method: 'POST', token: u.token, json: { to, ...extra } });
    expect(((await (await move('scheduled', { scheduledAt: at })).json()) as CalendarPost).scheduledAt).toBe(at);

    // Illegal moves are refused with the allowed ones named, and change nothing.
    const illegal = await move('published');
    expect(illegal.status).toBe(409);
    expect(((await illegal.json()) as { message: string }).message).toMatch(/allowed from 'scheduled': draft, due, failed/);

    await tick(Date.parse(at) + 60_000);
    // A browser that saw the slot start before the cron did asks for 'due' too: already done, not a conflict.
    const again = await move('due');
    expect(again.status).toBe(200);
    expect(((await again.json()) as CalendarPost).history.filter((h) => h.state === 'due')).toHaveLength(1);
    for (const to of ['notified', 'opened', 'published']) expect((await move(to)).status).toBe(200);
    // Two browsers marking it published: the second is told it is published.
    expect((await move('published')).status).toBe(200);
    const list = (await (await call('/v1/calendar', { token: u.token })).json()) as { posts: CalendarPost[] };
    expect(list.posts[0]!.history.map((h) => h.state)).toEqual(['draft', 'scheduled', 'due', 'notified', 'opened', 'published']);
  });

  it('marks a post missed when its slot passed unpublished: never silently dropped', async () => {
    const u = await signup();
    const at = new Date(Date.now() + HOUR).toISOString();
    const post = (await (await call('/v1/calendar', { method: 'POST', token: u.token, json: { platform: 'linkedin', topic: 'recovery', text: 'x', scheduledAt: at } })).json()) as CalendarPost;
    await tick(Date.parse(at) + 1000);
    await tick(Date.parse(at) + 7 * HOUR);
    const missed = (await (await call('/v1/calendar?state=missed', { token: u.token })).json()) as { posts: CalendarPost[] };
    expect(missed.posts.map((p) => p.id)).toEqual([post.id]);
    // A missed post can be rescheduled.
    const again = await call(`/v1/calendar/${post.id}/transition`, { method: 'POST', token: u.token, json: { to: 'scheduled', scheduledAt: new Date(Date.now() + 2 * HOUR).toISOString() } });
    expect(again.status).toBe(200);
  });

  it('allocates a cross-platform piece: X thread first, spaced, on distinct topics, and commits it', async () => {
    const u = await signup();
    const res = await call('/v1/calendar/allocate', {
      method: 'POST',
      token: u.token,
      json: {
        timeZone: 'Europe/Berlin',
        commit: true,
        posts: [
          { platform: 'linkedin', topic: 'passkeys', text: 'LinkedIn version', pieceId: 'piece-1' },
          { platform: 'x', topic: 'passkeys', text: 'X thread', pieceId: 'piece-1' },
          { platform: 'x', topic: 'ai agents', text: 'Another topic' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { placed: { postId: string; platform: string; at: string }[]; unplaced: unknown[]; committed: CalendarPost[] };
    expect(body.unplaced).toEqual([]);
    const piece = body.committed.filter((p) => p.pieceId === 'piece-1');
    const xAt = Date.parse(piece.find((p) => p.platform === 'x')!.scheduledAt!);
    const liAt = Date.parse(piece.find((p) => p.platform === 'linkedin')!.scheduledAt!);
    expect(liAt - xAt).toBeGreaterThanOrEqual(2 * HOUR);
    const times = body.committed.map((p) => Date.parse(p.scheduledAt!)).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(HOUR);
    expect(body.committed.every((p) => p.state === 'scheduled')).toBe(true);
    const stored = (await (await call('/v1/calendar?state=scheduled', { token: u.token })).json()) as { posts: CalendarPost[] };
    expect(stored.posts).toHaveLength(3);
  });

  it('exports CSV and imports it back, reporting bad rows', async () => {
    const u = await signup();
    await call('/v1/calendar', { method: 'POST', token: u.token, json: { platform: 'x', topic: 'csv, "quoted"', text: 'line one\nline two', scheduledAt: new Date(Date.now() + HOUR).toISOString() } });
    const csv = await (await call('/v1/calendar/export', { token: u.token })).text();
    expect(csv.split('\n')[0]).toBe('id,platform,topic,piece_id,state,scheduled_at,text,history');
    const other = await signup();
    const imported = await call('/v1/calendar/import', { method: 'POST', token: other.token, json: { csv: csv + 'x1,x,t,,bogus-state,,text,\n' } });
    expect(imported.status).toBe(201);
    const body = (await imported.json()) as { imported: number; skipped: number; errors: { line: number; field: string }[] };
    expect(body.imported).toBe(1);
    expect(body.skipped).toBe(1);
    expect(body.errors[0]).toMatchObject({ field: 'state' });
    const list = (await (await call('/v1/calendar', { token: other.token })).json()) as { posts: CalendarPost[] };
    expect(list.posts[0]).toMatchObject({ topic: 'csv, "quoted"', text: 'line one\nline two', state: 'scheduled' });
  });

  it('refuses a CSV with an unterminated quote with 400 naming the line, storing nothing', async () => {
    const u = await signup();
    const res = await call('/v1/calendar/import', { method: 'POST', token: u.token, json: { csv: 'id,platform,topic,piece_id,state,scheduled_at,text,history\nx1,x,t,,draft,,"oops\n' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request', message: 'csv: line 2: unterminated quoted field' });
    expect(((await (await call('/v1/calendar', { token: u.token })).json()) as { posts: unknown[] }).posts).toEqual([]);
  });

  it('keeps calendars private: another workspace gets 404', async () => {
    const a = await signup();
    const b = await signup();
    const post = (await (await call('/v1/calendar', { method: 'POST', token: b.token, json: { platform: 'x', topic: 't', text: 'x' } })).json()) as CalendarPost;
    expect((await call(`/v1/calendar/${post.id}/transition`, { method: 'POST', token: a.token, json: { to: 'scheduled', scheduledAt: new Date().toISOString() } })).status).toBe(404);
    expect((await call(`/v1/calendar/${post.id}`, { method: 'DELETE', token: a.token })).status).toBe(404);
    expect(((await (await call('/v1/calendar', { token: a.token })).json()) as { posts: unknown[] }).posts).toEqual([]);
  });

  it('ranks content gaps: trending topics the workspace has not covered', async () => {
    const u = await signup();
    const now = Date.now();
    await env.DB.prepare(
      `insert into trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, first_detected_at, updated_at) values ('gap-1', ?, 'Passkeys', '["passkeys"]', '["hackernews"]', 0.9, 0.9, ?, ?)`,
    )
      .bind(u.workspace.id, now, now)
      .run();
    const gaps = (await (await call('/v1/calendar/gaps', { token: u.token })).json()) as { gaps: { topic: string; opportunity: number }[] };
    expect(gaps.gaps.find((g) => g.topic === 'Passkeys')?.opportunity).toBeGreaterThan(0);
    await call('/v1/calendar', { method: 'POST', token: u.token, json: { platform: 'x', topic: 'passkeys', text: 'Our take on passkeys', scheduledAt: new Date(now + HOUR).toISOString() } });
    const after = (await (await call('/v1/calendar/gaps', { token: u.token })).json()) as { gaps: { topic: string; opportunity: number }[] };
    expect(after.gaps.find((g) => g.topic === 'Passkeys')?.opportunity ?? 0).toBeLessThan(gaps.gaps.find((g) => g.topic === 'Passkeys')!.opportunity);
  });

  it('offers only trends the list shows: not one absorbed by another, not one that dropped out hours ago', async () => {
    const u = await signup();
    const now = Date.now();
    const add = env.DB.prepare(
      `insert into trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, first_detected_at, updated_at, superseded_by) values (?, ?, ?, '[]', '["hackernews"]', 0.9, 0.9, ?, ?, ?)`,
    );
    await env.DB.batch([
      add.bind('gap-live', u.workspace.id, 'Passkeys', now, now, null),
      add.bind('gap-absorbed', u.workspace.id, 'Passkey recovery', now, now, 'gap-live'),
      add.bind('gap-stale', u.workspace.id, 'Password managers', now - 30 * HOUR, now - 12 * HOUR, null),
    ]);
    const listed = ((await (await call('/v1/trends', { token: u.token })).json()) as { trends: { name: string }[] }).trends.map((t) => t.name);
    const gaps = ((await (await call('/v1/calendar/gaps', { token: u.token })).json()) as { gaps: { topic: string }[] }).gaps.map((g) => g.topic);
    expect(gaps).toContain('Passkeys');
    expect(gaps.filter((t) => !listed.includes(t))).toEqual([]);
    expect(gaps).not.toContain('Passkey recovery');
    expect(gaps).not.toContain('Password managers');
  });
});

describe('/v1/drafts and /v1/repurpose', () => {
  it('drafts from the story that absorbed a superseded trend, never from one the workspace cannot see', async () => {
    const u = await signup();
    const other = await signup();
    const add = env.DB.prepare(
      `insert into trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, first_detected_at, updated_at, detail, superseded_by) values (?, ?, ?, '[]', '["hackernews"]', 0.9, 0.9, 0, 0, ?, ?)`,
    );
    const members = (...titles: string[]) => JSON.stringify({ members: { hackernews: titles.map((title, i) => ({ externalId: String(i), title, url: null })) } });
    const tag = crypto.randomUUID().slice(0, 8);
    await env.DB.batch([
      add.bind(`live-${tag}`, u.workspace.id, 'Passkey recovery', members('Banks cut lockouts in half by enrolling a second passkey at sign-up', 'Passkey recovery is the part teams forget'), null),
      add.bind(`old-${tag}`, u.workspace.id, 'Passkeys', members('An older headline about password managers'), `live-${tag}`),
      add.bind(`theirs-${tag}`, other.workspace.id, 'Private story', members('Another workspace keeps this to itself'), null),
      add.bind(`leaky-${tag}`, u.workspace.id, 'Passkeys again', members('Password managers add passkey export'), `theirs-${tag}`),
    ]);
    const draftFrom = async (trendId: string) =>
      ((await (await call('/v1/drafts', { method: 'POST', token: u.token, json: { platform: 'linkedin', source: { kind: 'trend', trendId } } })).json()) as { draft: { text: string } }).draft.text;
    const followed = await draftFrom(`old-${tag}`);
    expect(followed).toMatch(/second passkey|lockouts/i);
    expect(followed).not.toMatch(/password managers/i);
    // A pointer to a trend this workspace cannot see is not followed.
    const kept = await draftFrom(`leaky-${tag}`);
    expect(kept).toMatch(/password managers/i);
    expect(kept).not.toMatch(/keeps this to itself/i);
  });

  it('drafts a sample trend from its hand-written brief, and refuses a trend with nothing behind it', async () => {
    const u = await signup();
    const tag = crypto.randomUUID().slice(0, 8);
    const add = env.DB.prepare(`insert into trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, first_detected_at, updated_at, detail) values (?, null, ?, ?, '["reddit"]', 0.6, 0.5, 0, 0, ?)`);
    await env.DB.batch([
      add.bind(`sample-${tag}`, 'Four-day work week', '["four-day week","4-day work week"]', JSON.stringify({ brief: 'Companies are piloting a four-day work week at full pay. Pilot organisers report on productivity, retention and burnout.' })),
      add.bind(`bare-${tag}`, 'Bare trend', '["bare","keywords only"]', null),
    ]);
    const post = (trendId: string) => call('/v1/drafts', { method: 'POST', token: u.token, json: { platform: 'linkedin', source: { kind: 'trend', trendId } } });
    const fromBrief = (await (await post(`sample-${tag}`)).json()) as { path: string; draft: { text: string } };
    expect(fromBrief.path).toBe('built-in');
    expect(fromBrief.draft.text).toMatch(/piloting a four-day work week/);
    // Not the old keyword filler ("Four-day work week: 4-day work week.").
    expect(fromBrief.draft.text).not.toMatch(/work week: 4-day/);
    const bare = await post(`bare-${tag}`);
    expect(bare.status).toBe(409);
    expect(await bare.json()).toMatchObject({ code: 'conflict', message: "trend 'Bare trend' has no stories to draft from yet; draft from a page or a saved item instead" });
  });

  it('drafts from pasted text on the built-in path without a key, saying so', async () => {
    const u = await signup();
    const res = await call('/v1/drafts', { method: 'POST', token: u.token, json: { platform: 'linkedin', source: { kind: 'text', text: article } } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { path: string; draft: { label: string; text: string; generator: string }; messageScore: number; fallbackReason: string };
    expect(body.path).toBe('built-in');
    expect(body.fallbackReason).toBe('no LLM configured (set OPENAI_API_KEY for model-written drafts)');
    expect(body.draft.generator).toBe('built-in');
    expect(body.draft.label).toMatch(/Built-in draft/);
    expect(body.draft.text).toMatch(/[Pp]asskeys/);
    expect(body.messageScore).toBeGreaterThanOrEqual(0.5);
  });

  it('drafts through an OpenAI-compatible endpoint when a key is set, and records the spend', async () => {
    const u = await signup();
    const llmEnv = { ...env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${inject('openaiUrl')}/v1`, OPENAI_MODEL: 'gpt-4o-mini' };
    const res = await worker.fetch(
      new Request('https://sightline.test/v1/drafts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${u.token}` },
        body: JSON.stringify({ platform: 'x', source: { kind: 'text', text: article } }),
      }),
      llmEnv,
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { path: string; fallbackReason?: string; usage?: { usd: number } };
    // Either the model's draft passed the checks, or the built-in one was used with the reason given.
    if (body.path === 'llm') expect(body.usage?.usd).toBeGreaterThan(0);
    else expect(body.fallbackReason).toBeTruthy();
    const spent = await env.DB.prepare('select count(*) as n from llm_spend where workspace_id = ?').bind(u.workspace.id).first<{ n: number }>();
    expect(spent?.n).toBe(1);
  });

  it('GET /v1/workspace/llm-usage shows this month’s spend against the cap, to its own workspace only', async () => {
    const u = await signup();
    const other = await signup();
    const llmEnv = { ...env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${inject('openaiUrl')}/v1`, OPENAI_MODEL: 'gpt-4o-mini', LLM_SPEND_CAP_USD: '2.5' };
    const request = (path: string, token: string, init: RequestInit = {}) =>
      worker.fetch(new Request(`https://sightline.test${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }), llmEnv, createExecutionContext());
    const usage = async (token: string) => (await (await request('/v1/workspace/llm-usage', token)).json()) as LlmUsageResponse;
    const period = new Date().toISOString().slice(0, 7);
    expect(await usage(u.token)).toEqual({ llm: 'openai-compatible', period, spentUsd: 0, capUsd: 2.5, requests: 0 });

    for (const platform of ['x', 'linkedin']) {
      expect((await request('/v1/drafts', u.token, { method: 'POST', body: JSON.stringify({ platform, source: { kind: 'text', text: article } }) })).status).toBe(200);
    }
    const rows = await env.DB.prepare('select usd from llm_spend where workspace_id = ?').bind(u.workspace.id).all<{ usd: number }>();
    const mine = await usage(u.token);
    expect(mine.requests).toBe(2);
    expect(mine.spentUsd).toBeGreaterThan(0);
    expect(mine.spentUsd).toBeCloseTo(rows.results.reduce((a, r) => a + r.usd, 0), 12);
    expect(await usage(other.token)).toMatchObject({ spentUsd: 0, requests: 0 });
    // Without a key nothing is spent, and the console says which path drafts take.
    expect(await (await call('/v1/workspace/llm-usage', { token: u.token })).json()).toMatchObject({ llm: 'built-in', capUsd: 5, requests: 2 });
  });

  it('drafts from a saved research item of the same workspace only', async () => {
    const a = await signup();
    const b = await signup();
    const item = (await (await call('/v1/research-items', { method: 'POST', token: b.token, json: { url: 'https://example.com/a', title: 'Passkeys', text: article } })).json()) as { id: string };
    expect((await call('/v1/drafts', { method: 'POST', token: a.token, json: { platform: 'x', source: { kind: 'research', itemId: item.id } } })).status).toBe(404);
    expect((await call('/v1/drafts', { method: 'POST', token: b.token, json: { platform: 'x', source: { kind: 'research', itemId: item.id } } })).status).toBe(200);
  });

  it('repurposes into every platform with scored variants', async () => {
    const u = await signup();
    const res = await call('/v1/repurpose', { method: 'POST', token: u.token, json: { text: article, platforms: ['x', 'linkedin', 'youtube-shorts'], variants: 2 } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { variants: { platform: string; accepted: boolean; messageScore: number; characters: number }[]; threshold: number };
    expect(new Set(body.variants.map((v) => v.platform))).toEqual(new Set(['x', 'linkedin', 'youtube-shorts']));
    for (const v of body.variants.filter((x) => x.accepted)) expect(v.messageScore).toBeGreaterThanOrEqual(body.threshold);
  });
});

describe('/v1/calendar/events (user-editable seasonal calendar)', () => {
  it('lists the bundled events, stores the workspace’s own, and allocation follows them', async () => {
    const u = await signup();
    const listed = (await (await call('/v1/calendar/events', { token: u.token })).json()) as { bundled: { id: string }[]; custom: unknown[] };
    expect(listed.bundled.map((e) => e.id)).toContain('thanksgiving');
    expect(listed.custom).toEqual([]);

    // A launch post, planned over Monday 1 and Tuesday 2 March 2027: whichever day the
    // workspace marks as its launch day is where it goes, so the events are what decides.
    const launchDay = (day: number) => ({ id: 'launch-day', name: 'Our launch', rule: { kind: 'fixed', month: 3, day }, lift: 1, topicLift: 3, topics: ['launch'] });
    const plan = async (token: string) =>
      ((await (
        await call('/v1/calendar/allocate', {
          method: 'POST',
          token,
          json: { timeZone: 'UTC', startAt: '2027-03-01T00:00:00Z', days: 2, posts: [{ platform: 'x', topic: 'launch', text: 'We launch today' }] },
        })
      ).json()) as { placed: { at: string; reasons: string[] }[] }).placed;
    const other = await signup();
    for (const [token, day] of [[u.token, 2], [other.token, 1]] as const) {
      const put = await call('/v1/calendar/events', { method: 'PUT', token, json: { events: [launchDay(day), { id: 'thanksgiving', name: 'Thanksgiving', rule: { kind: 'fixed', month: 11, day: 26 }, lift: 1, disabled: true }] } });
      expect(put.status).toBe(200);
    }
    expect((await plan(u.token))[0]!.at.slice(0, 10)).toBe('2027-03-02');
    expect((await plan(other.token))[0]!.at.slice(0, 10)).toBe('2027-03-01');
    expect(((await (await call('/v1/calendar/events', { token: u.token })).json()) as { custom: { id: string }[] }).custom.map((e) => e.id)).toEqual(['launch-day', 'thanksgiving']);
  });

  it('rejects malformed events and leaves the stored ones alone', async () => {
    const u = await signup();
    const good = { id: 'launch', name: 'Launch', rule: { kind: 'fixed', month: 3, day: 1 }, lift: 1.2 };
    await call('/v1/calendar/events', { method: 'PUT', token: u.token, json: { events: [good] } });
    const bad = await call('/v1/calendar/events', { method: 'PUT', token: u.token, json: { events: [{ ...good, rule: { kind: 'fixed', month: 13, day: 1 } }] } });
    expect(bad.status).toBe(400);
    const dup = await call('/v1/calendar/events', { method: 'PUT', token: u.token, json: { events: [good, good] } });
    expect(dup.status).toBe(400);
    expect(((await (await call('/v1/calendar/events', { token: u.token })).json()) as { custom: { id: string }[] }).custom.map((e) => e.id)).toEqual(['launch']);
  });
});
