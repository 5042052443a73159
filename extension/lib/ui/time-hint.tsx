import type { BestTimesState } from '../messages.ts';

export interface TimeHintProps {
  state: BestTimesState | null;
  error: string | null;
  platformName: string;
  timeZone: string;
}

function when(iso: string, timeZone: string): string {
  // 24-hour "Tue 14:00", the worker's slot label format, in the user's zone.
  return new Date(iso).toLocaleString('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone });
}

/** "Best times to post: Tue 14:00 (+12 %) …" under the composer. */
export function TimeHint({ state, error, platformName, timeZone }: TimeHintProps) {
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
    <div class="sl hint" tabIndex={0} role="note" aria-label="Sightline: next best times to post">
      <strong>Next best times to post</strong> {body}
    </div>
  );
}
