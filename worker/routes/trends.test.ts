import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trend, TrendList } from '../../shared/contracts/api.ts';
import { d1Violation, withD1Limits } from '../test/d1-limits.ts';
import { call, signup } from '../test/helpers.ts';

async function insertTrend(t: { id: string; name: string; workspaceId: string | null; confidence: number; velocity: number; keywords?: string[] }) {
  const now = Date.parse('2026-11-20T10:00:00Z');
  await env.DB.prepare(
    `insert into trends (id, workspace_id, name, keywords, source_platforms, confidence_score, velocity_score, first_detected_at, updated_at)
     values (?, ?, ?, ?, '["reddit","hackernews"]', ?, ?, ?, ?)`,
  )
    .bind(t.id, t.workspaceId, t.name, JSON.stringify(t.keywords ?? [t.name]), t.confidence, t.velocity, now - 3600_000, now)
    .run();
}

describe('/v1/trends', () => {
  let a: Awaited<ReturnType<typeof signup>>;
  let b: Awaited<ReturnType<typeof signup>>;

  beforeAll(async () => {
    a = await signup('Workspace A');
    b = await signup('Workspace B');
    await insertTrend({ id: 'pub-1', name: 'Small language models', workspaceId: null, confidence: 0.9, velocity: 0.8 });
    await insertTrend({ id: 'pub-2', name: 'Passkeys', workspaceId: null, confidence: 0.5, velocity: 0.3 });
    await insertTrend({ id: 'a-1', name: 'Acme topic', workspaceId: a.workspace.id, confidence: 0.7, velocity: 0.7 });
    await insertTrend({ id: 'b-1', name: 'Secret B topic', workspaceId: b.workspace.id, confidence: 0.99, velocity: 0.99 });
  });

  it('lists public trends and the caller’s own, best score first', async () => {
    const res = await call('/v1/trends', { token: a.token });
    expect(res.status).toBe(200);
    const { trends } = (await res.json()) as TrendList;
    expect(trends.map((t) => t.id)).toEqual(['pub-1', 'a-1', 'pub-2']);
    const first = trends[0]!;
    expect(first).toMatchObject({ name: 'Small language models', keywords: ['Small language models'], platforms: ['reddit', 'hackernews'] });
    expect(first.score).toBeGreaterThan(trends[1]!.score);
    expect(first.firstDetectedAt).toBe('2026-11-20T09:00:00.000Z');
  });

  it('never shows workspace B’s trend to workspace A: 404 as if it did not exist', async () => {
    const res = await call('/v1/trends/b-1', { token: a.token });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
    const missing = await call('/v1/trends/does-not-exist', { token: a.token });
    expect(await missing.json()).toMatchObject({ code: 'not_found', message: 'trend not found' });

    const own = await call('/v1/trends/b-1', { token: b.token });
    expect(own.status).toBe(200);
    expect(((await own.json()) as Trend).name).toBe('Secret B topic');
  });

  it('filters by q and respects limit', async () => {
    const byQ = (await (await call('/v1/trends?q=passkey', { token: a.token })).json()) as TrendList;
    expect(byQ.trends.map((t) => t.id)).toEqual(['pub-2']);
    const limited = (await (await call('/v1/trends?limit=1', { token: a.token })).json()) as TrendList;
    expect(limited.trends).toHaveLength(1);
  });
});

describe('/v1/trends: one row per story', () => {
  it('lists a name once: the workspace’s own trend over a public one, else the higher score', async () => {
    const c = await signup('Workspace C');
    await insertTrend({ id: 'pub-3', name: 'Open-weight models', workspaceId: null, confidence: 0.6, velocity: 0.6 });
    await insertTrend({ id: 'pub-4', name: 'open weight models', workspaceId: null, confidence: 0.8, velocity: 0.8 });
    await insertTrend({ id: 'c-1', name: 'passkeys', workspaceId: c.workspace.id, confidence: 0.2, velocity: 0.2 });
    const { trends } = (await (await call('/v1/trends', { token: c.token })).json()) as TrendList;
    const ids = trends.map((t) => t.id);
    expect(ids).toContain('pub-4');
    expect(ids).not.toContain('pub-3');
    expect(ids).toContain('c-1');
    expect(ids).not.toContain('pub-2');
    expect(ids).not.toContain('b-1');
    // Still readable by id.
    expect((await call('/v1/trends/pub-3', { token: c.token })).status).toBe(200);
  });
});

describe('/v1/trends/accuracy', () => {
  it('counts the forecasts of trends the caller sees, not another workspace’s', async () => {
    const a = await signup('Accuracy A');
    const b = await signup('Accuracy B');
    await insertTrend({ id: 'acc-a', name: 'A private story', workspaceId: a.workspace.id, confidence: 0.5, velocity: 0.5 });
    const t = Date.parse('2026-11-20T10:00:00Z');
    await env.DB.prepare(
      `insert into trend_predictions (id, trend_id, alarm_at, predicted_peak_at, peak_low_at, peak_high_at, features, support, created_at, actual_peak_at, accuracy)
       values ('p-acc-a', 'acc-a', ?, ?, ?, ?, '{}', 3, ?, ?, 0.8)`,
    )
      .bind(t, t + 3_600_000, t, t + 7_200_000, t, t + 3_600_000)
      .run();
    const accuracy = async (token: string) => (await (await call('/v1/trends/accuracy', { token })).json()) as { resolved: number };
    expect((await accuracy(a.token)).resolved).toBe(1);
    expect((await accuracy(b.token)).resolved).toBe(0);
  });
});

describe('/v1/trends?q= within D1 limits', () => {
  it('flags what D1 refuses: a LIKE pattern over 50 bytes, over 100 parameters, a value over 2 MB, a statement over 100 KB', () => {
    expect(d1Violation('select 1 where name like ?', ['%' + 'x'.repeat(49) + '%'])).toMatch(/LIKE pattern of 51 bytes/);
    expect(d1Violation('select 1 where name like ?', ['%' + 'x'.repeat(48) + '%'])).toBeNull();
    expect(d1Violation('select 1 where id in (?)', Array.from({ length: 101 }, (_, i) => i))).toMatch(/101 bound parameters/);
    expect(d1Violation('insert into t select value from json_each(?)', ['é'.repeat(1_000_001)])).toMatch(/a bound value over 2000000 bytes/);
    expect(d1Violation('insert into t select value from json_each(?)', ['x'.repeat(2_000_000)])).toBeNull();
    expect(d1Violation(`select 1 where id in (${'1,'.repeat(50_000)}1)`, [])).toMatch(/a statement of 100024 bytes/);
  });

  it('finds a trend by a 60-character query with % and _ taken literally, ignoring case', async () => {
    const u = await signup('Search limits');
    const name = 'Retailers offer 50% off snake_case_tools for every developer this week';
    const q = 'OFFER 50% OFF SNAKE_CASE_TOOLS FOR EVERY DEVELOPER THIS WEEK';
    expect(q).toHaveLength(60);
    await insertTrend({ id: 'q-hit', name, workspaceId: u.workspace.id, confidence: 0.5, velocity: 0.5 });
    // Would match if % and _ were wildcards: "50" … " off snake" <any char> "case" <any char> "tools".
    await insertTrend({ id: 'q-wild', name: 'Retailers offer 50 percent off snake-case-tools for every developer this week', workspaceId: u.workspace.id, confidence: 0.6, velocity: 0.6 });
    // Found through its keywords, not its name.
    await insertTrend({ id: 'q-kw', name: 'Developer discounts', keywords: ['offer 50% off snake_case_tools for every developer this week!'], workspaceId: u.workspace.id, confidence: 0.4, velocity: 0.4 });
    await insertTrend({ id: 'q-other', name: 'Passkeys at banks', workspaceId: u.workspace.id, confidence: 0.9, velocity: 0.9 });

    const limited = withD1Limits(env.DB);
    const res = await call(`/v1/trends?q=${encodeURIComponent(q)}`, { token: u.token }, { ...env, DB: limited.db });
    expect(limited.violations).toEqual([]);
    expect(res.status).toBe(200);
    expect(((await res.json()) as TrendList).trends.map((t) => t.id).sort()).toEqual(['q-hit', 'q-kw']);
  });

  it('matches multibyte text over 50 bytes', async () => {
    const u = await signup('Search multibyte');
    const q = 'Ünïcödé trénds über älles — 東京のトレンド';
    expect(new TextEncoder().encode(q).length).toBeGreaterThan(50);
    await insertTrend({ id: 'mb-hit', name: `Neue ${q} heute`, workspaceId: u.workspace.id, confidence: 0.5, velocity: 0.5 });
    await insertTrend({ id: 'mb-other', name: 'Ünïcödé elsewhere', workspaceId: u.workspace.id, confidence: 0.5, velocity: 0.5 });
    const limited = withD1Limits(env.DB);
    const res = await call(`/v1/trends?q=${encodeURIComponent(q)}`, { token: u.token }, { ...env, DB: limited.db });
    expect(limited.violations).toEqual([]);
    expect(((await res.json()) as TrendList).trends.map((t) => t.id)).toEqual(['mb-hit']);
  });
});
