import { useState } from 'preact/hooks';
import type { CompetitorGrowth } from '../../../shared/competitors/growth.ts';
import { compact } from '../insight.ts';
import type { CompetitorState } from '../messages.ts';
import { webUrl } from '../../../shared/format/web-url.ts';
import { byUser } from './user-action.ts';
import { waitingWhy } from '../waiting-why.ts';

export interface CompetitorCardProps {
  /** null: the extractor could not read the page's account. */
  account: { name: string | null; handle: string } | null;
  metrics: { label: string; value: number | string }[];
  /** Cadence, engagement and best posts from the posts on the page (nothing stored). */
  page: CompetitorGrowth | null;
  state: CompetitorState | null;
  error: string | null;
  onTrack(): Promise<void>;
  /** "This is my account". */
  onClaim(): Promise<void>;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} %`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${Math.abs(x) >= 10 ? Math.round(x) : x.toFixed(1)}`;

function Figures({ g, tracked }: { g: CompetitorGrowth; tracked: boolean }) {
  return (
    <>
      <dl>
        {tracked && (
          <div>
            <dt>growth</dt>
            <dd data-testid="growth">{g.followersPerDay === null ? '—' : `${signed(g.followersPerDay)}/day · ${pct(g.pctPerWeek ?? 0)}/week`}</dd>
          </div>
        )}
        <div>
          <dt>cadence</dt>
          <dd>{g.postsPerWeek === null ? '—' : `${g.postsPerWeek.toFixed(1)} posts/week`}</dd>
        </div>
        <div>
          <dt>avg engagement</dt>
          <dd>{g.engagementRatePct === null ? '—' : `${g.engagementRatePct.toFixed(2)} %/post`}</dd>
        </div>
      </dl>
      {g.bestRecentPosts.length > 0 && (
        <ol aria-label="Best recent posts">
          {g.bestRecentPosts.map((p) => (
            <li key={p.id}>
              {webUrl(p.url) ? <a href={webUrl(p.url)}>{p.text.slice(0, 70) || p.id}</a> : p.text.slice(0, 70)} <span class="muted">({compact(p.engagement)} engagements)</span>
            </li>
          ))}
        </ol>
      )}
      {g.notes.length > 0 && <div class="muted" data-testid="notes">{g.notes.join('; ')}</div>}
    </>
  );
}

/** The competitor card on profile, company and channel pages. */
export function CompetitorCard({ account, metrics, page, state, error, onTrack, onClaim }: CompetitorCardProps) {
  const [tracking, setTracking] = useState(false);
  const [claiming, setClaiming] = useState(false);
  if (!account) {
    return (
      <section class="sl card" aria-label="Sightline competitor card" data-state="unreadable">
        <h2>Sightline</h2>
        <div class="note">Couldn’t read this page: Sightline found no account figures here.</div>
      </section>
    );
  }
  const tracked = state?.tracked === true;
  const track = byUser(() => {
    setTracking(true);
    onTrack().finally(() => setTracking(false));
  });
  const claim = byUser(() => {
    setClaiming(true);
    onClaim().finally(() => setClaiming(false));
  });
  const mine = state?.mine === true;
  const dataState = !state ? 'checking' : mine ? 'mine' : tracked ? 'tracked' : 'untracked';
  return (
    <section class="sl card" aria-label="Sightline competitor card" data-state={dataState}>
      <h2>
        {account.name ?? account.handle} <span class="muted">· Sightline</span>
      </h2>
      <dl>
        {metrics.map((m) => (
          <div key={m.label}>
            <dt>{m.label}</dt>
            <dd>{typeof m.value === 'number' ? compact(m.value) : m.value}</dd>
          </div>
        ))}
      </dl>
      {tracked && state?.growth ? <Figures g={state.growth} tracked /> : page && <Figures g={page} tracked={false} />}
      <div class="row">
        {!state && <span class="muted">Checking whether you track this account…</span>}
        {state && !tracked && !mine && (
          <>
            <span class="note" data-testid="untracked">
              Not tracked: Sightline stores nothing about this account.
            </span>
            <button type="button" onClick={track} disabled={tracking || claiming || !state.paired} title={state.paired ? undefined : 'Pair Sightline in its options page first'}>
              {tracking ? 'Tracking…' : 'Track as competitor'}
            </button>
            <button
              type="button"
              onClick={claim}
              disabled={tracking || claiming || !state.paired}
              title={state.paired ? 'Your posts on this page join your history: best times and predictions learn from them' : 'Pair Sightline in its options page first'}
            >
              {claiming ? 'Saving…' : 'This is my account'}
            </button>
          </>
        )}
        {mine && state && (
          <span class="muted" data-testid="mine">
            Your account ·{' '}
            {state.ownPostsSaved === null
              ? 'no posts with dates on this page to save'
              : `${state.ownPostsSaved} post${state.ownPostsSaved === 1 ? '' : 's'} from this page saved to your history`}
            {state.sync === 'queued' ? ` (queued: ${waitingWhy(state.syncReason).inline})` : state.sync === 'saved' ? ' · synced' : ''}
          </span>
        )}
        {tracked && state && (
          <span class="muted" data-testid="tracked">
            Tracked · {state.snapshots} visit{state.snapshots === 1 ? '' : 's'} stored{state.snapshotsFrom === 'workspace' ? ' in your workspace' : ''}
            {state.sync === 'queued' ? ` · this visit is queued (${waitingWhy(state.syncReason).inline})` : state.sync === 'saved' ? ' · synced' : ''}
          </span>
        )}
      </div>
      {state?.notice && (
        <div class="note" role="status" data-testid="notice">
          {state.notice}
        </div>
      )}
      {error && <div class="note" role="alert">{error}</div>}
    </section>
  );
}
