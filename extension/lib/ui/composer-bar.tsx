import { byUser } from './user-action.ts';

export interface ComposerBarProps {
  platformName: string;
  /**
   * filled: the text is in; failed: the composer refused it; sending: Post was pressed and the
   * site has not taken the post yet; unconfirmed: the post is still in the composer a while after
   * Post; published: marked (confirmed or by hand).
   */
  state: 'filled' | 'failed' | 'sending' | 'unconfirmed' | 'published';
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
          <span class="muted">Sightline marks it published once {platformName} takes it after you press Post.</span>{' '}
          <button type="button" onClick={byUser(onMarkPublished)}>
            Mark as published
          </button>
        </>
      )}
      {state === 'failed' && (
        <>
          <strong>Sightline could not fill this composer</strong> <span class="note">Paste the post from the Sightline popup.</span>{' '}
          <button type="button" onClick={byUser(onMarkPublished)}>
            Mark as published
          </button>
        </>
      )}
      {state === 'sending' && (
        <>
          <strong>Posting on {platformName}…</strong> <span class="muted">Sightline marks it published once {platformName} takes it.</span>
        </>
      )}
      {state === 'unconfirmed' && (
        <>
          <strong>Not posted yet?</strong>{' '}
          <span class="note">
            {platformName} still shows the post after you pressed Post. If it did not go out, fix what {platformName} says and press Post again; if it did, mark it.
          </span>{' '}
          <button type="button" onClick={byUser(onMarkPublished)}>
            Mark as published
          </button>
        </>
      )}
      {state === 'published' && <strong>Marked as published in Sightline</strong>}
      {error && <span class="note"> {error}</span>}
    </div>
  );
}
