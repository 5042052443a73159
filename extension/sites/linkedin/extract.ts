import { countBefore, parseCount } from '../../../shared/metrics/count.ts';
import { parseRelativeTime } from '../../../shared/metrics/time.ts';
import { all, blockText, first, outermost, text, toIso } from '../dom.ts';
import { maybe, read } from '../misses.ts';
import type { Extraction, Misses, PageKind, Post, Profile } from '../types.ts';
import { linkedInPageKind } from './kind.ts';
import * as S from './selectors.ts';

/** Matches inside `root` that are not part of its comments section. */
function postOwn(root: Element, selectors: readonly string[]): Element[] {
  for (const s of selectors) {
    const found = Array.from(root.querySelectorAll(s)).filter((el) => !el.closest(S.commentScope));
    if (found.length) return found;
  }
  return [];
}

/** Activity ids are snowflakes: the top 41 bits are the creation time in ms since epoch. */
export function timeFromActivityUrn(urn: string | null | undefined): Date | null {
  const id = urn ? /activity:(\d{15,})/.exec(urn)?.[1] : undefined;
  if (!id) return null;
  const ms = Number(BigInt(id) >> 22n);
  return ms > Date.UTC(2003, 0, 1) ? new Date(ms) : null;
}

/** The post's URN: on the root, on its first URN-carrying descendant, or in its tracking scope. */
function postUrn(root: Element): string | null {
  const own = root.getAttribute('data-urn') ?? root.getAttribute('data-id');
  if (own) return own;
  const inner = root.querySelector('[data-urn^="urn:li:activity:"], [data-urn^="urn:li:aggregate:"], [data-id^="urn:li:activity:"]');
  const innerUrn = inner?.getAttribute('data-urn') ?? inner?.getAttribute('data-id');
  if (innerUrn) return innerUrn;
  return /"updateUrn":"(urn:li:[^"]+)"/.exec(root.getAttribute('data-view-tracking-scope') ?? '')?.[1] ?? null;
}

function authorOf(root: Element): string | null {
  const name = text(postOwn(root, S.actorName)[0]);
  if (name) return name;
  const label = postOwn(root, S.actorLink)[0]?.getAttribute('aria-label');
  return label ? label.replace(/^View:\s*/, '').split(/\s+•\s+/)[0]?.trim() || null : null;
}

function reactionsOf(root: Element): number | null {
  for (const el of postOwn(root, S.reactionsButton)) {
    const n = countBefore(el.getAttribute('aria-label'), 'reactions?');
    if (n !== null) return n;
  }
  // "Chris Kruger and 4 others" → 5: exact, while the number beside it rounds past 10K.
  const proof = postOwn(root, S.reactionsSocialProof)[0];
  const label = proof?.getAttribute('aria-label') ?? text(proof);
  const others = label ? /and\s+([\d,.]+)(\s*[KM])?\s+others?/i.exec(label) : null;
  if (others?.[1] && !others[2]) {
    const n = parseCount(others[1]);
    if (n !== null) return n + 1;
  }
  const shown = parseCount(text(postOwn(root, S.reactionsFallbackNumber)[0]));
  if (shown !== null) return shown;
  // A lone name ("Chris Kruger") is one reaction.
  if (label && !/\d/.test(label)) return 1;
  return null;
}

function labelCount(root: Element, selectors: readonly string[], noun: string): number | null {
  for (const el of postOwn(root, selectors)) {
    const n = countBefore(el.getAttribute('aria-label') ?? text(el), noun);
    if (n !== null) return n;
  }
  return null;
}

function readPost(root: Element, url: URL, capturedAt: Date, misses: Misses): Post | null {
  const author = maybe(() => authorOf(root));
  const body = maybe(() => blockText(postOwn(root, S.postText)[0]));
  // Occluded placeholders in LinkedIn's virtual list have no actor and no text yet.
  if (!author && !body) return null;
  const urn = maybe(() => postUrn(root));
  const activity = urn ? /urn:li:activity:\d+/.exec(urn)?.[0] : undefined;
  // Zero counts are not printed; the action bar proves the post could have shown them.
  const hasBar = postOwn(root, S.socialBar).length > 0;
  const orZero = (n: number | null) => (n === null && hasBar ? 0 : n);
  return {
    id: activity ?? urn,
    url: activity ? new URL(`/feed/update/${activity}/`, url).href : null,
    author: author ?? read(misses, 'post.author', () => null),
    text: body,
    publishedAt: read(misses, 'post.publishedAt', () => {
      const line = postOwn(root, S.actorTime)[0];
      if (line) {
        for (const copy of [...S.actorTimeCopies.map((s) => line.querySelector(s)), line]) {
          const d = parseRelativeTime(text(copy), capturedAt);
          if (d) return toIso(d);
        }
      }
      // Promoted posts print no time: the activity id still dates them.
      return toIso(timeFromActivityUrn(urn));
    }),
    reactions: read(misses, 'post.reactions', () => orZero(reactionsOf(root))),
    comments: read(misses, 'post.comments', () => orZero(labelCount(root, S.commentsCount, 'comments?'))),
    reposts: read(misses, 'post.reposts', () => orZero(labelCount(root, S.repostsCount, 'reposts?'))),
  };
}

interface Employees {
  band: string;
  min: number | null;
  max: number | null;
}

/** "51-200 employees" → {band: "51-200", min: 51, max: 200}; "10,001+ employees" → max null. */
export function parseEmployees(s: string): Employees | null {
  const m = /([\d,.]+\s*[KM]?)\s*(?:[-–]\s*([\d,.]+\s*[KM]?)|(\+))?\s*employees?/i.exec(s);
  if (!m?.[1]) return null;
  const min = parseCount(m[1]);
  const max = m[2] ? parseCount(m[2]) : m[3] ? null : min;
  const band = m[0].replace(/\s*employees?$/i, '').replace(/\s+/g, '');
  return { band, min, max };
}

/** A labelled fact of the About tab (<dt>Industry</dt><dd>Software Development</dd>). */
function aboutField(doc: Document, label: RegExp): string | null {
  for (const dt of Array.from(doc.querySelectorAll(S.aboutTerm.join(',')))) {
    if (!label.test(text(dt))) continue;
    let dd = dt.nextElementSibling;
    while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
    const value = text(dd);
    if (value) return value;
  }
  return null;
}

function readCompany(doc: Document, misses: Misses): Profile {
  const items = all(doc, S.companyInfoItem).map((el) => text(el)).filter(Boolean);
  // Outside the info list the same facts appear as short free-standing lines in the card.
  const card = first(doc, S.companyTopCard);
  const lines = items.length ? items : card ? Array.from(card.querySelectorAll('div, span, a')).map((el) => text(el)) : [];
  const followersLine = lines.find((l) => /^[\d,.]+\s*[KMB]?\s+followers?$/i.test(l));
  const employeesLine = lines.find((l) => /employees?$/i.test(l) && /\d/.test(l));
  // The list prints industry first, then headquarters, then the counts.
  const facts = items.filter((l) => l !== followersLine && l !== employeesLine && !/\d\s*(?:followers?|employees?)$/i.test(l));
  const employees = employeesLine ? parseEmployees(employeesLine) : null;
  const mainLabel = first(doc, S.companyMain)?.getAttribute('aria-label')?.replace(/^Organization page for\s*/i, '');
  return {
    name: read(misses, 'profile.name', () => text(first(doc, S.companyName)) || mainLabel),
    followers: read(misses, 'profile.followers', () => parseCount(followersLine)),
    employees: read(misses, 'profile.employees', () => employees?.band),
    employeesMin: employees?.min ?? null,
    employeesMax: employees?.max ?? null,
    industry: read(misses, 'profile.industry', () => aboutField(doc, /^industry$/i) ?? facts[0]),
    location: read(misses, 'profile.location', () => aboutField(doc, /^headquarters$/i) ?? facts[1]),
  };
}

function firstMatching(doc: Document, selectors: readonly string[], re: RegExp): string | null {
  for (const s of selectors) {
    for (const el of Array.from(doc.querySelectorAll(s))) {
      // Short lines only: a whole card also starts with its first line. Screen-reader copies
      // repeat the line ("1,159 followers 1,159 followers"), so the pattern is not end-anchored.
      const t = text(el);
      if (t.length < 80 && re.test(t)) return t;
    }
  }
  return null;
}

function readPerson(doc: Document, misses: Misses): Profile {
  return {
    name: read(misses, 'profile.name', () => text(first(doc, S.personName))),
    headline: read(misses, 'profile.headline', () => text(first(doc, S.personHeadline))),
    connections: read(misses, 'profile.connections', () =>
      parseCount(firstMatching(doc, S.personConnections, /^[\d,.]+\+?\s+connections?(?![a-z])/i)),
    ),
    followers: read(misses, 'profile.followers', () =>
      parseCount(firstMatching(doc, S.personFollowers, /^[\d,.]+\s*[KM]?\s+followers?(?![a-z])/i)),
    ),
  };
}

function readActivityOwner(doc: Document, misses: Misses): Profile {
  return {
    name: read(misses, 'profile.name', () => {
      const el = first(doc, S.activityName);
      const fromCard = el?.tagName === 'IMG' ? el.getAttribute('alt') : text(el);
      // Title "(3) Activity | Steve Hind | LinkedIn".
      return fromCard || /Activity \| (.+?) \| LinkedIn/.exec(doc.title)?.[1];
    }),
  };
}

/** Extracts a LinkedIn page: company or member header and every rendered post. */
export function extractLinkedIn(doc: Document, url: URL, capturedAt: Date): Extraction {
  const misses: Misses = {};
  const kind: PageKind = maybe(() => linkedInPageKind(url)) ?? 'unknown';
  let profile: Profile | null = null;
  if (kind === 'company' || kind === 'company-posts') profile = readCompany(doc, misses);
  else if (kind === 'profile') profile = readPerson(doc, misses);
  else if (kind === 'activity') profile = readActivityOwner(doc, misses);
  const posts: Post[] = [];
  const roots = maybe(() => outermost(Array.from(doc.querySelectorAll(S.post.join(','))))) ?? [];
  for (const root of roots) {
    try {
      const p = readPost(root, url, capturedAt, misses);
      if (p) posts.push(p);
    } catch {
      misses['post'] = (misses['post'] ?? 0) + 1;
    }
  }
  // A listing page with no readable post means the post hooks no longer match.
  if (posts.length === 0 && (kind === 'feed' || kind === 'company-posts' || kind === 'activity')) misses['posts'] = 1;
  return { platform: 'linkedin', kind, profile, posts, misses };
}
