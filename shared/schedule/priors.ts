/**
 * Platform-default posting-time lifts: what "one aggregate for everyone" advice says, used
 * as the prior every account's own history is shrunk toward, and as the whole answer when
 * an account has too little history.
 *
 * Source/assumption: hand-made from the broad agreement of public "best time to post"
 * reports (Sprout Social, Hootsuite, Buffer; 2022–2024) — weekday working hours in the
 * audience's local time beat nights, mid-week beats weekends on X and LinkedIn, Reddit and
 * Hacker News peak on weekday mornings (US). Those studies measure other accounts and
 * publish rankings rather than effect sizes, so the lifts are kept deliberately small
 * (within about ±20 %): the account's own history should win once it exists.
 * Values are multiplicative lifts on (1 + engagement), by local hour and by weekday (Mon..Sun).
 */
export interface PlatformPrior {
  hour: readonly number[];
  day: readonly number[];
}

const OFFICE = [0.82, 0.8, 0.8, 0.8, 0.82, 0.86, 0.92, 1.0, 1.08, 1.14, 1.16, 1.16, 1.15, 1.14, 1.12, 1.1, 1.06, 1.04, 1.03, 1.02, 1.0, 0.96, 0.9, 0.86];
const MORNING = [0.86, 0.84, 0.84, 0.86, 0.9, 0.96, 1.04, 1.12, 1.18, 1.18, 1.14, 1.1, 1.08, 1.06, 1.04, 1.02, 1.0, 0.98, 0.98, 0.98, 0.96, 0.94, 0.9, 0.88];

// Null prototype: platform names are data, and 'constructor' or 'toString' must read as unknown.
export const PLATFORM_PRIORS: Readonly<Record<string, PlatformPrior>> = Object.assign(Object.create(null) as Record<string, PlatformPrior>, {
  x: { hour: OFFICE, day: [1.04, 1.08, 1.08, 1.06, 1.0, 0.9, 0.88] },
  linkedin: { hour: OFFICE, day: [1.02, 1.12, 1.12, 1.1, 0.98, 0.8, 0.8] },
  reddit: { hour: MORNING, day: [1.04, 1.04, 1.02, 1.02, 0.98, 0.96, 1.0] },
  hackernews: { hour: MORNING, day: [1.06, 1.08, 1.06, 1.04, 0.98, 0.88, 0.9] },
  youtube: { hour: [0.86, 0.84, 0.82, 0.82, 0.84, 0.86, 0.9, 0.94, 0.98, 1.0, 1.02, 1.04, 1.06, 1.08, 1.12, 1.14, 1.16, 1.16, 1.14, 1.1, 1.04, 0.98, 0.92, 0.88], day: [0.96, 0.98, 0.98, 1.0, 1.04, 1.06, 1.04] },
});

/** Prior log-lift of each hour-of-week slot (0 = Mon 00:00) for a platform; unknown platforms use X's. */
export function priorLogLifts(platform: string): number[] {
  const p = PLATFORM_PRIORS[platform] ?? PLATFORM_PRIORS.x!;
  const out: number[] = [];
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) out.push(Math.log(p.day[d]!) + Math.log(p.hour[h]!));
  // Centre so the prior says where to post, not that the account does better overall.
  const mean = out.reduce((a, v) => a + v, 0) / out.length;
  return out.map((v) => v - mean);
}
