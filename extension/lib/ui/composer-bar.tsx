export interface ComposerBarProps {
  platformName: string;
  /** filled: the text is in; failed: the composer refused it; published: marked (detected or by hand). */
  state: 'filled' | 'failed' | 'published';
  error: string | null;
  onMarkPublished(): void;
}

/** The bar Sightline shows above a composer it filled in. */
export function ComposerBar({ platformName, state, error, onMarkPublished }: ComposerBarProps) {
  return (
    <div class="sl hint" role="status" data-state={state} aria-label="Sightline: assisted post">
      {state === 'filled' && (
        <>
          <strong>Filled by Sightline — review and post</strong>{' '}
          <span class="muted">Sightline marks it published when you press Post on {platformName}.</span>{' '}
          <button type="button" onClick={onMarkPublished}>
            Mark as published
          </button>
        </>
      )}
      {state === 'failed' && (
        <>
          <strong>Sightline could not fill this composer</strong> <span class="note">Paste the post from the Sightline popup.</span>{' '}
          <button type="button" onClick={onMarkPublished}>
            Mark as published
          </button>
        </>
      )}
      {state === 'published' && <strong>Marked as published in Sightline</strong>}
      {error && <span class="note"> {error}</span>}
    </div>
  );
}
