import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ModelsResponse, ModelSummaryView, OwnAccount } from '../../../../shared/contracts/api.ts';
import { sourceName } from '../../../../shared/trends/types.ts';
import { ApiFailure, ok } from '../api.ts';
import { saveAs } from '../download.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';

const figures = (m: ModelSummaryView) =>
  `trained ${relativeTime(m.trainedAt)} on ${m.trainedOn.toLocaleString('en-US')} posts${m.heldOutAuc === null ? '' : `; on its own later posts it ranked hits above misses ${Math.round(m.heldOutAuc * 100)} % of the time (AUC ${m.heldOutAuc.toFixed(2)}; 50 % is chance)`}`;

/** Settings card: which model scores drafts on each platform, how it did on its own later posts, and why it was chosen. */
export function Models({ state }: { state: AppState }) {
  const models = useSignal<ModelsResponse['platforms'] | null>(null);
  const accounts = useSignal<OwnAccount[]>([]);
  const failed = useSignal<string | null>(null);
  const notice = useSignal<string | null>(null);
  const report = (err: unknown) => (failed.value = err instanceof ApiFailure ? err.message : 'The worker could not be reached.');
  const load = async () => {
    try {
      const [m, a] = await Promise.all([state.client.v1.models.$get().then(ok), state.client.v1.accounts.$get().then(ok)]);
      models.value = m.platforms;
      accounts.value = a.accounts;
      failed.value = null;
    } catch (err) {
      report(err);
    }
  };
  const release = async (a: OwnAccount) => {
    if (!confirm(`Stop treating ${a.handle} as your ${sourceName(a.platform)} account? The posts it saved stay in your history.`)) return;
    try {
      const res = await state.client.v1.accounts[':platform'].$delete({ param: { platform: a.platform } });
      // 204 has no body to unwrap; a refusal carries {code, message}, which ok() throws.
      if (!res.ok) await ok(res);
      await load();
    } catch (err) {
      report(err);
    }
  };
  const forget = async (m: ModelsResponse['platforms'][number]) => {
    const name = sourceName(m.platform);
    if (!confirm(`Delete the ${m.ownPosts} ${name} posts stored as your history, and the models learned from them? Posts of tracked competitors stay.`)) return;
    try {
      const done = await ok(await state.client.v1.posts.$delete({ query: { platform: m.platform, kind: 'own' } }));
      await load();
      notice.value = `Deleted ${done.deleted} ${name} ${done.deleted === 1 ? 'post' : 'posts'}; models are retrained from what remains.`;
    } catch (err) {
      report(err);
    }
  };
  const download = async (m: ModelsResponse['platforms'][number]) => {
    try {
      const res = await state.client.v1.posts.export.$get({ query: { platform: m.platform, kind: 'own' } });
      if (!res.ok) await ok(res);
      await saveAs(res, `sightline-${m.platform}-own-posts.csv`);
    } catch (err) {
      report(err);
    }
  };
  useEffect(() => void load(), []);

  return (
    <div class="card">
      <h2>Your prediction models</h2>
      <p class="muted">They score drafts in the composer, the calendar and the API. Training runs after each import.</p>
      {failed.value && <p class="error">{failed.value}</p>}
      {notice.value && (
        <p class="muted" role="status">
          {notice.value}
        </p>
      )}
      {models.value && (
        <ul class="items" data-testid="models">
          {models.value.map((m) => {
            const answering = m.answering === 'workspace-model' ? m.own : m.answering === 'general-model' ? m.general : null;
            return (
              <li key={m.platform} data-platform={m.platform}>
                <strong>{sourceName(m.platform)}</strong>:{' '}
                {answering ? (
                  <>
                    {m.answering === 'workspace-model' ? 'your own model' : 'the general model (your posts and tracked competitors’)'} answers, {figures(answering)}.{' '}
                    <span class="muted">{m.answering === 'general-model' ? `Not your own: ${m.why}.` : ''}</span>
                  </>
                ) : (
                  <span class="muted">
                    no model yet: {m.ownPosts} of your posts stored, {m.postsNeeded} with engagement counts train one. Import your history above, claim your account on
                    its profile page with the extension, or track competitors.
                  </span>
                )}
                {m.ownPosts > 0 && (
                  <>
                    {' '}
                    <button type="button" class="link" onClick={() => void download(m)}>
                      Download CSV
                    </button>{' '}
                    <button type="button" class="link" onClick={() => void forget(m)}>
                      {m.ownPosts === 1 ? 'Delete this post' : `Delete these ${m.ownPosts} posts`}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <h3>Your accounts</h3>
      {accounts.value.length === 0 ? (
        <p class="muted">
          None yet. On your own profile page, the extension’s card offers “This is my account”: each visit there then saves the page’s posts to your history.
        </p>
      ) : (
        <ul class="items" data-testid="own-accounts">
          {accounts.value.map((a) => (
            <li key={a.platform}>
              <strong>{sourceName(a.platform)}</strong>: {a.name ? `${a.name} (${a.handle})` : a.handle} · visits to its page save its posts to your history{' '}
              <button type="button" class="link" onClick={() => void release(a)}>
                Not my account
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="secondary" onClick={() => void load()}>
        Refresh
      </button>
    </div>
  );
}
