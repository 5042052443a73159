import { describe, expect, it } from 'vitest';
import type { ResearchItem } from '../../shared/contracts/api.ts';
import { call, signup } from '../test/helpers.ts';

const item = { url: 'https://www.linkedin.com/posts/acme-123', title: 'Acme on agents', text: 'AI agents are here', platform: 'linkedin' };

describe('/v1/research-items', () => {
  it('creates, lists, reads and deletes within one workspace', async () => {
    const u = await signup();
    const created = await call('/v1/research-items', { method: 'POST', token: u.token, json: item });
    expect(created.status).toBe(201);
    const saved = (await created.json()) as ResearchItem;
    expect(saved).toMatchObject({ ...item, trendId: null });

    expect((await (await call(`/v1/research-items/${saved.id}`, { token: u.token })).json()) as ResearchItem).toEqual(saved);
    expect(((await (await call('/v1/research-items', { token: u.token })).json()) as { items: ResearchItem[] }).items).toEqual([saved]);
    expect((await call(`/v1/research-items/${saved.id}`, { method: 'DELETE', token: u.token })).status).toBe(204);
    expect((await call(`/v1/research-items/${saved.id}`, { token: u.token })).status).toBe(404);
  });

  it('keeps workspaces apart: another workspace can neither read nor delete', async () => {
    const a = await signup('A');
    const b = await signup('B');
    const saved = (await (await call('/v1/research-items', { method: 'POST', token: b.token, json: item })).json()) as ResearchItem;
    expect((await call(`/v1/research-items/${saved.id}`, { token: a.token })).status).toBe(404);
    expect((await call(`/v1/research-items/${saved.id}`, { method: 'DELETE', token: a.token })).status).toBe(404);
    expect(((await (await call('/v1/research-items', { token: a.token })).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await call(`/v1/research-items/${saved.id}`, { token: b.token })).status).toBe(200);
  });

  it('applies a write once however often it is retried with the same Idempotency-Key', async () => {
    const u = await signup();
    const send = () => call('/v1/research-items', { method: 'POST', token: u.token, json: item, headers: { 'idempotency-key': 'outbox-42' } });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(((await (await call('/v1/research-items', { token: u.token })).json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('scopes idempotency keys to the workspace', async () => {
    const a = await signup();
    const b = await signup();
    const headers = { 'idempotency-key': 'same-key' };
    await call('/v1/research-items', { method: 'POST', token: a.token, json: item, headers });
    const res = await call('/v1/research-items', { method: 'POST', token: b.token, json: { ...item, title: 'B' }, headers });
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(((await res.json()) as ResearchItem).title).toBe('B');
  });

  it('does not pin a key to a rejected request, so the corrected retry is applied', async () => {
    const u = await signup();
    const headers = { 'idempotency-key': 'fix-and-retry' };
    const bad = await call('/v1/research-items', { method: 'POST', token: u.token, json: { url: 'not a url' }, headers });
    expect(bad.status).toBe(400);
    const good = await call('/v1/research-items', { method: 'POST', token: u.token, json: item, headers });
    expect(good.status).toBe(201);
  });

  it('rejects non-http URLs', async () => {
    const u = await signup();
    const res = await call('/v1/research-items', { method: 'POST', token: u.token, json: { url: 'javascript:alert(1)' } });
    expect(res.status).toBe(400);
  });
});
