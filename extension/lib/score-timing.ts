/** A draft is scored once typing pauses this long: one score per pause, not per key (the score would flicker). */
export const SCORE_AFTER_MS = 400;
