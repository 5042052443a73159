import { useSignal } from '@preact/signals';
import { formatPostsCsv } from '../../../../shared/posts/canonical.ts';
import { importXHistory, mainAccount } from '../../../../shared/posts/importers.ts';
import { sourceName } from '../../../../shared/trends/types.ts';
import { ApiFailure, ok } from '../api.ts';
import type { AppState } from '../state.ts';

/**
 * The canonical posts CSV goes to the worker as it is; an X account history export
 * (tweets.csv: tweet_id, author_id, like_count, …) is converted here first, keeping the
 * account it belongs to (`mainAccount`) and leaving out retweets.
 */
export function toCanonicalCsv(text: string): { csv: string; note: string | null } {
  const firstLine = text.indexOf('\n');
  const header = (firstLine < 0 ? text : text.slice(0, firstLine)).toLowerCase();
  if (!(header.includes('tweet_id') && header.includes('author_id'))) return { csv: text, note: null };
  const account = mainAccount(importXHistory(text).items);
  if (!account) return { csv: text, note: null };
  const mine = importXHistory(text, { account });
  const retweets = mine.excluded?.retweet ?? 0;
  return {
    csv: formatPostsCsv(mine.items),
    note: `Converted ${mine.items.length} posts by account ${account} from an X history export${retweets ? ` (${retweets} ${retweets === 1 ? 'retweet' : 'retweets'} left out)` : ''}.`,
  };
}

/** Settings card: import the workspace's own post history, which personal models and best times learn from. */
export function PostHistory({ state }: { state: AppState }) {
  const result = useSignal<string[] | null>(null);
  const failed = useSignal<string | null>(null);
  const busy = useSignal(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const file = (form.elements.namedItem('history') as HTMLInputElement).files?.[0];
    if (!file) return;
    busy.value = true;
    failed.value = null;
    result.value = null;
    try {
      const { csv, note } = toCanonicalCsv(await file.text());
      const r = await ok(await state.client.v1.posts.import.$post({ json: { kind: 'own', csv } }));
      const lines = [
        ...(note ? [note] : []),
        `Imported ${r.imported} ${r.imported === 1 ? 'post' : 'posts'}${r.skipped ? `; ${r.skipped} ${r.skipped === 1 ? 'row' : 'rows'} skipped` : ''}.`,
        ...r.errors.slice(0, 5).map((x) => `Line ${x.line}, ${x.field}: ${x.message}`),
        ...(r.training.length ? [`Retraining your model for ${r.training.map(sourceName).join(', ')}; best times use the new history now.`] : []),
      ];
      result.value = lines;
      form.reset();
    } catch (err) {
      failed.value = err instanceof ApiFailure ? err.message : 'The worker could not be reached.';
    } finally {
      busy.value = false;
    }
  };

  return (
    <form class="card" onSubmit={submit}>
      <h2>Your post history</h2>
      <p class="muted">
        Sightline learns your best times to post and what lands with your audience from your own posts. Import a posts CSV (
        <code>id,platform,author,text,url,published_at,likes,comments,shares,views</code>) or an X account history export.
      </p>
      <label>
        History file
        <input type="file" name="history" accept=".csv,text/csv" required />
      </label>
      <button type="submit" disabled={busy.value}>
        {busy.value ? 'Importing…' : 'Import'}
      </button>
      {failed.value && (
        <p class="error" role="alert">
          {failed.value}
        </p>
      )}
      {result.value && (
        <ul class="items" role="status" data-testid="import-result">
          {result.value.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
