import { extractLinkedIn } from './linkedin/extract.ts';
import type { Extraction, Extractor, Platform } from './types.ts';
import { extractX } from './x/extract.ts';
import { extractYouTube } from './youtube/extract.ts';

export type { Extraction, Extractor, Platform, Post, Profile } from './types.ts';

/** Which supported site a URL belongs to, from its host name alone. */
export function platformOf(url: URL): Platform | null {
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) return 'linkedin';
  if (host === 'x.com' || host === 'twitter.com') return 'x';
  if (host === 'youtube.com' || host.endsWith('.youtube.com')) return 'youtube';
  return null;
}

const EXTRACTORS: Record<Platform, Extractor> = {
  linkedin: extractLinkedIn,
  x: extractX,
  youtube: extractYouTube,
};

/** Runs the extractor for the URL's site; null when the site is not supported. */
export function extractPage(doc: Document, url: URL, capturedAt: Date): Extraction | null {
  const platform = platformOf(url);
  return platform ? EXTRACTORS[platform](doc, url, capturedAt) : null;
}
