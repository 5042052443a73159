import { Window } from 'happy-dom';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The page renders into a happy-dom document at the console's origin; fetch is answered here.
const window = new Window({ url: 'http://sightline.test/' });
const g = globalThis as unknown as Record<string, unknown>;
g['document'] = window.document;
g['location'] = window.location;
g['addEventListener'] = () => {};
g['FormData'] = window.FormData;
const { createAppState } = await import('../state.ts');
const { AuthPage } = await import('./auth.tsx');

afterEach(() => {
  render(null, window.document.body as unknown as HTMLElement);
  vi.unstubAllGlobals();
});

function serve(signup: 'open' | 'invite-code') {
  const signups: unknown[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://sightline.test');
    if (url.pathname === '/healthz') return Response.json({ ok: true, version: 'test', llm: 'built-in', video: 'storyboard-only', signup });
    if (url.pathname === '/v1/auth/signup') {
      const body = input instanceof Request ? await input.text() : String(init?.body);
      signups.push(JSON.parse(body));
      return Response.json({ token: 'sl_t', workspace: { id: 'w', name: 'Acme' }, user: { id: 'u', email: 'a@example.com' } }, { status: 201 });
    }
    return new Response('not found', { status: 404 });
  });
  return signups;
}

const storage = () => ({ getItem: () => null, setItem: () => {}, removeItem: () => {} }) as unknown as Storage;

async function signUp(code?: string) {
  const root = window.document.body as unknown as HTMLElement;
  render(<AuthPage state={createAppState(storage())} />, root);
  (window.document.querySelector('button.link') as unknown as HTMLButtonElement).click();
  await vi.waitFor(() => expect(window.document.querySelector('h2')?.textContent).toBe('Create your workspace'));
  await new Promise((r) => setTimeout(r, 20));
  const field = (name: string) => window.document.querySelector(`input[name="${name}"]`) as unknown as HTMLInputElement | null;
  field('email')!.value = 'a@example.com';
  field('password')!.value = 'long enough password';
  field('workspace')!.value = 'Acme';
  if (code !== undefined) field('inviteCode')!.value = code;
  return { invite: field('inviteCode'), form: window.document.querySelector('form')! };
}

describe('the console’s sign-up', () => {
  it('asks for the invite code where the deployment requires one, and sends it', async () => {
    const signups = serve('invite-code');
    const { invite, form } = await signUp('spring-launch-2027');
    expect(invite).not.toBeNull();
    expect(invite!.required).toBe(true);
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(signups).toEqual([{ email: 'a@example.com', password: 'long enough password', workspace: 'Acme', inviteCode: 'spring-launch-2027' }]));
  });

  it('shows no such field where sign-up is open', async () => {
    const signups = serve('open');
    const { invite, form } = await signUp();
    expect(invite).toBeNull();
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(signups).toEqual([{ email: 'a@example.com', password: 'long enough password', workspace: 'Acme' }]));
  });
});
