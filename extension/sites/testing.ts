import { Window } from 'happy-dom';

/**
 * Test helper: an inert Document for `html` at `url` (no scripts run, nothing loaded), the
 * way a content script sees a rendered page. Only tests import this file.
 */
export function documentFrom(html: string, url: string): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}
