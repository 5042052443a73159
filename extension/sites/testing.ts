import { loadDocument } from './inert-document.ts';

/**
 * Test helper: an inert Document for `html` at `url` (no scripts run, nothing loaded), the
 * way a content script sees a rendered page. Only tests import this file.
 */
export function documentFrom(html: string, url: string): Document {
  return loadDocument(html, url).document;
}
