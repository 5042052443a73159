import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, memoryStorage, mount, serve, submit, unmount } from '../test/dom.ts';
import { createAppState } from '../state.ts';
import { AuthPage } from './auth.tsx';

afterEach(unmount);

const health = (signup: 'open' | 'invite-code') => () => Response.json({ ok: true, version: 'test', llm: 'built-in', video: 'storyboard-only', signup });
const created = () => Response.json({ token: 'sl_t', workspace: { id: 'w', name: 'Acme' }, user: { id: 'u', email: 'a@example.com' } }, { status: 201 });

async function openSignUp() {
  mount(<AuthPage state={createAppState(memoryStorage())} />);
  $<HTMLButtonElement>('button.link')!.click();
  await vi.waitFor(() => expect($('h2')?.textContent).toBe('Create your workspace'));
  // The page has asked /healthz by now; let its answer draw.
  await new Promise((r) => setTimeout(r, 20));
  for (const [name, value] of [['email', 'a@example.com'], ['password', 'long enough password'], ['workspace', 'Acme']]) $<HTMLInputElement>(`input[name="${name}"]`)!.value = value!;
}

const signups = (seen: ReturnType<typeof serve>) => seen.filter((r) => r.path === '/v1/auth/signup').map((r) => r.body);

describe('the console’s sign-up', () => {
  it('asks for the invite code where the deployment requires one, and sends it', async () => {
    const seen = serve({ '/healthz': health('invite-code'), '/v1/auth/signup': created });
    await openSignUp();
    const invite = $<HTMLInputElement>('input[name="inviteCode"]');
    expect(invite?.required).toBe(true);
    invite!.value = 'spring-launch-2027';
    submit();
    await vi.waitFor(() => expect(signups(seen)).toEqual([{ email: 'a@example.com', password: 'long enough password', workspace: 'Acme', inviteCode: 'spring-launch-2027' }]));
  });

  it('shows no such field where sign-up is open', async () => {
    const seen = serve({ '/healthz': health('open'), '/v1/auth/signup': created });
    await openSignUp();
    expect($('input[name="inviteCode"]')).toBeNull();
    submit();
    await vi.waitFor(() => expect(signups(seen)).toEqual([{ email: 'a@example.com', password: 'long enough password', workspace: 'Acme' }]));
  });

  it('asks for the code once refused for want of it, even when /healthz could not say', async () => {
    serve({
      '/healthz': () => new Response('unavailable', { status: 503 }),
      '/v1/auth/signup': () => Response.json({ code: 'forbidden', message: 'this deployment creates workspaces with its invite code only: ask whoever runs it' }, { status: 403 }),
    });
    await openSignUp();
    expect($('input[name="inviteCode"]')).toBeNull();
    submit();
    await vi.waitFor(() => expect($('[role="alert"]')?.textContent).toMatch(/invite code only/));
    expect($('input[name="inviteCode"]')).not.toBeNull();
  });
});
