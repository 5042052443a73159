/**
 * A small bundled calendar of holidays and observances that change how posts land, with
 * dates computed for any year (fixed dates, "nth weekday of a month", Easter-relative).
 *
 * `lift` multiplies the value of every slot that local day: below 1 where audiences are
 * away (public holidays with families, year-end), above 1 only for topic-matched posts
 * (`topicLift` applies when a post's topic shares a word with `topics`). The figures are
 * hand-set, deliberately mild judgements from the same public "when to post" reports the
 * schedule priors use, not measurements: users edit them (`custom` events with the same id
 * override a bundled one; `disabled: true` removes it).
 */

export type DateRule =
  | { kind: 'fixed'; month: number; day: number }
  /**
   * n = 1..5, or -1 for the last such weekday. weekday: 0 = Monday … 6 = Sunday. A 5th
   * weekday exists only in some months; in the other years the event does not occur.
   */
  | { kind: 'nth-weekday'; month: number; weekday: number; n: number; offsetDays?: number }
  | { kind: 'easter'; offsetDays: number };

export interface SeasonalEvent {
  id: string;
  name: string;
  rule: DateRule;
  /** Multiplier on all slots that day. */
  lift: number;
  /** Extra multiplier for posts on these topics. */
  topicLift?: number;
  topics?: string[];
  /** Where it is observed, for display and filtering ("US", "UK", "global"). */
  region: string;
  disabled?: boolean;
}

export interface DatedEvent {
  id: string;
  name: string;
  /** YYYY-MM-DD, local to the account's time zone. */
  date: string;
  lift: number;
  topicLift: number;
  topics: string[];
  region: string;
}

export const BUNDLED_EVENTS: readonly SeasonalEvent[] = [
  { id: 'new-years-day', name: "New Year's Day", rule: { kind: 'fixed', month: 1, day: 1 }, lift: 0.6, region: 'global' },
  { id: 'mlk-day', name: 'Martin Luther King Jr. Day', rule: { kind: 'nth-weekday', month: 1, weekday: 0, n: 3 }, lift: 0.9, region: 'US' },
  { id: 'valentines-day', name: "Valentine's Day", rule: { kind: 'fixed', month: 2, day: 14 }, lift: 1, topicLift: 1.3, topics: ['love', 'gift', 'dating', 'relationship', 'valentine'], region: 'global' },
  { id: 'womens-day', name: "International Women's Day", rule: { kind: 'fixed', month: 3, day: 8 }, lift: 1, topicLift: 1.3, topics: ['women', 'woman', 'equality', 'diversity', 'leadership', 'gender'], region: 'global' },
  { id: 'good-friday', name: 'Good Friday', rule: { kind: 'easter', offsetDays: -2 }, lift: 0.8, region: 'UK, EU' },
  { id: 'easter-sunday', name: 'Easter Sunday', rule: { kind: 'easter', offsetDays: 0 }, lift: 0.7, region: 'global' },
  { id: 'easter-monday', name: 'Easter Monday', rule: { kind: 'easter', offsetDays: 1 }, lift: 0.8, region: 'UK, EU' },
  { id: 'earth-day', name: 'Earth Day', rule: { kind: 'fixed', month: 4, day: 22 }, lift: 1, topicLift: 1.3, topics: ['climate', 'sustainability', 'environment', 'energy', 'earth'], region: 'global' },
  { id: 'mothers-day-us', name: "Mother's Day (US)", rule: { kind: 'nth-weekday', month: 5, weekday: 6, n: 2 }, lift: 0.9, topicLift: 1.2, topics: ['mother', 'mom', 'family', 'parent'], region: 'US' },
  { id: 'memorial-day', name: 'Memorial Day', rule: { kind: 'nth-weekday', month: 5, weekday: 0, n: -1 }, lift: 0.75, region: 'US' },
  { id: 'juneteenth', name: 'Juneteenth', rule: { kind: 'fixed', month: 6, day: 19 }, lift: 0.9, region: 'US' },
  { id: 'independence-day', name: 'Independence Day', rule: { kind: 'fixed', month: 7, day: 4 }, lift: 0.6, region: 'US' },
  { id: 'labor-day', name: 'Labor Day', rule: { kind: 'nth-weekday', month: 9, weekday: 0, n: 1 }, lift: 0.75, topicLift: 1.1, topics: ['work', 'job', 'career', 'labor', 'worker'], region: 'US' },
  { id: 'mental-health-day', name: 'World Mental Health Day', rule: { kind: 'fixed', month: 10, day: 10 }, lift: 1, topicLift: 1.3, topics: ['mental', 'health', 'burnout', 'wellbeing', 'stress'], region: 'global' },
  { id: 'halloween', name: 'Halloween', rule: { kind: 'fixed', month: 10, day: 31 }, lift: 0.95, topicLift: 1.2, topics: ['halloween', 'costume', 'spooky', 'horror'], region: 'US, UK' },
  { id: 'thanksgiving', name: 'Thanksgiving (US)', rule: { kind: 'nth-weekday', month: 11, weekday: 3, n: 4 }, lift: 0.55, region: 'US' },
  { id: 'black-friday', name: 'Black Friday', rule: { kind: 'nth-weekday', month: 11, weekday: 3, n: 4, offsetDays: 1 }, lift: 0.85, topicLift: 1.4, topics: ['sale', 'deal', 'discount', 'shopping', 'ecommerce', 'retail'], region: 'US, global' },
  { id: 'cyber-monday', name: 'Cyber Monday', rule: { kind: 'nth-weekday', month: 11, weekday: 3, n: 4, offsetDays: 4 }, lift: 1, topicLift: 1.4, topics: ['sale', 'deal', 'discount', 'shopping', 'ecommerce', 'software', 'tech'], region: 'US, global' },
  { id: 'giving-tuesday', name: 'Giving Tuesday', rule: { kind: 'nth-weekday', month: 11, weekday: 3, n: 4, offsetDays: 5 }, lift: 1, topicLift: 1.3, topics: ['charity', 'nonprofit', 'donation', 'giving', 'community'], region: 'US, global' },
  { id: 'christmas-eve', name: 'Christmas Eve', rule: { kind: 'fixed', month: 12, day: 24 }, lift: 0.6, region: 'global' },
  { id: 'christmas-day', name: 'Christmas Day', rule: { kind: 'fixed', month: 12, day: 25 }, lift: 0.45, region: 'global' },
  { id: 'boxing-day', name: 'Boxing Day', rule: { kind: 'fixed', month: 12, day: 26 }, lift: 0.65, region: 'UK, CA, AU' },
  { id: 'new-years-eve', name: "New Year's Eve", rule: { kind: 'fixed', month: 12, day: 31 }, lift: 0.65, region: 'global' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Easter Sunday (Gregorian), anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function addDays(y: number, m: number, d: number, days: number): string {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Days in month `m` (1-12) of year `y`. */
export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The date of a rule in a year, YYYY-MM-DD, or null when the rule has no day that year
 * (a 5th Friday of February, 29 February outside leap years).
 */
export function dateOf(rule: DateRule, year: number): string | null {
  switch (rule.kind) {
    case 'fixed':
      return rule.day <= daysInMonth(year, rule.month) ? iso(year, rule.month, rule.day) : null;
    case 'easter': {
      const e = easterSunday(year);
      return addDays(year, e.month, e.day, rule.offsetDays);
    }
    case 'nth-weekday': {
      // Weekday of the 1st, Monday = 0.
      const first = (new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay() + 6) % 7;
      let day: number;
      if (rule.n > 0) {
        day = 1 + ((rule.weekday - first + 7) % 7) + 7 * (rule.n - 1);
        // Counting on would land in the next month.
        if (day > daysInMonth(year, rule.month)) return null;
      } else {
        const last = daysInMonth(year, rule.month);
        const lastWeekday = (first + last - 1) % 7;
        day = last - ((lastWeekday - rule.weekday + 7) % 7);
      }
      return addDays(year, rule.month, day, rule.offsetDays ?? 0);
    }
  }
}

/** Bundled events merged with the user's: same id replaces, `disabled` removes. */
export function mergeEvents(custom: readonly SeasonalEvent[] = []): SeasonalEvent[] {
  const byId = new Map(BUNDLED_EVENTS.map((e) => [e.id, e]));
  for (const e of custom) byId.set(e.id, e);
  return [...byId.values()].filter((e) => !e.disabled);
}

/** Dated events for the given years (sorted by date). */
export function eventsForYears(years: readonly number[], custom: readonly SeasonalEvent[] = []): DatedEvent[] {
  const out: DatedEvent[] = [];
  for (const y of years) {
    for (const e of mergeEvents(custom)) {
      const date = dateOf(e.rule, y);
      if (date === null) continue;
      out.push({ id: e.id, name: e.name, date, lift: e.lift, topicLift: e.topicLift ?? 1, topics: e.topics ?? [], region: e.region });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

/** The multiplier a post on `topic` gets on a local date, and the events behind it. */
export function seasonalFactor(date: string, topic: string, events: readonly DatedEvent[]): { factor: number; events: DatedEvent[] } {
  const words = new Set(topic.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  let factor = 1;
  const hits: DatedEvent[] = [];
  for (const e of events) {
    if (e.date !== date) continue;
    hits.push(e);
    factor *= e.lift;
    if (e.topics.some((t) => words.has(t) || words.has(`${t}s`))) factor *= e.topicLift;
  }
  return { factor, events: hits };
}
