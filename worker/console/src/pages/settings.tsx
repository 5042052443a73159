import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { DeviceTokenInfo, HealthResponse, LlmUsageResponse, PairingCodeResponse } from '../../../../shared/contracts/api.ts';
import { ApiFailure, health as readHealth, ok } from '../api.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';
import { Models } from './models.tsx';
import { PostHistory } from './post-history.tsx';

export function SettingsPage({ state }: { state: AppState }) {
  const pairing = useSignal<PairingCodeResponse | null>(null);
  const devices = useSignal<DeviceTokenInfo[]>([]);
  const health = useSignal<HealthResponse | null>(null);
  const usage = useSignal<LlmUsageResponse | null>(null);
  const message = useSignal<string | null>(null);
  // null until the user types: a page opened directly draws before the workspace's name has loaded.
  const typedName = useSignal<string | null>(null);
  const name = typedName.value ?? state.workspaceName.value ?? '';
  const topics = useSignal('');
  const topicsMessage = useSignal<string | null>(null);

  const loadDevices = async () => {
    devices.value = (await ok(await state.client.v1.workspace.devices.$get())).devices;
  };

  useEffect(() => {
    void loadDevices().catch(() => {});
    void state.client.v1.workspace.topics
      .$get()
      .then(ok)
      .then((r) => (topics.value = r.topics.join(', ')))
      .catch(() => {});
    void state.client.v1.workspace['llm-usage']
      .$get()
      .then(ok)
      .then((u) => (usage.value = u))
      .catch(() => {});
    readHealth()
      .then((h) => (health.value = h))
      .catch(() => {});
  }, []);

  const rename = async (e: Event) => {
    e.preventDefault();
    try {
      const sent = typedName.value;
      const res = await ok(await state.client.v1.workspace.$patch({ json: { name } }));
      state.workspaceName.value = res.name;
      // Typing after Save keeps what was typed since.
      if (typedName.value === sent) typedName.value = null;
      message.value = 'Saved.';
    } catch (err) {
      message.value = err instanceof ApiFailure ? err.message : 'Could not save.';
    }
  };

  const saveTopics = async (e: Event) => {
    e.preventDefault();
    const list = topics.value.split(',').map((t) => t.trim()).filter(Boolean);
    try {
      const res = await ok(await state.client.v1.workspace.topics.$put({ json: { topics: list } }));
      topics.value = res.topics.join(', ');
      topicsMessage.value = res.topics.length
        ? `Watching ${res.topics.length} topic${res.topics.length === 1 ? '' : 's'}: the next source run searches for them, and their trends are this workspace's alone.`
        : 'No topics: trends come from the general feeds only.';
    } catch (err) {
      topicsMessage.value = err instanceof ApiFailure ? err.message : 'Could not save.';
    }
  };

  const createCode = async () => {
    pairing.value = await ok(await state.client.v1.workspace['pairing-codes'].$post());
  };

  const revoke = async (id: string) => {
    await state.client.v1.workspace.devices[':id'].$delete({ param: { id } });
    await loadDevices();
  };

  return (
    <section class="settings">
      <h1>Settings</h1>

      <form class="card" onSubmit={rename}>
        <h2>Workspace</h2>
        <label>
          Name
          <input value={name} onInput={(e) => (typedName.value = e.currentTarget.value)} required maxLength={80} />
        </label>
        <button type="submit">Save</button>
        {message.value && <p class="muted">{message.value}</p>}
      </form>

      <form class="card" onSubmit={saveTopics}>
        <h2>Watched topics</h2>
        <label>
          Topics, separated by commas
          <input value={topics.value} onInput={(e) => (topics.value = e.currentTarget.value)} placeholder="e.g. passkeys, rust, webgpu" maxLength={5000} />
        </label>
        <button type="submit">Save topics</button>
        {topicsMessage.value && (
          <p class="muted" role="status">
            {topicsMessage.value}
          </p>
        )}
      </form>

      <PostHistory state={state} />
      <Models state={state} />

      <div class="card">
        <h2>Browser extension</h2>
        <p>
          Open the Sightline extension's options, enter this console's address (<code>{location.origin}</code>) and a pairing code.
          Codes work once and expire after 10 minutes.
        </p>
        <button onClick={createCode}>Create pairing code</button>
        {pairing.value && (
          <p>
            <span class="pairing-code" data-testid="pairing-code">
              {pairing.value.code}
            </span>{' '}
            <span class="muted">expires {relativeTime(pairing.value.expiresAt)}</span>
          </p>
        )}
        <h3>Paired browsers</h3>
        {devices.value.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <ul class="devices">
            {devices.value.map((d) => (
              <li key={d.id}>
                {d.label} <span class="muted">· paired {relativeTime(d.createdAt)}{d.lastUsedAt ? ` · last seen ${relativeTime(d.lastUsedAt)}` : ''}</span>{' '}
                <button class="link" onClick={() => revoke(d.id)}>
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      {health.value && (
        <div class="card">
          <h2>This deployment</h2>
          <p>
            Version {health.value.version}. Writing: {health.value.llm === 'openai-compatible' ? 'OpenAI-compatible LLM' : 'built-in generator (no LLM key set)'}. Video:{' '}
            {health.value.video === 'heygen' ? 'HeyGen rendering' : 'storyboards only (no HeyGen key set)'}.
          </p>
          {usage.value && (usage.value.llm === 'openai-compatible' || usage.value.requests > 0) && (
            <p data-testid="llm-usage">
              LLM spend in {usage.value.period}: ${usage.value.spentUsd.toFixed(4)} of the ${usage.value.capUsd.toFixed(2)} cap ({usage.value.requests} request
              {usage.value.requests === 1 ? '' : 's'}). At the cap, drafts say so instead of calling the model.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
