import { describe, expect, it } from 'vitest';
import { maxBodyBytes, type ApiErrorBody } from '../../shared/contracts/api.ts';
import { call, signup } from '../test/helpers.ts';

async function errorOf(res: Response): Promise<ApiErrorBody> {
  const body = (await res.json()) as ApiErrorBody;
  expect(Object.keys(body)).toEqual(expect.arrayContaining(['code', 'message', 'requestId']));
  return body;
}

describe('bad input', () => {
  it('400 malformed_json for a body that is not JSON', async () => {
    const res = await call('/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": ' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('malformed_json');
  });

  it('400 invalid_request for missing fields', async () => {
    const res = await call('/v1/auth/login', { method: 'POST', json: {} });
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.code).toBe('invalid_request');
    expect(body.message).toContain('email');
  });

  it('413 payload_too_large for an oversize body, before touching storage', async () => {
    const user = await signup();
    const res = await call('/v1/research-items', {
      method: 'POST',
      token: user.token,
      json: { url: 'https://example.com', text: 'x'.repeat(maxBodyBytes + 1) },
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
    const list = (await (await call('/v1/research-items', { token: user.token })).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('400 for a bad query parameter', async () => {
    const user = await signup();
    const res = await call('/v1/trends?limit=0', { token: user.token });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('limit');
  });

  it('404 with the error shape for unknown API routes, once authenticated', async () => {
    const u = await signup();
    const res = await call('/v1/nope', { token: u.token });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
    // Without a token the API does not reveal which routes exist.
    expect((await call('/v1/nope')).status).toBe(401);
  });

  it('echoes the request id in the header and the body', async () => {
    const res = await call('/v1/auth/login', { method: 'POST', json: {} });
    expect((await errorOf(res)).requestId).toBe(res.headers.get('x-request-id'));
  });
});

describe('GET /healthz', () => {
  it('says which LLM and video path this deployment takes', async () => {
    const res = await call('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, llm: 'built-in', video: 'storyboard-only' });
  });
});
