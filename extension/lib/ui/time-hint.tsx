import type { BestTimesState, DraftPredictionState } from '../messages.ts';
import { usualRange } from '../../../shared/format/engagement.ts';
import { timeAgo } from '../time-ago.ts';

/** The draft score's states, as the composer hint shows them. */
export type DraftScoreView = { kind: 'idle' } | { kind: 'scoring' } | { kind: 'done'; state: DraftPredictionState };

/** A score request that threw (the background's answer never came): shown as its error, not as offline. */
export function failedPrediction(err: unknown): DraftPredictionState {
  return { paired: true, offline: false, prediction: null, error: err instanceof Error ? err.message : String(err), modelFetchedAt: null };
}

export interface TimeHintProps {
  state: BestTimesState | null;
  error: string | null;
  platformName: string;
  timeZone: string;
  /** The draft in the composer; absent where no composer text is read. */
  draft?: DraftScoreView;
}

function when(iso: string, timeZone: string): string {
  // 24-hour "Tue 14:00", the worker's slot label format, in the user's zone.
  return new Date(iso).toLocaleString('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone });
}

/** "This draft: 34 % chance of your top quarter · usually 120–400 interactions", with the reasons under it. */
export function DraftScore({ view }: { view: DraftScoreView }) {
  if (view.kind === 'idle') return <div class="muted" data-testid="draft-score">Write a few words and Sightline scores the draft.</div>;
  if (view.kind === 'scoring') return <div class="muted" data-testid="draft-score">Scoring the draft…</div>;
  const { state } = view;
  if (!state.paired) return null;
  if (state.offline && !state.prediction) return <div class="note" data-testid="draft-score">Draft score unavailable offline: no model kept in this browser yet.</div>;
  if (!state.prediction) return <div class="note" data-testid="draft-score">Draft score unavailable: {state.error ?? 'no answer'}</div>;
  const p = state.prediction;
  if (p.probability === null) return <div class="note" data-testid="draft-score">No draft score yet: {p.message}</div>;
  const model = p.path === 'workspace-model' ? 'your own model' : 'the general model';
  return (
    <div data-testid="draft-score" title={`Scored by ${model}: ${p.message}`}>
      <strong>This draft:</strong> {Math.round(p.probability * 100)} % chance of your top quarter
      {p.expected ? ` · ${usualRange(p.expected)}` : ''}
      {p.reasons.length > 0 && (
        <ul class="reasons">
          {p.reasons.slice(0, 3).map((r) => (
            <li key={r.text} class={r.weight >= 0 ? 'up' : 'down'}>
              <span class="arrow" aria-hidden="true">{r.weight >= 0 ? '▲' : '▼'}</span> {r.text}
            </li>
          ))}
        </ul>
      )}
      <div class="muted">
        scored by {model}
        {state.offline && state.modelFetchedAt !== null ? ` · offline, as of ${timeAgo(state.modelFetchedAt, Date.now())}` : ''}
      </div>
    </div>
  );
}

/** Under the composer: the next best times to post, and how the draft being written may do. */
export function TimeHint({ state, error, platformName, timeZone, draft }: TimeHintProps) {
  let body;
  if (error) body = <span class="note">Best times unavailable: {error}</span>;
  else if (!state) body = <span class="muted">Loading best times…</span>;
  else if (!state.paired) body = <span class="muted">Pair Sightline (options page) to see your best posting times.</span>;
  else if (!state.slots.length) body = <span class="note">Best times unavailable{state.offline ? ' offline' : ''}{state.message ? `: ${state.message}` : ''}</span>;
  else
    body = (
      <>
        {state.usingDefaults && <div class="note" data-testid="defaults">Not enough history yet, showing {platformName} defaults</div>}
        <ul>
          {state.slots.map((s) => (
            <li key={s.next} title={`${Math.round(s.confidence * 100)} % confidence`}>
              {when(s.next, timeZone)} ({s.expectedLift >= 0 ? '+' : ''}
              {Math.round(s.expectedLift * 100)} %)
            </li>
          ))}
        </ul>
        {state.offline && <div class="muted">offline: last known best times</div>}
      </>
    );
  return (
    <div class="sl hint" tabIndex={0} role="note" aria-label="Sightline: next best times to post, and this draft's score">
      <strong>Next best times to post</strong> {body}
      {draft && state?.paired !== false && <DraftScore view={draft} />}
    </div>
  );
}
