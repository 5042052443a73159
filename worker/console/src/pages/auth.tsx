import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiFailure, health, ok } from '../api.ts';
import type { AppState } from '../state.ts';

export function AuthPage({ state }: { state: AppState }) {
  const mode = useSignal<'login' | 'signup'>('login');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  /** This deployment asks for its invite code to create a workspace (GET /healthz). */
  const inviteOnly = useSignal(false);
  useEffect(() => {
    health()
      .then((h) => (inviteOnly.value = h.signup === 'invite-code'))
      .catch(() => {});
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    busy.value = true;
    error.value = null;
    try {
      const res =
        mode.value === 'signup'
          ? await ok(
              await state.client.v1.auth.signup.$post({
                json: { email, password, workspace: String(form.get('workspace') ?? ''), ...(form.has('inviteCode') ? { inviteCode: String(form.get('inviteCode')) } : {}) },
              }),
            )
          : await ok(await state.client.v1.auth.login.$post({ json: { email, password } }));
      state.workspaceName.value = res.workspace.name;
      state.setToken(res.token);
    } catch (err) {
      error.value = err instanceof ApiFailure ? err.message : 'The worker could not be reached.';
      // Refused for want of the invite code (were /healthz not to have said so): ask for it.
      if (mode.value === 'signup' && err instanceof ApiFailure && err.code === 'forbidden') inviteOnly.value = true;
    } finally {
      busy.value = false;
    }
  };

  const signup = mode.value === 'signup';
  return (
    <div class="auth">
      <h1>Sightline</h1>
      <p class="muted">Trends, competitors and timing for social media managers.</p>
      <form class="card" onSubmit={submit}>
        <h2>{signup ? 'Create your workspace' : 'Log in'}</h2>
        <label>
          Email
          <input name="email" type="email" autocomplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete={signup ? 'new-password' : 'current-password'} minLength={signup ? 10 : 1} required />
        </label>
        {signup && (
          <label>
            Workspace name
            <input name="workspace" required maxLength={80} placeholder="e.g. Acme social team" />
          </label>
        )}
        {signup && inviteOnly.value && (
          <label>
            Invite code
            <input name="inviteCode" required maxLength={200} autocomplete="off" />
            <span class="muted">Workspaces here share this deployment’s keys, so whoever runs it hands out the code.</span>
          </label>
        )}
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" disabled={busy.value}>
          {signup ? 'Sign up' : 'Log in'}
        </button>
        <button type="button" class="link" onClick={() => ((mode.value = signup ? 'login' : 'signup'), (error.value = null))}>
          {signup ? 'I already have an account' : 'New here? Create a workspace'}
        </button>
      </form>
    </div>
  );
}
