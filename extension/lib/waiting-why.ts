import type { RetryReason } from './db.ts';

export interface WaitingWords {
  /** A clause that reads inside a sentence: "this visit is queued (…)". */
  inline: string;
  /** A save's tooltip on its own: the cause, then what becomes of the save. */
  title: string;
}

const sentence = (clause: string) => `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;

const pairAgain = 'the worker refused this browser’s token: pair it again in Sightline options';

/** One table, so every surface words a reason alike: only 'unauthorized' asks the user to act. */
const words: Record<RetryReason, WaitingWords> = {
  unauthorized: { inline: pairAgain, title: `${sentence(pairAgain)} This save is kept and sent once paired.` },
  busy: { inline: 'the worker is still applying an earlier attempt', title: 'The Sightline worker is still applying an earlier attempt of this save: it is queued and will be sent again shortly.' },
  unreachable: { inline: 'worker unreachable', title: 'The Sightline worker is unreachable: this save is queued and will be sent when it is back.' },
};

/** Why a queued write waits (the outbox's typed reason, outbox.ts); none known reads as an outage. */
export function waitingWhy(reason: RetryReason | null | undefined): WaitingWords {
  return words[reason ?? 'unreachable'];
}

/** A refused token as a sentence of its own, for surfaces that show it outside a queued write. */
export const pairAgainSentence = sentence(pairAgain);
