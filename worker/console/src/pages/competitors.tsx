import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Competitor, CompetitorDetail, SocialPlatform } from '../../../../shared/contracts/api.ts';
import { sourceName } from '../../../../shared/trends/types.ts';
import { ApiFailure, ok } from '../api.ts';
import { relativeTime } from '../format.ts';
import type { AppState } from '../state.ts';
import { webUrl } from '../../../../shared/format/web-url.ts';

const platforms: SocialPlatform[] = ['linkedin', 'x', 'youtube'];
const whole = (v: number) => Math.round(v).toLocaleString('en-US');
const signed = (v: number, digits = 0) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;
const errorText = (err: unknown) => (err instanceof ApiFailure ? err.message : 'The worker could not be reached.');

/**
 * Tracked competitors: what the extension recorded on visits to their pages (followers
 * over time, posting cadence, engagement, best recent posts), for the whole workspace.
 */
export function CompetitorsPage({ state }: { state: AppState }) {
  const list = useSignal<Competitor[] | null>(null);
  const open = useSignal<CompetitorDetail | null>(null);
  const error = useSignal<string | null>(null);

  const load = async () => {
    try {
      list.value = (await ok(await state.client.v1.competitors.$get({ query: {} }))).competitors;
    } catch (err) {
      error.value = errorText(err);
    }
  };
  useEffect(() => void load(), []);

  const show = async (id: string) => {
    if (open.value?.id === id) {
      open.value = null;
      return;
    }
    try {
      open.value = await ok(await state.client.v1.competitors[':id'].$get({ param: { id } }));
    } catch (err) {
      error.value = errorText(err);
    }
  };

  const track = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    error.value = null;
    try {
      await ok(await state.client.v1.competitors.$post({ json: { platform: String(data.get('platform')) as SocialPlatform, handle: String(data.get('handle') ?? '') } }));
      form.reset();
      await load();
    } catch (err) {
      error.value = errorText(err);
    }
  };

  const untrack = async (c: Competitor) => {
    if (!confirm(`Stop tracking @${c.handle}? Its stored visits and posts are deleted.`)) return;
    const res = await state.client.v1.competitors[':id'].$delete({ param: { id: c.id } });
    if (res.ok) {
      if (open.value?.id === c.id) open.value = null;
      await load();
    }
  };

  return (
    <section>
      <h1>Competitors</h1>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <form class="card" onSubmit={track}>
        <h2>Track an account</h2>
        <p class="muted">Sightline records an account's figures when you visit its page with the extension, and only for accounts tracked here or from the page.</p>
        <label>
          Platform
          <select name="platform">
            {platforms.map((p) => (
              <option key={p} value={p}>
                {sourceName(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Handle
          <input name="handle" required maxLength={100} placeholder="e.g. @acme" />
        </label>
        <button type="submit">Track</button>
      </form>

      {list.value?.length === 0 && <p class="muted">No competitors tracked yet. Track one here, or with “Track” on their LinkedIn, X or YouTube page.</p>}
      {list.value && list.value.length > 0 && (
        <table class="trends" data-testid="competitors">
          <thead>
            <tr>
              <th>Account</th>
              <th>Platform</th>
              <th>Last visit</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.value.map((c) => (
              <tr key={c.id} data-competitor-id={c.id}>
                <td>
                  <button class="link trend-name" onClick={() => show(c.id)} aria-expanded={open.value?.id === c.id}>
                    {c.name ? `${c.name} (@${c.handle})` : `@${c.handle}`}
                  </button>
                  {open.value?.id === c.id && <CompetitorView c={open.value} />}
                </td>
                <td>
                  {sourceName(c.platform)}
                  {profileUrl(c) && (
                    <>
                      {' '}
                      <a href={profileUrl(c)!} target="_blank" rel="noreferrer noopener" aria-label={`Open @${c.handle} on ${sourceName(c.platform)}`}>
                        open
                      </a>
                    </>
                  )}
                </td>
                <td>{c.lastSnapshotAt ? relativeTime(c.lastSnapshotAt) : <span class="muted">not visited yet</span>}</td>
                <td>
                  <button class="link" onClick={() => untrack(c)}>
                    Stop tracking
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * Where to visit an account (a visit is what records its figures): the page it was tracked
 * from, else its address on X or YouTube. A LinkedIn handle alone could be a person or a
 * company, so it gets no guessed link.
 */
export function profileUrl(c: Pick<Competitor, 'platform' | 'handle' | 'url'>): string | null {
  if (c.url) return c.url;
  if (c.platform === 'x') return `https://x.com/${encodeURIComponent(c.handle)}`;
  if (c.platform === 'youtube') return `https://www.youtube.com/@${encodeURIComponent(c.handle)}`;
  return null;
}

function CompetitorView({ c }: { c: CompetitorDetail }) {
  const g = c.growth;
  const figures: [string, string][] = [
    ['Followers', g.followers === null ? '—' : whole(g.followers)],
    ['Growth', g.followersPerDay === null ? '—' : `${signed(g.followersPerDay)} a day${g.pctPerWeek === null ? '' : ` (${signed(g.pctPerWeek, 2)} % a week)`}`],
    ['Posting', g.postsPerWeek === null ? '—' : `${g.postsPerWeek.toFixed(1)} posts a week`],
    ['Engagement', g.engagementRatePct === null ? '—' : `${g.engagementRatePct.toFixed(2)} % of followers per post`],
  ];
  return (
    <div class="trend-detail" data-testid="competitor-detail">
      <dl class="figures">
        {figures.map(([k, v]) => (
          <div key={k}>
            <dt class="muted">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">
        {c.snapshots.length} {c.snapshots.length === 1 ? 'visit' : 'visits'} recorded{g.spanDays !== null ? ` over ${g.spanDays.toFixed(1)} days` : ''}.
        {g.notes.length > 0 && ` ${g.notes.join('; ')}.`}
      </p>
      {g.bestRecentPosts.length > 0 && (
        <>
          <h3>Best recent posts</h3>
          <ol>
            {g.bestRecentPosts.map((p) => (
              <li key={p.id}>
                {webUrl(p.url) ? (
                  <a href={webUrl(p.url)} target="_blank" rel="noreferrer noopener">
                    {p.text.length > 140 ? `${p.text.slice(0, 140)}…` : p.text}
                  </a>
                ) : p.text.length > 140 ? (
                  `${p.text.slice(0, 140)}…`
                ) : (
                  p.text
                )}{' '}
                <span class="muted">
                  {whole(p.engagement)} reactions, comments and shares · {relativeTime(p.publishedAt)}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
