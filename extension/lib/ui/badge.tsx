import { useEffect, useState } from 'preact/hooks';
import { timeAgo } from '../time-ago.ts';
import type { SaveResult } from '../messages.ts';
import { waitingWhy } from '../waiting-why.ts';
import { byUser } from './user-action.ts';

export interface BadgeProps {
  trend: { id: string; name: string; score: number };
  matched: string[];
  /** When the trends were fetched, if the worker was unreachable for fresher ones (null: current). */
  asOf?: number | null;
  onSave(): Promise<SaveResult>;
}

type SaveState = 'idle' | 'saving' | SaveResult['state'] | 'error';

const saveLabel: Record<SaveState, string> = {
  idle: 'Save',
  saving: 'Saving…',
  saved: 'Saved',
  queued: 'Queued',
  error: 'Retry',
};

export function Badge({ trend, matched, asOf = null, onSave }: BadgeProps) {
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState<SaveResult['reason']>(null);
  // The same badge is reused when a single-page app swaps the post under it.
  useEffect(() => setState('idle'), [trend.id]);

  const save = (e: Event) => {
    // Keep the click from reaching the site's own handlers (open post, follow link).
    e.preventDefault();
    e.stopPropagation();
    setState('saving');
    onSave().then(
      (r) => {
        setState(r.state);
        setReason(r.reason ?? null);
        setError(null);
      },
      (err: unknown) => {
        setState('error');
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  const title =
    state === 'queued'
      ? waitingWhy(reason).title
      : (error ?? `Sightline trend score ${trend.score}/100 · matched: ${matched.join(', ')}${asOf === null ? '' : ` · worker unreachable: trends as of ${timeAgo(asOf, Date.now())}`}`);
  return (
    <div class="badge" title={title}>
      <span class="label">
        <span class="score">Trend {trend.score}</span>
        {' · '}
        <span class="name">{trend.name}</span>
      </span>
      <button type="button" class="save" disabled={state === 'saving' || state === 'saved' || state === 'queued'} onClick={byUser(save)}>
        {saveLabel[state]}
      </button>
    </div>
  );
}
