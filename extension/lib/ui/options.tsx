import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send, type Status } from '../messages.ts';
import { defaultWorkerUrl, isLocalWorker, normaliseWorkerUrl } from '../settings.ts';

/** A pasted `sl_…` token pairs directly; anything else is taken as a pairing code. */
export function parsePairingInput(input: string): { token: string } | { code: string } {
  const s = input.trim();
  return /^sl_[\w-]+$/.test(s) ? { token: s } : { code: s };
}

export function Options() {
  const status = useSignal<Status | null>(null);
  const workerUrl = useSignal(defaultWorkerUrl);
  const code = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    void send('getStatus', {}).then((s) => {
      status.value = s;
      workerUrl.value = s.workerUrl;
    });
  }, []);

  async function run(action: () => Promise<Status>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      status.value = await action();
      code.value = '';
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  }

  const pair = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const url = normaliseWorkerUrl(workerUrl.value);
      // A deployed worker is not in host_permissions: ask for its origin while we still
      // have the click's user activation.
      if (!isLocalWorker(url)) {
        // optional_host_permissions covers https only: tokens must not cross the network in clear.
        if (!url.startsWith('https://')) throw new Error('a worker that is not on this machine must use https://');
        const granted = await browser.permissions.request({ origins: [`${url}/*`] });
        if (!granted) throw new Error(`Sightline needs permission to reach ${url}`);
      }
      return send('pair', { workerUrl: url, ...parsePairingInput(code.value) });
    });
  };

  const s = status.value;
  return (
    <main class="options">
      <h1>Sightline</h1>
      {s?.paired ? (
        <section data-testid="paired">
          <p>
            Paired with workspace <strong data-testid="workspace-name">{s.workspace?.name ?? '(unnamed)'}</strong> on{' '}
            <code>{s.workerUrl}</code>.
          </p>
          <button type="button" disabled={busy.value} onClick={() => void run(() => send('unpair', {}))}>
            Unpair
          </button>
        </section>
      ) : (
        <form onSubmit={pair}>
          <p class="muted">Pair this browser with your workspace: create a pairing code on the console’s Settings page and enter it here.</p>
          <label for="worker-url">Worker URL</label>
          <input id="worker-url" type="url" required value={workerUrl.value} onInput={(e) => (workerUrl.value = e.currentTarget.value)} />
          <label for="pairing-code">Pairing code</label>
          <input
            id="pairing-code"
            required
            autocomplete="off"
            placeholder="XXXX-XXXX, or paste a token (sl_…)"
            value={code.value}
            onInput={(e) => (code.value = e.currentTarget.value)}
          />
          <div class="row">
            <button type="submit" class="primary" disabled={busy.value}>
              {busy.value ? 'Pairing…' : 'Pair'}
            </button>
          </div>
        </form>
      )}
      {error.value && (
        <p class="error" role="alert" data-testid="error">
          {error.value}
        </p>
      )}
      {s && s.pending > 0 && <p class="muted">{s.pending} saved posts are waiting to reach the worker.</p>}
    </main>
  );
}
