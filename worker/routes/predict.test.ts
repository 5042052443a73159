import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { maxImportBytes, maxImportRows, type ApiErrorBody, type CurrentModelResponse, type ImportPostsResponse, type ModelsResponse, type PredictResponse } from '../../shared/contracts/api.ts';
import { asEngagementModel, engagementScorer } from '../../shared/predict/model.ts';
import { formatPostsCsv, parsePostsCsv } from '../../shared/posts/canonical.ts';
import { syntheticPosts } from '../../shared/predict/synthetic.ts';
import { withD1Limits } from '../test/d1-limits.ts';
import { call, runJob, signup, testEnv } from '../test/helpers.ts';


/** 400 posts on X with planted signals: "rust" in the text and github.com links do better. */
const history = syntheticPosts(400, 7, 'x');

describe('posts import → train job → predict', () => {
  it('imports history, reports bad rows by line and field, trains in the queue, and predicts with reasons', async () => {
    const u = await signup();
    const csv = formatPostsCsv(history).replace(/\n$/, '') + '\nbad-1,x,me,hello,,not-a-date,1,2,3,4\nbad-2,myspace,me,hello,,2024-01-01T00:00:00Z,1,,,\n';
    const res = await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as ImportPostsResponse;
    expect(body.imported).toBe(400);
    expect(body.skipped).toBe(2);
    expect(body.errors[0]).toMatchObject({ field: 'published_at' });
    expect(body.errors[0]!.line).toBeGreaterThan(400);
    expect(body.errors[1]).toMatchObject({ line: body.errors[0]!.line + 1, field: 'platform', message: expect.stringMatching(/'myspace' is not one of linkedin, x, youtube/) });
    expect(body.training).toEqual(['x']);

    // Before the job runs there is no model: the API says so instead of guessing.
    const before = await call('/v1/predict', { method: 'POST', token: u.token, json: { platform: 'x', text: 'rust tips' } });
    expect(await before.json()).toMatchObject({ path: 'no-model', probability: null });

    const result = await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    expect(result.retryMessages).toEqual([]);

    const predict = (text: string, url: string) =>
      call('/v1/predict', { method: 'POST', token: u.token, json: { platform: 'x', text, url } }).then((r) => r.json() as Promise<{ path: string; probability: number; reasons: { text: string }[]; expected: unknown; message: string }>);
    const strong = await predict('rust notes for the team', 'https://github.com/post/1');
    const weak = await predict('notes for the team', 'https://example.com/post/1');
    expect(strong.path).toBe('workspace-model');
    expect(strong.message).toMatch(/trained on 400/);
    expect(strong.probability).toBeGreaterThan(weak.probability);
    expect(strong.probability).toBeLessThanOrEqual(1);
    expect(weak.probability).toBeGreaterThanOrEqual(0);
    expect(strong.reasons.length).toBeGreaterThan(0);
    expect(strong.expected).not.toBeNull();
  });

  it('an own history the engine cannot learn from (every post alike) is skipped, not retried, and the general model still trains', async () => {
    const u = await signup();
    const alike = history.slice(0, 60).map((p) => ({ ...p, likes: 3, comments: 0, shares: 0 }));
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(alike) } });
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { kind: 'competitor', csv: formatPostsCsv(history.slice(100, 400)) } });
    const result = await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    expect(result.retryMessages).toEqual([]);
    const models = (await (await call('/v1/models', { token: u.token })).json()) as ModelsResponse;
    expect(models.platforms.find((p) => p.platform === 'x')).toMatchObject({ general: { trainedOn: 360 } });
  });

  it('a retrained model answers at once (scorers are kept per isolate, keyed by when the model was trained)', async () => {
    const u = await signup();
    const ask = async (json: Record<string, unknown>) => (await (await call('/v1/predict', { method: 'POST', token: u.token, json: { platform: 'x', text: 'rust notes for the team', ...json } })).json()) as PredictResponse;
    const thin = await ask({});
    expect(thin.message).toMatch(/^not enough x history to predict yet: 0 of your posts imported/);
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history.slice(0, 12)) } });
    expect((await ask({})).message).toMatch(/: 12 of your posts imported, 30 with engagement counts needed/);

    // First a history where "rust" does badly (its posts' likes cut eightfold; github.com
    // links still do well), then the real one re-imported over it: the retrained model must
    // answer, not the scorer kept from before.
    const rustFlops = history.map((p) => (/\brust\b/.test(p.text) ? { ...p, likes: Math.round(p.likes! / 8) } : p));
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(rustFlops) } });
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    const upsideDown = await ask({});
    expect(upsideDown.message).toBe("trained on 400 of this workspace's posts");
    expect((await ask({})).probability).toBe(upsideDown.probability);
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history) } });
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    expect((await ask({})).probability!).toBeGreaterThan(upsideDown.probability! + 0.2);
  });

  it('judges the timing only for a planned time (the composer asks without one)', async () => {
    const u = await signup();
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history) } });
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    const ask = async (json: Record<string, unknown>) => (await (await call('/v1/predict', { method: 'POST', token: u.token, json: { platform: 'x', text: 'rust notes', ...json } })).json()) as PredictResponse;
    expect(await ask({})).toMatchObject({ path: 'workspace-model', timing: null, betterTimes: [] });
    const planned = await ask({ plannedAt: '2026-12-02T03:00:00Z' });
    expect(planned.timing).toMatch(/^from 400 x posts/);
  });

  it('GET /v1/models/current hands over the model predict would use, once per training, to its own workspace only', async () => {
    const u = await signup();
    const other = await signup();
    const current = async (token: string, have?: number) => (await (await call(`/v1/models/current?platform=x${have ? `&have=${have}` : ''}`, { token })).json()) as CurrentModelResponse;
    expect(await current(u.token)).toMatchObject({ path: 'no-model', message: expect.stringMatching(/^not enough x history to predict yet: 0 of your posts imported/) });
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history) } });
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    const got = await current(u.token);
    if (got.path === 'no-model') throw new Error('expected a model');
    expect(got).toMatchObject({ path: 'workspace-model', message: "trained on 400 of this workspace's posts", trainedAt: expect.any(Number) });
    // The same model the route scores with: same probability for the same draft.
    const scored = engagementScorer(asEngagementModel(got.model)).predict({ text: 'rust notes for the team', url: 'https://github.com/post/1' });
    const routed = (await (await call('/v1/predict', { method: 'POST', token: u.token, json: { platform: 'x', text: 'rust notes for the team', url: 'https://github.com/post/1' } })).json()) as PredictResponse;
    expect(scored.probability).toBe(routed.probability);
    // Already held: only the summary comes back.
    expect(await current(u.token, got.trainedAt)).toEqual({ path: 'workspace-model', message: got.message, trainedAt: got.trainedAt, model: null });
    expect(await current(other.token)).toMatchObject({ path: 'no-model' });
    const bad = await call('/v1/models/current?platform=myspace&have=soon', { token: u.token });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/platform/) });
  });

  it('GET /v1/models says per platform which model answers and why, with its figures; another workspace sees none of it', async () => {
    const u = await signup();
    const other = await signup();
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv([...history, ...syntheticPosts(3, 2, 'linkedin')]) } });
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    const { platforms } = (await (await call('/v1/models', { token: u.token })).json()) as ModelsResponse;
    const x = platforms.find((p) => p.platform === 'x')!;
    expect(x).toMatchObject({ ownPosts: 400, answering: 'workspace-model', why: "trained on 400 of this workspace's posts", own: { trainedOn: 400, heldOutAuc: expect.any(Number) }, general: { trainedOn: 400 } });
    expect(Date.parse(x.own!.trainedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(platforms.find((p) => p.platform === 'linkedin')).toMatchObject({ ownPosts: 3, postsNeeded: 30, answering: 'no-model', own: null, general: null, why: expect.stringMatching(/^not enough linkedin history to predict yet: 3 of your posts imported/) });
    const theirs = (await (await call('/v1/models', { token: other.token })).json()) as ModelsResponse;
    expect(theirs.platforms.map((p) => [p.platform, p.answering, p.ownPosts])).toEqual([
      ['linkedin', 'no-model', 0],
      ['x', 'no-model', 0],
      ['youtube', 'no-model', 0],
    ]);
  });

  it('re-importing the same export updates posts instead of duplicating them', async () => {
    const u = await signup();
    const csv = formatPostsCsv(history.slice(0, 10));
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv } });
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv } });
    const n = await env.DB.prepare('select count(*) as n from posts where workspace_id = ?').bind(u.workspace.id).first<{ n: number }>();
    expect(n?.n).toBe(10);
  });

  it('takes a whole X history export (3,200 posts, past the 256 KiB other routes allow) in one request of a few statements', async () => {
    const u = await signup();
    // Texts the JSON hand-over must carry exactly: quotes, a newline, emoji, a JSON path, SQL.
    const odd = ['say "hi", ok', 'line one\nline two', 'launch 🚀 ünïcödé 中文', "$[0] it's '$.a'", "x'); drop table posts; --"];
    const big = syntheticPosts(3200, 11, 'x').map((p, i) => ({ ...p, text: `${p.text} ${odd[i % odd.length]} ${'lorem ipsum '.repeat(10)}`, shares: i % 3 ? i : null }));
    const csv = formatPostsCsv(big);
    expect(new TextEncoder().encode(csv).length).toBeGreaterThan(2 * 256 * 1024);
    const counted = withD1Limits(env.DB);
    const res = await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv } }, { ...testEnv, DB: counted.db });
    expect(res.status).toBe(201);
    expect(((await res.json()) as ImportPostsResponse).imported).toBe(3200);
    // A statement per post would be 3,200 of D1's 1,000 queries per invocation.
    expect(counted.prepared()).toBeLessThan(12);
    const stored = await env.DB.prepare('select external_id as id, text, shares, likes from posts where workspace_id = ? order by cast(external_id as integer)').bind(u.workspace.id).all<{ id: string; text: string; shares: number | null; likes: number }>();
    expect(stored.results).toEqual(big.map((p) => ({ id: p.id, text: p.text, shares: p.shares, likes: p.likes })));
  });

  it('an import over its 8 MiB allowance is refused with 413 and leaves the stored history as it was', async () => {
    const u = await signup();
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history.slice(0, 5)) } });
    const res = await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history).padEnd(maxImportBytes + 1, '\n') } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ApiErrorBody)).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/8192 KiB/) });
    const n = await env.DB.prepare('select count(*) as n from posts where workspace_id = ?').bind(u.workspace.id).first<{ n: number }>();
    expect(n?.n).toBe(5);
  });

  it('a post longer than any platform allows is a row error, not a failed import; a file over 20,000 rows is refused whole', async () => {
    const u = await signup();
    const huge = { ...history[1]!, id: 'huge', text: 'x'.repeat(2_100_000) };
    const res = await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv([history[0]!, huge, history[2]!]) } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ imported: 2, skipped: 1, errors: [{ line: 3, field: 'text', message: expect.stringMatching(/^is 2,100,000 characters, more than the 150,000/) }] });
    const tiny = Array.from({ length: maxImportRows + 1 }, (_, i) => ({ ...history[0]!, id: `t${i}`, text: 'hi', url: '', author: '' }));
    const tooMany = await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(tiny) } });
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/more than 20,000 rows; an import takes 20,000 at most: split it/) });
    const n = await env.DB.prepare('select count(*) as n from posts where workspace_id = ?').bind(u.workspace.id).first<{ n: number }>();
    expect(n?.n).toBe(2);
  });

  it('deletes a platform’s own history on request, with the models learned from it; competitors’ posts and other workspaces stay', async () => {
    const u = await signup();
    const other = await signup();
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history) } });
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { kind: 'competitor', csv: formatPostsCsv(history.slice(0, 50).map((p) => ({ ...p, id: `c${p.id}` }))) } });
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(syntheticPosts(40, 3, 'linkedin')) } });
    await call('/v1/posts/import', { method: 'POST', token: other.token, json: { csv: formatPostsCsv(history) } });
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    await runJob({ type: 'train-model', workspaceId: other.workspace.id, platform: 'x' });

    const res = await call('/v1/posts?platform=x', { method: 'DELETE', token: u.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: 400, training: true });
    const left = async (ws: string) => (await env.DB.prepare('select kind, platform, count(*) as n from posts where workspace_id = ? group by kind, platform order by kind, platform').bind(ws).all()).results;
    expect(await left(u.workspace.id)).toEqual([{ kind: 'competitor', platform: 'x', n: 50 }, { kind: 'own', platform: 'linkedin', n: 40 }]);
    expect(await left(other.workspace.id)).toEqual([{ kind: 'own', platform: 'x', n: 400 }]);
    // Nothing predicts from the deleted posts, not even before the queued retrain runs.
    const predict = (token: string) => call('/v1/predict', { method: 'POST', token, json: { platform: 'x', text: 'rust tips' } }).then((r) => r.json() as Promise<{ path: string }>);
    expect((await predict(u.token)).path).toBe('no-model');
    expect((await predict(other.token)).path).toBe('workspace-model');
    // The retrain finds 50 competitors' posts: a general model again, no own one.
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    const x = ((await (await call('/v1/models', { token: u.token })).json()) as ModelsResponse).platforms.find((p) => p.platform === 'x');
    expect(x).toMatchObject({ ownPosts: 0, own: null, general: { trainedOn: 50 }, answering: 'general-model' });

    expect((await call('/v1/posts?platform=myspace', { method: 'DELETE', token: u.token })).status).toBe(400);
    expect((await call('/v1/posts', { method: 'DELETE', token: u.token })).status).toBe(400);
  });

  it('exports a platform’s stored posts as the canonical CSV, oldest first, that imports back to the same posts; its own workspace’s only', async () => {
    const u = await signup();
    const other = await signup();
    // Shuffled, with the cells CSV must quote, an unknown count, and more than one export page.
    const mine = syntheticPosts(5_200, 9, 'x').map((p, i) => ({ ...p, text: i % 100 ? p.text : `"${p.text}", line\ntwo`, shares: i % 2 ? null : i }));
    const shuffled = [...mine].sort((a, b) => Number(b.id) % 7 - Number(a.id) % 7);
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(shuffled) } });
    await call('/v1/posts/import', { method: 'POST', token: other.token, json: { csv: formatPostsCsv(history.slice(0, 5)) } });
    const res = await call('/v1/posts/export?platform=x', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sightline-x-own-posts.csv"');
    const csv = await res.text();
    expect(csv).toBe(formatPostsCsv(mine));
    expect(parsePostsCsv(csv).items).toEqual(mine);
    expect(await (await call('/v1/posts/export?platform=x&kind=competitor', { token: u.token })).text()).toBe(formatPostsCsv([]));
    expect((await call('/v1/posts/export', { token: u.token })).status).toBe(400);
  });

  it('a retrain over a history too thin to train removes the model it had, rather than keep one built from removed posts', async () => {
    const u = await signup();
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history.slice(0, 60)) } });
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    const models = () => env.DB.prepare('select platform from engagement_models where workspace_id = ? order by platform').bind(u.workspace.id).all().then((r) => r.results);
    expect(await models()).toEqual([{ platform: 'x' }, { platform: 'x:general' }]);
    // As if the posts went while a train job that had read them was still running.
    await env.DB.prepare('delete from posts where workspace_id = ?').bind(u.workspace.id).run();
    await runJob({ type: 'train-model', workspaceId: u.workspace.id, platform: 'x' });
    expect(await models()).toEqual([]);
  });

  it('rejects a CSV without the required header', async () => {
    const u = await signup();
    const res = await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: 'a,b\n1,2\n' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/line 1/);
  });

  it('keeps each workspace’s history and models to itself', async () => {
    const a = await signup();
    const b = await signup();
    await call('/v1/posts/import', { method: 'POST', token: a.token, json: { csv: formatPostsCsv(history) } });
    await runJob({ type: 'train-model', workspaceId: a.workspace.id, platform: 'x' });
    expect(((await (await call('/v1/posts?platform=x', { token: b.token })).json()) as { posts: unknown[] }).posts).toEqual([]);
    const res = await call('/v1/predict', { method: 'POST', token: b.token, json: { platform: 'x', text: 'rust' } });
    expect(await res.json()).toMatchObject({ path: 'no-model' });
  });
});

describe('GET /v1/best-times', () => {
  it('falls back to platform defaults, saying so, when history is thin', async () => {
    const u = await signup();
    const res = await call('/v1/best-times?platform=linkedin&timeZone=Europe/Berlin', { token: u.token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { usingDefaults: boolean; message: string; slots: unknown[]; timeZone: string };
    expect(body.usingDefaults).toBe(true);
    expect(body.message).toMatch(/not enough history/);
    expect(body.slots).toHaveLength(5);
    expect(body.timeZone).toBe('Europe/Berlin');
  });

  it('uses the account’s own history once there is enough', async () => {
    const u = await signup();
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history) } });
    const body = (await (await call('/v1/best-times?platform=x&top=3', { token: u.token })).json()) as { usingDefaults: boolean; postsUsed: number; slots: { label: string; next: string }[] };
    expect(body.usingDefaults).toBe(false);
    expect(body.postsUsed).toBe(400);
    expect(body.slots).toHaveLength(3);
    expect(Date.parse(body.slots[0]!.next)).toBeGreaterThan(Date.now() - 3600_000);
    // The promise is scaled by what held up in the history's later weeks, and says so.
    const full = (await (await call('/v1/best-times?platform=x&top=3', { token: u.token })).json()) as { liftPersistence: number; message: string };
    expect(full.liftPersistence).toBeGreaterThanOrEqual(0);
    expect(full.liftPersistence).toBeLessThanOrEqual(1);
    if (full.liftPersistence < 1) expect(full.message).toMatch(/expected lifts count \d+ % of the fitted ones/);
  });

  it('says no persistence figure applies while it uses platform defaults', async () => {
    const u = await signup();
    const body = (await (await call('/v1/best-times?platform=x', { token: u.token })).json()) as { liftPersistence: number | null };
    expect(body.liftPersistence).toBeNull();
  });

  it('rejects an unknown time zone with a field error', async () => {
    const u = await signup();
    const res = await call('/v1/best-times?platform=x&timeZone=Mars/Olympus', { token: u.token });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request', issues: [{ path: 'timeZone' }] });
  });
});

describe('GET /v1/style-profile', () => {
  it('derives the writing style from the workspace’s own posts', async () => {
    const u = await signup();
    expect(await (await call('/v1/style-profile', { token: u.token })).json()).toEqual({ posts: 0, profile: null });
    await call('/v1/posts/import', { method: 'POST', token: u.token, json: { csv: formatPostsCsv(history.slice(0, 50)) } });
    const body = (await (await call('/v1/style-profile?platform=x', { token: u.token })).json()) as { posts: number; profile: Record<string, unknown> };
    expect(body.posts).toBe(50);
    expect(body.profile).not.toBeNull();
  });
});
