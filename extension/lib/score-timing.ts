/** A draft is scored once typing pauses this long: one score per pause, not per key (the score would flicker). */
export const SCORE_AFTER_MS = 400;

export type ScoreOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface DraftScorerOptions<T> {
  /** The draft's text when the pause ends, or null when there is nothing worth scoring. */
  read(): string | null;
  /** Starts scoring `text` (the caller shows "scoring" here). */
  score(text: string): Promise<T>;
  /** The latest request's outcome; earlier requests' answers never arrive here. */
  settle(outcome: ScoreOutcome<T>): void;
  delayMs?: number;
}

export interface DraftScorer {
  /** Scores once calls pause for the delay: only the draft as it is then is asked about. */
  schedule(): void;
  /** Scores at once (a draft filled in rather than typed), dropping a pending pause. */
  now(): void;
  /** Drops the pending pause and any answer still on its way: the draft is gone. */
  cancel(): void;
  /** Cancels for good: the surface is gone, and a late trigger (a draft resolving after it) scores nothing. */
  dispose(): void;
}

/**
 * "Score the draft after a pause in typing", for the composer hint and the popup alike.
 * Requests can answer out of order, so only the latest one's outcome is settled, and none
 * once the draft is gone (cancel(), or read() finding nothing to score): a late answer
 * would show the score of text no longer there. Text already asked about is not asked
 * again, so a keystroke that changes nothing (or a second trigger) costs no request.
 */
export function createDraftScorer<T>(opts: DraftScorerOptions<T>): DraftScorer {
  const delayMs = opts.delayMs ?? SCORE_AFTER_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let asked: string | null = null;
  let disposed = false;

  function drop(): void {
    latest++;
    asked = null;
  }

  function run(): void {
    timer = undefined;
    if (disposed) return;
    const text = opts.read();
    if (text === null) return drop();
    if (text === asked) return;
    asked = text;
    const mine = ++latest;
    let request: Promise<T>;
    try {
      request = opts.score(text);
    } catch (error) {
      request = Promise.reject(error);
    }
    request.then(
      (value) => mine === latest && opts.settle({ ok: true, value }),
      (error: unknown) => {
        if (mine !== latest) return;
        // A failed score is asked again at the next trigger, even for the same text.
        asked = null;
        opts.settle({ ok: false, error });
      },
    );
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    },
    now() {
      clearTimeout(timer);
      run();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      drop();
    },
    dispose() {
      this.cancel();
      disposed = true;
    },
  };
}
