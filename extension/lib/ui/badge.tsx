import { useEffect, useState } from 'preact/hooks';
import type { SaveResult } from '../messages.ts';
import { byUser } from './user-action.ts';

export interface BadgeProps {
  trend: { id: string; name: string; score: number };
  matched: string[];
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

export function Badge({ trend, matched, onSave }: BadgeProps) {
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
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
      ? 'The Sightline worker is unreachable: this save is queued and will be sent when it is back.'
      : (error ?? `Sightline trend score ${trend.score}/100 · matched: ${matched.join(', ')}`);
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
