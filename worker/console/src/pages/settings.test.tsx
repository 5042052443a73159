import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, memoryStorage, mount, serve, submit, type, unmount } from '../test/dom.ts';
import { createAppState } from '../state.ts';
import { SettingsPage } from './settings.tsx';

afterEach(unmount);

const json = (body: unknown) => () => Response.json(body);
const quiet = {
  '/healthz': json({ ok: true, version: 'test', llm: 'built-in', video: 'storyboard-only', signup: 'open' }),
  '/v1/workspace/devices': json({ devices: [] }),
  '/v1/workspace/topics': json({ topics: [] }),
  '/v1/workspace/llm-usage': json({ llm: 'built-in', period: '2026-12', spentUsd: 0, capUsd: 5, requests: 0 }),
  '/v1/models': json({ platforms: [] }),
  '/v1/accounts': json({ accounts: [] }),
};

describe('Settings → Workspace name', () => {
  it('fills in once the name loads, and a save answered after more typing keeps what was typed since', async () => {
    let answer!: (r: Response) => void;
    const seen = serve({ ...quiet, '/v1/workspace': () => new Promise<Response>((resolve) => (answer = resolve)) });
    const state = createAppState(memoryStorage());
    mount(<SettingsPage state={state} />);
    const field = () => $<HTMLInputElement>('form.card input')!;
    expect(field().value).toBe('');
    state.workspaceName.value = 'Acme';
    await vi.waitFor(() => expect(field().value).toBe('Acme'));

    type('form.card input', 'Acme Social');
    submit('form.card');
    await vi.waitFor(() => expect(seen.some((r) => r.path === '/v1/workspace' && r.method === 'PATCH')).toBe(true));
    type('form.card input', 'Acme Social Team');
    answer(Response.json({ id: 'w', name: 'Acme Social' }));
    await vi.waitFor(() => expect($('form.card p.muted')?.textContent).toBe('Saved.'));
    expect(state.workspaceName.value).toBe('Acme Social');
    expect(field().value).toBe('Acme Social Team');
  });
});
