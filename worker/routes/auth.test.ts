import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, TokenResponse } from '../../shared/contracts/api.ts';
import { call, signup, testEnv } from '../test/helpers.ts';

describe('POST /v1/auth/signup', () => {
  it('creates a workspace and returns a working token', async () => {
    const res = await call('/v1/auth/signup', {
      method: 'POST',
      json: { email: 'Ada@Example.com ', password: 'long enough password', workspace: 'Analytical' },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as TokenResponse;
    expect(body.token).toMatch(/^sl_[\w-]{43}$/);
    expect(body.user?.email).toBe('ada@example.com');

    const me = await call('/v1/workspace', { token: body.token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'Analytical', user: { email: 'ada@example.com' }, tokenKind: 'session' });
  });

  it('with SIGNUP_CODE set, creates workspaces only for its invite code, and /healthz says so', async () => {
    // As a secret pasted with its line break often is.
    const gated = { ...testEnv, SIGNUP_CODE: 'spring-launch-2027\n' };
    const attempt = (inviteCode?: string) =>
      call('/v1/auth/signup', { method: 'POST', json: { email: `invited-${crypto.randomUUID()}@example.com`, password: 'long enough password', workspace: 'Invited', ...(inviteCode === undefined ? {} : { inviteCode }) } }, gated);
    const none = await attempt();
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/invite code only/) });
    const wrong = await attempt('spring-launch-2026');
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as ApiErrorBody).message).toMatch(/not this deployment’s/);
    expect((await attempt(' spring-launch-2027 ')).status).toBe(201);
    expect(await (await call('/healthz', {}, gated)).json()).toMatchObject({ signup: 'invite-code' });
    // Unset, as locally: anyone may create a workspace.
    expect(await (await call('/healthz')).json()).toMatchObject({ signup: 'open' });
    expect((await call('/v1/auth/signup', { method: 'POST', json: { email: `open-${crypto.randomUUID()}@example.com`, password: 'long enough password', workspace: 'Open' } })).status).toBe(201);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const first = await signup();
    const res = await call('/v1/auth/signup', {
      method: 'POST',
      json: { email: first.email.toUpperCase(), password: 'another password', workspace: 'Other' },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiErrorBody).code).toBe('conflict');
  });

  it('names every invalid field', async () => {
    const res = await call('/v1/auth/signup', { method: 'POST', json: { email: 'nope', password: 'short' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiErrorBody;
    expect(body.code).toBe('invalid_request');
    expect(body.issues?.map((i) => i.path).sort()).toEqual(['email', 'password', 'workspace']);
    expect(body.requestId).toBeTruthy();
  });

  it('does not store the password or the token in clear', async () => {
    const { env } = await import('cloudflare:workers');
    const user = await signup();
    const row = await env.DB.prepare('select password_hash from users where email = ?').bind(user.email).first<{ password_hash: string }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(row?.password_hash).not.toContain(user.password);
    const tokens = await env.DB.prepare('select token_hash from api_tokens').all<{ token_hash: string }>();
    expect(tokens.results.some((t) => t.token_hash === user.token)).toBe(false);
  });
});

describe('POST /v1/auth/login', () => {
  it('returns a new token for the right password', async () => {
    const user = await signup();
    const res = await call('/v1/auth/login', { method: 'POST', json: { email: user.email, password: user.password } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenResponse;
    expect(body.token).not.toBe(user.token);
    expect(body.workspace.id).toBe(user.workspace.id);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const user = await signup();
    const wrong = await call('/v1/auth/login', { method: 'POST', json: { email: user.email, password: 'not the password' } });
    const unknown = await call('/v1/auth/login', { method: 'POST', json: { email: 'nobody@example.com', password: 'whatever123' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as ApiErrorBody;
    const b = (await unknown.json()) as ApiErrorBody;
    expect(a.message).toBe(b.message);
  });
});

describe('bearer tokens', () => {
  it.each([
    ['no header', undefined],
    ['not a bearer', 'Basic abc'],
    ['unknown token', 'Bearer sl_nope'],
  ])('401 with %s', async (_label, header) => {
    const res = await call('/v1/trends', { headers: header ? { authorization: header } : {} });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('stops working after logout', async () => {
    const user = await signup();
    expect((await call('/v1/auth/logout', { method: 'POST', token: user.token })).status).toBe(204);
    expect((await call('/v1/trends', { token: user.token })).status).toBe(401);
  });
});

describe('pairing the extension', () => {
  it('trades a one-time code from the console for an extension token', async () => {
    const user = await signup('Pairing Co');
    const created = await call('/v1/workspace/pairing-codes', { method: 'POST', token: user.token });
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // Users type codes loosely: lower case, no dash.
    const paired = await call('/v1/auth/pair', { method: 'POST', json: { code: code.toLowerCase().replace('-', ' '), device: 'Chrome on laptop' } });
    expect(paired.status).toBe(201);
    const { token, workspace } = (await paired.json()) as TokenResponse;
    expect(workspace.name).toBe('Pairing Co');
    expect(await (await call('/v1/workspace', { token })).json()).toMatchObject({ tokenKind: 'extension' });

    const again = await call('/v1/auth/pair', { method: 'POST', json: { code } });
    expect(again.status).toBe(401);

    const devices = (await (await call('/v1/workspace/devices', { token: user.token })).json()) as { devices: { id: string; label: string }[] };
    expect(devices.devices.map((d) => d.label)).toEqual(['Chrome on laptop']);
    expect((await call(`/v1/workspace/devices/${devices.devices[0]!.id}`, { method: 'DELETE', token: user.token })).status).toBe(204);
    expect((await call('/v1/trends', { token })).status).toBe(401);
  });

  it('does not let an extension token mint more pairing codes', async () => {
    const user = await signup();
    const { code } = (await (await call('/v1/workspace/pairing-codes', { method: 'POST', token: user.token })).json()) as { code: string };
    const { token } = (await (await call('/v1/auth/pair', { method: 'POST', json: { code } })).json()) as TokenResponse;
    expect((await call('/v1/workspace/pairing-codes', { method: 'POST', token })).status).toBe(403);
  });

  it('rejects a malformed code with a field error', async () => {
    const res = await call('/v1/auth/pair', { method: 'POST', json: { code: '0O1I' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiErrorBody).issues?.[0]?.path).toBe('code');
  });
});

describe('rate limiting the public auth routes', () => {
  it('slows password guessing from one client, and against one account from many', async () => {
    const user = await signup();
    const attempt = (ip: string) =>
      call('/v1/auth/login', { method: 'POST', headers: { 'cf-connecting-ip': ip }, json: { email: user.email, password: 'wrong guess!' } });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await attempt('203.0.113.7')).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Spreading guesses over other addresses does not reset the per-account budget.
    const elsewhere = await attempt('203.0.113.99');
    expect(elsewhere.status).toBe(429);
    expect(await elsewhere.json()).toMatchObject({ code: 'rate_limited' });
  });
});
