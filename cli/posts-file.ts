import { readFileSync } from 'node:fs';
import { socialPlatforms, timeZoneName } from '../shared/contracts/api.ts';
import { formatRowError, parseIsoTime, parsePostsCsv, type Post } from '../shared/posts/canonical.ts';
import { IMPORT_FORMATS } from '../shared/posts/importers.ts';
import { CliError, type Io } from './io.ts';

/**
 * The platforms a posts file may name: the social platforms the product serves and the
 * sources `posts import` converts. A row on any other (a typo: 'twiter') is an error, not a
 * platform of its own with no defaults and no model.
 */
export const KNOWN_PLATFORMS: readonly string[] = [...new Set([...socialPlatforms, ...IMPORT_FORMATS])].sort();

/**
 * A canonical posts CSV named by a flag. Commands that learn from history stop at the first
 * bad row (line and field, with how many more) rather than quietly fitting on part of it:
 * `sightline posts import` is the lenient path that skips and reports bad rows.
 */
export function readPostsFile(file: string, flag = '--posts', opts: { platforms?: readonly string[]; platformsAre?: string } = {}): Post[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${flag} ${file}: ${(err as Error).message}`);
  }
  let parsed;
  try {
    parsed = parsePostsCsv(text, { platforms: opts.platforms ?? KNOWN_PLATFORMS });
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  if (parsed.errors.length) {
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more bad row(s))` : '';
    const first = parsed.errors[0]!;
    const why = first.field === 'platform' && opts.platformsAre && first.message !== 'is empty' ? ` (${opts.platformsAre})` : '';
    throw new CliError(`${file}: ${formatRowError(first)}${why}${more}`);
  }
  return parsed.items;
}

/** `--tz` checked against the runtime's zone list, so a typo is a usage error rather than UTC. */
export function timeZoneFlag(value: string | undefined, fallback = 'UTC'): string {
  const timeZone = value ?? fallback;
  if (!timeZoneName.safeParse(timeZone).success) throw new CliError(`--tz '${timeZone}' is not an IANA time zone (e.g. America/New_York)`, 2);
  return timeZone;
}

/**
 * A date flag read with the same ISO 8601 check as a posts file's published_at (so 30
 * February or a bare '5' is refused, and a time without an offset is UTC); epoch ms.
 */
export function timeFlag(value: string, flag: string): number {
  const ms = parseIsoTime(value);
  if (ms === null) throw new CliError(`${flag} '${value}' is not an ISO 8601 time`, 2);
  return ms;
}

/**
 * The one platform a per-account engine should look at: `--platform` when given, else the
 * file's only platform. A file mixing platforms needs the flag: best hours and style on X
 * say nothing about LinkedIn.
 */
export function platformFlag(posts: readonly Post[], value: string | undefined, file: string): string {
  const present = [...new Set(posts.map((p) => p.platform))].sort();
  // Lowercased as the file's platform cells are.
  value = value?.trim().toLowerCase();
  if (value) {
    if (!KNOWN_PLATFORMS.includes(value)) throw new CliError(`--platform '${value}' is not one of ${KNOWN_PLATFORMS.join(', ')}`, 2);
    if (posts.length && !present.includes(value)) throw new CliError(`${file} has no ${value} posts (platforms in it: ${present.join(', ')})`);
    return value;
  }
  if (present.length > 1) throw new CliError(`${file} mixes platforms (${present.join(', ')}); pick one with --platform`, 2);
  if (!present.length) throw new CliError(`${file} has no posts; pass --platform to get that platform's defaults`, 2);
  return present[0]!;
}

/**
 * One account's posts for the per-account engines (best hours, style): `--author` keeps that
 * author's; without it a file holding several authors' is used whole, with a note on stderr,
 * since a team may mean to pool its accounts but usually wants one.
 */
export function accountPosts(posts: readonly Post[], author: string | undefined, file: string, io: Io): Post[] {
  if (author !== undefined) {
    const mine = posts.filter((p) => p.author === author);
    if (!mine.length) throw new CliError(`${file} has no posts by author '${author}'`);
    return mine;
  }
  const authors = new Set(posts.map((p) => p.author));
  if (authors.size > 1) io.stderr(`note: posts by ${authors.size} authors are pooled; pass --author <id> for one account\n`);
  return [...posts];
}
